from collections import defaultdict

from markupsafe import escape

from odoo import api, models

# Stand-ins for what differs between the customers of a rendering group.
TOKEN_MARK = "__cs_answer_token_7f3c__"
NAME_MARK = "__cs_customer_name_7f3c__"


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    @api.model
    def _cs_queue_invitations(self, answers, reminder=False):
        """Queues the survey invitation of many answers (campaigns, R5.1/R5.2).

        The survey's invitation template is rendered once per survey, language
        and deadline, then filled in per customer (name and answer link), each
        in the customer's language; the mails are left to the mail queue:
        nothing is sent inline.
        """
        template = self.env.ref(
            "survey.mail_template_user_input_invite", raise_if_not_found=False
        )
        mails = []
        senders = {}
        for survey, survey_answers in answers.grouped("survey_id").items():
            # The composer only renders the survey's own invitation template.
            invite = self.sudo().create(
                {"survey_id": survey.id, "template_id": template.id}
            )
            survey_answers.fetch(["access_token", "deadline", "partner_id"])
            survey_answers.partner_id.fetch(["name", "lang"])
            langs = invite._cs_render_langs(survey_answers)
            groups = defaultdict(list)
            for answer in survey_answers:
                groups[langs[answer.id], answer.deadline].append(answer.id)
            subjects, bodies = {}, {}
            for ids in groups.values():
                group_subjects, group_bodies = invite._cs_render_group(
                    survey_answers.browse(ids)
                )
                subjects.update(group_subjects)
                bodies.update(group_bodies)
            for answer in survey_answers:
                subject = subjects[answer.id]
                if reminder:
                    # In the customer's language, like the rendered subject.
                    lang_env = self.with_context(lang=answer.partner_id.lang).env
                    subject = lang_env._("Reminder: %(subject)s", subject=subject)
                sender_key = answer.cs_company_id.id, answer.cs_campaign_id.id
                if sender_key not in senders:
                    senders[sender_key] = self._cs_sender(answer)
                author, email_from = senders[sender_key]
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
        Mail = self.env["mail.mail"].sudo()
        return Mail._cs_with_batch_defaults().create(mails).with_env(Mail.env)

    def _cs_render_langs(self, answers):
        """{answer id: language} of the invitation, as :meth:`_render_lang`
        gives it; the usual template's expression, the customer's language,
        is read from the customers instead of being evaluated per answer."""
        if (self.lang or "").strip() == "{{ object.partner_id.lang }}":
            return {answer.id: answer.partner_id.lang or "" for answer in answers}
        return self._render_lang(answers.ids)

    def _cs_render_group(self, answers):
        """({answer id: subject}, {answer id: body}) of answers sharing survey,
        language and deadline.

        Two customers are rendered; their texts, with each one's name and
        answer token replaced by a stand-in, must be identical, which proves
        that nothing else in the template depends on the customer. The
        others are then filled in from that text. When the proof fails (a
        template edited to show more of the customer, a name that also occurs
        in the text), every customer is rendered on its own, as before.
        """
        named = answers.filtered(lambda a: a.partner_id.name and a.access_token)
        if len(named) < 3:
            return self._cs_render_each(answers)
        samples = named[:2]
        subjects, bodies = self._cs_render_each(samples)

        def pattern(answer, text, html):
            name = answer.partner_id.name
            return (
                str(text)
                .replace(answer.access_token, TOKEN_MARK)
                .replace(str(escape(name)) if html else name, NAME_MARK)
            )

        first, second = samples
        subject = pattern(first, subjects[first.id], False)
        body = pattern(first, bodies[first.id], True)
        if subject != pattern(second, subjects[second.id], False) or body != pattern(
            second, bodies[second.id], True
        ):
            return self._cs_render_each(answers)
        markup = type(bodies[first.id])
        for answer in named - samples:
            name = answer.partner_id.name
            subjects[answer.id] = subject.replace(
                TOKEN_MARK, answer.access_token
            ).replace(NAME_MARK, name)
            bodies[answer.id] = markup(
                body.replace(TOKEN_MARK, answer.access_token).replace(
                    NAME_MARK, str(escape(name))
                )
            )
        others_subjects, others_bodies = self._cs_render_each(answers - named)
        return subjects | others_subjects, bodies | others_bodies

    def _cs_render_each(self, answers):
        if not answers:
            return {}, {}
        return (
            self._render_field("subject", answers.ids, compute_lang=True),
            self._render_field("body", answers.ids, compute_lang=True),
        )

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
