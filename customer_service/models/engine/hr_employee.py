from odoo import models


class HrEmployeeBase(models.AbstractModel):
    _inherit = "hr.employee.base"

    def _cs_manager_user(self):
        """The user of the employee's manager (empty without one): who answers
        for the employee in approvals, reviews and escalations."""
        return self.parent_id.user_id
