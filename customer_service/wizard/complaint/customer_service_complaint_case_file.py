from datetime import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CustomerServiceComplaintCaseFile(models.TransientModel):
    """The year's case file (按年度建立案宗, R2.23): the complaints closed in a
    year, in one PDF ordered by reference, after an index page."""

    _name = "customer_service.complaint.case.file"
    _description = "Complaint Case File of a Year"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 1900 <= wizard.year <= 9999:
                raise ValidationError(_("Give the year as four digits, e.g. 2026."))

    def _year_bounds(self):
        """The year in the company's time zone, as UTC datetimes."""
        self.ensure_one()
        tz = pytz.timezone(
            self.company_id.resource_calendar_id.tz or self.env.user.tz or "UTC"
        )

        def utc(year):
            return (
                tz.localize(datetime(year, 1, 1))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        return utc(self.year), utc(self.year + 1)

    def _complaint_domain(self):
        start, end = self._year_bounds()
        return [
            ("company_id", "=", self.company_id.id),
            ("state", "=", "closed"),
            ("closed_at", ">=", start),
            ("closed_at", "<", end),
        ]

    def _complaints(self):
        # As the user: the file holds what they may read.
        return self.env["customer_service.complaint"].search(
            self._complaint_domain(), order="name, id"
        )

    def action_print(self):
        self.ensure_one()
        complaints = self._complaints()
        if not complaints:
            raise UserError(_("No complaint was closed in %(year)s.", year=self.year))
        pdf, _format = self.env["ir.actions.report"]._render_qweb_pdf(
            "customer_service.action_report_complaint_case_file",
            complaints.ids,
            data={"year": self.year},
        )
        # Without a res_id, only its creator (and administrators) may read it.
        attachment = self.env["ir.attachment"].create(
            {
                "name": _("Complaint Case File %(year)s.pdf", year=self.year),
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": "customer_service.complaint",
                "res_id": False,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }
