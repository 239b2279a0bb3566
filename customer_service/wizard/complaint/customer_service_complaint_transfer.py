from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CustomerServiceComplaintTransfer(models.TransientModel):
    """Transfers a complaint to the responsible department with a note (R2.9)."""

    _name = "customer_service.complaint.transfer"
    _description = "Transfer a Complaint"

    complaint_id = fields.Many2one("customer_service.complaint", required=True)
    department_id = fields.Many2one("hr.department", required=True)
    # R2.7: the employees complained about are not offered as handler; the
    # complaint's constraint refuses them whatever the form offers.
    recused_user_ids = fields.Many2many(
        "res.users",
        string="Employees Complained About",
        compute="_compute_recused_user_ids",
    )
    user_id = fields.Many2one(
        "res.users",
        string="New Handler",
        domain="[('share', '=', False), ('id', 'not in', recused_user_ids)]",
    )

    @api.depends("complaint_id")
    def _compute_recused_user_ids(self):
        for wizard in self:
            wizard.recused_user_ids = wizard.complaint_id._recused_user_ids()

    note = fields.Text(string="Transfer Note", required=True)

    def action_apply(self):
        self.ensure_one()
        if not self.note.strip():
            raise UserError(_("Write a transfer note for the department."))
        self.complaint_id._transfer(self.department_id, self.user_id, self.note)
        return {"type": "ir.actions.act_window_close"}
