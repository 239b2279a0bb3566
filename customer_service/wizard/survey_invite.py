from odoo import _, api, models


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
                    subject = _("Reminder: %(subject)s", subject=subject)
                company = answer.cs_company_id or self.env.company
                mails.append(
                    {
                        "auto_delete": True,
                        "author_id": invite.author_id.id,
                        "body_html": bodies[answer.id],
                        "email_from": self.env.user.email_formatted
                        or company.email_formatted,
                        "model": None,
                        "res_id": None,
                        "subject": subject,
                        "recipient_ids": [(4, answer.partner_id.id)],
                    }
                )
        return self.env["mail.mail"].sudo().create(mails)
