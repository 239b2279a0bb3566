from odoo import api, fields, models
from odoo.osv import expression

from .customer_service_complaint import DONE_STATES


class SurveyUserInput(models.Model):
    """Answers about complaints: complaints as follow-ups, and recusal."""

    _inherit = "survey.user_input"

    # Recusal (R2.7): the employee complained about reads the answers about
    # the complaint only as far as he may read the complaint.
    cs_recused = fields.Boolean(
        string="Hidden by Recusal",
        compute="_compute_cs_recused",
        search="_search_cs_recused",
        help="About a complaint, or one of its return visits, naming the current "
        "user as the employee complained about.",
    )

    @api.model
    def _cs_followup_open_models(self):
        return {
            **super()._cs_followup_open_models(),
            "customer_service.complaint": [("state", "not in", list(DONE_STATES))],
        }

    # ------------------------------------------------------------------
    # Recusal (R2.7)
    # ------------------------------------------------------------------
    def _compute_cs_recused(self):
        hidden = self.search([("id", "in", self.ids), ("cs_recused", "=", True)])
        for answer in self:
            answer.cs_recused = answer in hidden

    @api.model
    def _search_cs_recused(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        # sudo: the complaints to hide are precisely those the user cannot read.
        complaints = (
            self.env["customer_service.complaint"]
            .sudo()
            .search(
                [
                    ("complained_employee_ids.user_id", "in", [self.env.uid]),
                    ("recusal_granted_user_ids", "not in", [self.env.uid]),
                ]
            )
        )
        visits = (
            self.env["customer_service.visit"]
            .sudo()
            .search([("complaint_id", "in", complaints.ids)])
        )
        if not complaints:
            domain = expression.FALSE_DOMAIN
        else:
            domain = expression.OR(
                [
                    [
                        ("cs_res_model", "=", complaints._name),
                        ("cs_res_id", "in", complaints.ids),
                    ],
                    [
                        ("cs_followup_model", "=", complaints._name),
                        ("cs_followup_id", "in", complaints.ids),
                    ],
                    [
                        ("cs_res_model", "=", visits._name),
                        ("cs_res_id", "in", visits.ids),
                    ],
                ]
            )
        hidden = (operator == "=") == value
        return domain if hidden else ["!", *domain]
