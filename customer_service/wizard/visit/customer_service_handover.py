from odoo import models


class CustomerServiceHandover(models.TransientModel):
    _inherit = "customer_service.handover"

    def _handover_documents(self, partners):
        """The leaving user's planned visits go to the new account manager."""
        visits = self.env["customer_service.visit"].search(
            [*self._document_domain(), ("state", "=", "planned")]
        )
        visits.write({"user_id": self.to_user_id.id})
        return [*super()._handover_documents(partners), visits]
