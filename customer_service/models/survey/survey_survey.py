from odoo import _, api, models
from odoo.exceptions import UserError


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cs_answered(self):
        """Deleting a questionnaire deletes its answers: keep those of customers."""
        answered = (
            self.env["survey.user_input"]
            .sudo()
            .search_count(
                [
                    ("survey_id", "in", self.ids),
                    ("cs_company_id", "!=", False),
                    ("state", "=", "done"),
                ],
                limit=1,
            )
        )
        if answered:
            raise UserError(
                _(
                    "A questionnaire that customers have answered cannot be "
                    "deleted: archive it instead."
                )
            )

    def _cs_create_answers(self, vals_list):
        """:meth:`_create_answer` for many customers at once (campaigns, R5.1).

        ``vals_list`` holds one dict per answer with at least ``partner_id``; the
        survey's own checks run once, the answers are created in one batch.
        """
        self.ensure_one()
        self.check_access("read")
        Partner = self.env["res.partner"]
        if not vals_list:
            return self.env["survey.user_input"]
        self._check_answer_creation(
            False,
            Partner.browse(vals_list[0]["partner_id"]),
            False,
            check_attempts=False,
        )
        partners = Partner.browse([vals["partner_id"] for vals in vals_list])
        partners.fetch(["name", "email"])
        token = self.is_attempts_limited and self.access_mode != "public"
        # Invitations need no chatter of their own, nor a log per answer.
        Answer = (
            self.env["survey.user_input"]
            .with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            )
            ._cs_with_batch_defaults()
        )
        # A new answer has no lines yet: its score is nil whatever the
        # questions, so the stored scoring fields are inserted with their
        # value instead of being computed answer by answer and written back.
        scoring = {
            "scoring_percentage": 0.0,
            "scoring_total": 0.0,
            "scoring_success": self.scoring_success_min <= 0.0,
        }
        shared = dict(scoring)
        questions = None
        if self.questions_selection == "all":
            # Same questions for everyone: prepared once, not once per answer,
            # and linked below in one statement rather than row by row.
            questions = self._prepare_user_input_predefined_questions()
            shared["predefined_question_ids"] = []
        answers_vals = []
        for vals in vals_list:
            partner = Partner.browse(vals["partner_id"])
            answers_vals.append(
                {
                    "survey_id": self.id,
                    "email": partner.email,
                    "nickname": partner.name,
                    **shared,
                    **(
                        {"invite_token": Answer._generate_invite_token()}
                        if token
                        else {}
                    ),
                    **vals,
                }
            )
        answers = Answer.create(answers_vals)
        for fname in scoring:
            self.env.remove_to_compute(Answer._fields[fname], answers)
        if questions:
            answers._cs_link_predefined_questions(questions)
        return answers.with_env(self.env)
