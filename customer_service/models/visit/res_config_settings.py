from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_visit_expense_limit = fields.Monetary(
        related="company_id.cs_visit_expense_limit",
        readonly=False,
        currency_field="cs_currency_id",
    )
    cs_visit_lead_days = fields.Integer(
        related="company_id.cs_visit_lead_days", readonly=False
    )
