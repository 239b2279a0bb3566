from odoo import api, models


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    @api.model
    def _cs_queue_invitations(self, answers, reminder=False):
        """Queues the survey invitation of many answers (campaigns, R5.1/R5.2).

        Renders the survey's invitation template for all of them at once, each in
        the customer's language, and leaves the mails to the mail queue: nothing
        is sent inline.
        """
        template = self.env.ref(
            "survey.mail_template_user_input_invite", raise_if_not_found=False
        )
        mails = []
        for survey, survey_answers in answers.grouped("survey_id").items():
            # The composer only renders the survey's own invitation template.
            invite = self.sudo().create(
                {"survey_id": survey.id, "template_id": template.id}
            )
            subjects = invite._render_field(
                "subject", survey_answers.ids, compute_lang=True
            )
            bodies = invite._render_field("body", survey_answers.ids, compute_lang=True)
            for answer in survey_answers:
                subject = subjects[answer.id]
                if reminder:
                    # In the customer's language, like the rendered subject.
                    lang_env = self.with_context(lang=answer.partner_id.lang).env
                    subject = lang_env._("Reminder: %(subject)s", subject=subject)
                author, email_from = self._cs_sender(answer)
                mails.append(
                    {
                        "auto_delete": True,
                        "author_id": author.id,
                        "body_html": bodies[answer.id],
                        "email_from": email_from,
                        "model": None,
                        "res_id": None,
                        "subject": subject,
                        "recipient_ids": [(4, answer.partner_id.id)],
                    }
                )
        return self.env["mail.mail"].sudo().create(mails)

    @api.model
    def _cs_sender(self, answer):
        """(author, email_from): the campaign's responsible, else the employee
        sending, else the company; never OdooBot, which runs the crons."""
        company = answer.cs_company_id or self.env.company
        user = answer.cs_campaign_id.user_id
        if not user and not self.env.user._is_superuser():
            user = self.env.user
        if user.email:
            return user.partner_id, user.email_formatted
        return company.partner_id, company.email_formatted
