from odoo import fields, models


class CustomerServiceVisit(models.Model):
    """Visits send a satisfaction survey when done (R5.2) and are the default
    follow-up of a dissatisfied answer (R5.5)."""

    _name = "customer_service.visit"
    _inherit = ["customer_service.visit", "customer_service.survey.subject"]

    visit_type = fields.Selection(
        selection_add=[("survey_followup", "Survey follow-up")],
        ondelete={"survey_followup": "set default"},
    )

    def action_done(self):
        result = super().action_done()
        self._cs_send_satisfaction_survey()
        return result
