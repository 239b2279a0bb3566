from odoo import models

from ..models.customer_service_complaint import DONE_STATES


class CustomerServiceHandover(models.TransientModel):
    _inherit = "customer_service.handover"

    def _handover_documents(self, partners):
        """Open complaints handled by the leaving user move with the customers."""
        complaints = self.env["customer_service.complaint"].search(
            [
                ("user_id", "=", self.from_user_id.id),
                ("state", "not in", DONE_STATES),
            ]
        )
        # A complaint about the new handler stays with its current handler.
        movable = complaints.filtered(
            lambda c: not c._is_complained_about(self.to_user_id)
        )
        movable.write({"user_id": self.to_user_id.id})
        return [*super()._handover_documents(partners), movable]
