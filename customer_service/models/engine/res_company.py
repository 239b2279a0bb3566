import zoneinfo
from datetime import datetime

from odoo import _, fields, models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    cs_multi_level_approval = fields.Boolean(
        string="One Person May Approve Several Levels",
        help="Otherwise each level of an approval is decided by another person.",
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
