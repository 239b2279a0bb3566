from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cs_complaint_count = fields.Integer(
        string="Complaints",
        compute="_compute_cs_complaint_count",
        groups="base.group_user",
    )
    cs_complaint_open_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_cs_complaint_count",
        groups="base.group_user",
    )
    cs_complaint_repeat_count = fields.Integer(
        string="Repeat Complaints",
        compute="_compute_cs_complaint_count",
        groups="base.group_user",
    )

    @api.depends_context("uid")
    def _compute_cs_complaint_count(self):
        """Counts of the commercial entity, in one grouped query for all."""
        Complaint = self.env["customer_service.complaint"]
        counts = {}
        # Employees without complaint access see no counts rather than an error.
        groups = []
        if Complaint.has_access("read"):
            groups = Complaint._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id", "state", "is_repeat"],
                ["__count"],
            )
        for partner, state, is_repeat, count in groups:
            total, open_count, repeat = counts.get(partner.id, (0, 0, 0))
            counts[partner.id] = (
                total + count,
                open_count
                + (count if state not in ("closed", "cancelled", "unfounded") else 0),
                repeat + (count if is_repeat else 0),
            )
        for partner in self:
            total, open_count, repeat = counts.get(
                partner.commercial_partner_id.id, (0, 0, 0)
            )
            partner.cs_complaint_count = total
            partner.cs_complaint_open_count = open_count
            partner.cs_complaint_repeat_count = repeat

    def action_view_cs_complaints(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Complaints"),
            "res_model": "customer_service.complaint",
            "view_mode": "list,kanban,form",
            "domain": [("commercial_partner_id", "=", self.commercial_partner_id.id)],
            "context": {"default_partner_id": self.id},
        }
