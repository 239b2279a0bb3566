from odoo import api, fields, models


class CustomerServiceCreditReadLog(models.Model):
    """Who read which customer's credit file, and when (R1.5)."""

    _name = "customer_service.credit.read.log"
    _description = "Credit File Read Log"
    _order = "id desc"
    _log_access = True

    user_id = fields.Many2one(
        "res.users", required=True, index=True, readonly=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    source = fields.Selection(
        [("customer", "Customer credit tab"), ("application", "Credit application")],
        required=True,
        readonly=True,
    )

    @api.model
    def _log_reads(self, partners, source):
        """One line per customer read; the reader may not write the log."""
        # A customer being created (a new form) has no credit file to read yet.
        partners = partners.commercial_partner_id.filtered("id")
        if not partners or self.env.su:
            return
        self.sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "partner_id": partner.id,
                    "company_id": self.env.company.id,
                    "source": source,
                }
                for partner in partners
            ]
        )
