from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CustomerServiceHandover(models.TransientModel):
    """Hands one employee's customers and open work over to another (R1.4)."""

    _name = "customer_service.handover"
    _description = "Customer Handover"

    from_user_id = fields.Many2one(
        "res.users", string="From", required=True, domain="[('share', '=', False)]"
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="To",
        required=True,
        domain="[('share', '=', False), ('id', '!=', from_user_id)]",
    )
    company_id = fields.Many2one(
        "res.company",
        help="Only customers and documents of this company; empty for all companies.",
    )
    grade_ids = fields.Many2many(
        "customer_service.grade",
        string="Grades",
        help="Only customers of these grades; empty for every customer.",
    )
    note = fields.Text(help="Added to the chatter note of every record handed over.")
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    @api.depends("from_user_id", "company_id", "grade_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = (
                self.env["res.partner"].search_count(wizard._partner_domain())
                if wizard.from_user_id
                else 0
            )

    def _partner_domain(self):
        domain = [
            "|",
            ("user_id", "=", self.from_user_id.id),
            ("cs_backup_user_id", "=", self.from_user_id.id),
        ]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        if self.grade_ids:
            domain.append(("cs_grade_id", "in", self.grade_ids.ids))
        return domain

    def _check_users(self):
        if self.to_user_id == self.from_user_id:
            raise UserError(_("Hand the customers over to another user."))
        if not self.to_user_id.active:
            raise UserError(
                _(
                    "%(user)s is archived and cannot take customers over.",
                    user=self.to_user_id.name,
                )
            )
        if self.to_user_id.share:
            raise UserError(
                _("%(user)s is not an internal user.", user=self.to_user_id.name)
            )

    def _document_domain(self, user_field="user_id"):
        """The departing user's documents within the wizard's company and grades."""
        domain = [(user_field, "=", self.from_user_id.id)]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        if self.grade_ids:
            domain.append(("partner_id.cs_grade_id", "in", self.grade_ids.ids))
        return domain

    def _handover_documents(self, partners):
        """Reassigns the departing user's open documents; returns what it touched.

        Each feature extends this hook with its own documents, so the handover
        stays one step for the user.
        """
        return []

    def _log_handover(self, records):
        body = Markup("<p>%s</p>") % _(
            "Handed over from %(from_user)s to %(to_user)s.",
            from_user=self.from_user_id.name,
            to_user=self.to_user_id.name,
        )
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        records._message_log_batch(bodies=dict.fromkeys(records.ids, body))

    def action_apply(self):
        self.ensure_one()
        self._check_users()
        partners = self.env["res.partner"].search(self._partner_domain())
        to_user = self.to_user_id
        # A customer whose two roles were held by the two users keeps one of them:
        # the backup role falls empty and the new manager is asked to fill it.
        doubled = partners.filtered(
            lambda p: {p.user_id, p.cs_backup_user_id} == {self.from_user_id, to_user}
        )
        managed = partners.filtered(lambda p: p.user_id == self.from_user_id) - doubled
        backed = partners.filtered(lambda p: p.cs_backup_user_id == self.from_user_id)
        managed.write({"user_id": to_user.id})
        (backed - doubled).write({"cs_backup_user_id": to_user.id})
        doubled.with_context(cs_skip_backup_check=True).write(
            {"user_id": to_user.id, "cs_backup_user_id": False}
        )
        doubled._cs_request_backup()
        touched = [partners, *self._handover_documents(partners)]
        for records in touched:
            if records:
                self._log_handover(records)
        return {"type": "ir.actions.act_window_close"}
