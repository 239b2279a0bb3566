import zoneinfo
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResCompany(models.Model):
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
    cs_multi_level_approval = fields.Boolean(
        string="One Person May Approve Several Levels",
        help="Otherwise each level of an approval is decided by another person.",
    )

    @api.constrains("cs_visit_lead_days")
    def _check_cs_visit_lead_days(self):
        if any(company.cs_visit_lead_days < 0 for company in self):
            raise ValidationError(
                _("The routine visit lead cannot be a negative number of days.")
            )

    def _cs_today(self):
        """Today in the company's zone (its working calendar's), whoever asks:
        a campaign sent "today" is the company's day, not the user's."""
        self.ensure_one()
        zone = self.resource_calendar_id.tz or self.partner_id.tz or "UTC"
        return datetime.now(zoneinfo.ZoneInfo(zone)).date()

    def _cs_working_calendar(self):
        """The calendar every deadline of the company is counted on."""
        self.ensure_one()
        if not self.resource_calendar_id:
            raise UserError(
                _(
                    "Company %(company)s has no working calendar: set one in its "
                    "settings before deadlines can be computed.",
                    company=self.name,
                )
            )
        return self.resource_calendar_id
