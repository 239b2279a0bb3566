from odoo import models


class AccountMove(models.Model):
    """Complaints about an invoice."""

    _inherit = "account.move"

    def action_cs_new_complaint(self):
        """Opens a complaint about this invoice, prefilled."""
        self.ensure_one()
        return self.env["customer_service.complaint"]._action_new(
            partner_id=self.partner_id.id,
            invoice_id=self.id,
            sale_order_id=self.line_ids.sale_line_ids.order_id[:1].id,
            company_id=self.company_id.id,
        )
