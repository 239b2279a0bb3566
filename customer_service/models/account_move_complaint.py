from odoo import _, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def action_cs_new_complaint(self):
        """Opens a complaint about this invoice, prefilled."""
        self.ensure_one()
        order = self.line_ids.sale_line_ids.order_id[:1]
        return {
            "type": "ir.actions.act_window",
            "name": _("New Complaint"),
            "res_model": "customer_service.complaint",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_invoice_id": self.id,
                "default_sale_order_id": order.id,
                "default_company_id": self.company_id.id,
            },
        }
