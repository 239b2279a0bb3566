from odoo import _, fields, models
from odoo.exceptions import UserError


class CustomerServiceComplaintTransfer(models.TransientModel):
    """Transfers a complaint to the responsible department with a note (R2.9)."""

    _name = "customer_service.complaint.transfer"
    _description = "Transfer a Complaint"

    complaint_id = fields.Many2one("customer_service.complaint", required=True)
    department_id = fields.Many2one("hr.department", required=True)
    user_id = fields.Many2one(
        "res.users", string="New Handler", domain="[('share', '=', False)]"
    )
    note = fields.Text(string="Transfer Note", required=True)

    def action_apply(self):
        self.ensure_one()
        if not self.note.strip():
            raise UserError(_("Write a transfer note for the department."))
        self.complaint_id._transfer(self.department_id, self.user_id, self.note)
        return {"type": "ir.actions.act_window_close"}
