from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Visit policy numbers of the regulations (R3)."""

    _inherit = "res.company"

    cs_visit_expense_limit = fields.Monetary(
        string="Visit Expense Limit",
        currency_field="currency_id",
        default=500.0,
        help="Expenses of one visit above this amount need approval; the excess "
        "is borne by the employee unless approved.",
    )
    cs_visit_lead_days = fields.Integer(
        string="Routine Visit Lead (working days)",
        default=2,
        help="Routine visits are planned at least this many working days ahead, "
        "so that the employee can prepare them.",
    )

    @api.constrains("cs_visit_lead_days")
    def _check_cs_visit_lead_days(self):
        if any(company.cs_visit_lead_days < 0 for company in self):
            raise ValidationError(
                _("The routine visit lead cannot be a negative number of days.")
            )
