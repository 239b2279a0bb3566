from collections import defaultdict

from odoo import api, fields, models


class ResPartner(models.Model):
    """The customer's visits in the archive: how many, the last and the next."""

    _inherit = "res.partner"

    cs_visit_count = fields.Integer(
        string="Visits", compute="_compute_cs_visits", groups="base.group_user"
    )
    cs_last_visit = fields.Datetime(
        string="Last Visit", compute="_compute_cs_visits", groups="base.group_user"
    )
    cs_next_visit = fields.Datetime(
        string="Next Visit", compute="_compute_cs_visits", groups="base.group_user"
    )

    @api.depends_context("uid")
    def _compute_cs_visits(self):
        """Counts, last and next visit for the whole recordset in one query,
        for the customers whose archive the user may read."""
        stats = defaultdict(lambda: {"count": 0, "last": False, "next": False})
        readable = self._cs_archive_readable()
        # sudo: the partner list and form show these figures to every employee
        # who may read the customer's archive, with or without visit rights;
        # only dates and counts leave the visits.
        for partner, state, count, last, first in (
            self.env["customer_service.visit"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", readable.ids),
                    ("state", "in", ["planned", "done"]),
                ],
                ["partner_id", "state"],
                ["__count", "actual_start:max", "planned_start:min"],
            )
        ):
            stats[partner]["count"] += count
            stats[partner]["last" if state == "done" else "next"] = (
                last if state == "done" else first
            )
        for partner in self:
            partner.cs_visit_count = stats[partner]["count"]
            partner.cs_last_visit = stats[partner]["last"]
            partner.cs_next_visit = stats[partner]["next"]

    def action_cs_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_service.customer_service_visit_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
