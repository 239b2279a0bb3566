from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    cs_resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        check_company=True,
        help="Deadlines of this department's work; empty for the company's calendar.",
    )

    def _cs_working_calendar(self):
        self.ensure_one()
        return self.cs_resource_calendar_id or self.company_id._cs_working_calendar()
