from odoo import models


class SaleOrder(models.Model):
    """Complaints about an order."""

    _inherit = "sale.order"

    def action_cs_new_complaint(self):
        """Opens a complaint about this order, prefilled."""
        self.ensure_one()
        return self.env["customer_service.complaint"]._action_new(
            partner_id=self.partner_id.id,
            sale_order_id=self.id,
            company_id=self.company_id.id,
        )
