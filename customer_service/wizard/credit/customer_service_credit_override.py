from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...models.credit.sale_order import OVERRIDE_GROUP


class CustomerServiceCreditOverride(models.TransientModel):
    """Confirms orders the credit check blocks, with a reason kept on the order
    and on the customer (R4.4)."""

    _name = "customer_service.credit.override"
    _description = "Credit Override"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    block_message = fields.Text(compute="_compute_block_message")
    reason = fields.Text(required=True)

    @api.depends("order_ids")
    def _compute_block_message(self):
        for wizard in self:
            wizard.block_message = "\n\n".join(
                wizard.order_ids._cs_credit_block_messages()
            )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group(OVERRIDE_GROUP):
            raise UserError(
                _("Only members of Credit Override may confirm a blocked order.")
            )
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(
                _("Give the reason for confirming despite the credit check.")
            )
        orders = self.order_ids
        orders.write(
            {
                "cs_credit_override_reason": reason,
                "cs_credit_override_user_id": self.env.user.id,
            }
        )
        body = _(
            "Credit check overridden by %(user)s for %(orders)s: %(reason)s",
            user=self.env.user.name,
            orders=", ".join(orders.mapped("name")),
            reason=reason,
        )
        for partner in orders.partner_id.commercial_partner_id:
            # The override is logged on the customer even when the user may not
            # edit it.
            partner.sudo().message_post(body=body)
        orders.with_context(cs_credit_override=True).action_confirm()
        return True
