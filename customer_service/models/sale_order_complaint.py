from odoo import _, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_cs_new_complaint(self):
        """Opens a complaint about this order, prefilled."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Complaint"),
            "res_model": "customer_service.complaint",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_sale_order_id": self.id,
                "default_company_id": self.company_id.id,
            },
        }
