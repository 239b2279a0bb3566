from odoo import models

from ...models.complaint.customer_service_complaint import DONE_STATES


class CustomerServiceHandover(models.TransientModel):
    _inherit = "customer_service.handover"

    def _complaint_domain(self, partners):
        domain = [
            ("user_id", "=", self.from_user_id.id),
            ("state", "not in", DONE_STATES),
        ]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        if self.grade_ids:
            domain.append(("commercial_partner_id", "in", partners.ids))
        return domain

    def _handover_documents(self, partners):
        """The leaving user's open complaints go to the new handler (R1.4)."""
        complaints = self.env["customer_service.complaint"].search(
            self._complaint_domain(partners)
        )
        # A complaint about the new handler stays where it is (R2.7).
        movable = complaints.filtered(
            lambda c: not c._is_complained_about(self.to_user_id)
        )
        movable.write({"user_id": self.to_user_id.id})
        return [*super()._handover_documents(partners), movable]
