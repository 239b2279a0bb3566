from odoo import fields, models


class CustomerServiceComplaintReject(models.TransientModel):
    """Records that the customer rejects the proposed solution (R2.6)."""

    _name = "customer_service.complaint.reject"
    _description = "Customer Rejects a Solution"

    complaint_id = fields.Many2one("customer_service.complaint", required=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        self.complaint_id.action_customer_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
