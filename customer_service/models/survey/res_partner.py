from collections import defaultdict

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cs_survey_answer_count = fields.Integer(
        string="Surveys", compute="_compute_cs_survey_stats", groups="base.group_user"
    )
    cs_survey_done_count = fields.Integer(
        string="Surveys Answered",
        compute="_compute_cs_survey_stats",
        groups="base.group_user",
    )
    cs_survey_last_answer = fields.Datetime(
        string="Last Survey Answer",
        compute="_compute_cs_survey_stats",
        groups="base.group_user",
    )
    cs_survey_satisfaction = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_cs_survey_stats",
        groups="base.group_user",
        help="Share of this customer's answers that are basically satisfied or better.",
    )

    @api.depends_context("uid")
    def _compute_cs_survey_stats(self):
        """Answers, completed answers and satisfaction in one grouped query,
        for the customers whose archive the user may read."""
        stats = defaultdict(lambda: [0, 0, 0, False])
        commercial = {p: p.commercial_partner_id for p in self}
        readable = self._cs_archive_readable()
        if readable.ids:
            for partner, state, satisfied, count, last in (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [
                        (
                            "cs_partner_id",
                            "in",
                            list({commercial[p].id for p in readable}),
                        )
                    ],
                    ["cs_partner_id", "state", "cs_satisfied"],
                    ["__count", "end_datetime:max"],
                )
            ):
                row = stats[partner.id]
                row[0] += count
                if state == "done":
                    row[1] += count
                    row[2] += count if satisfied else 0
                    row[3] = max(row[3] or last, last or row[3])
        for partner in self:
            total, done, satisfied, last = stats[commercial[partner].id]
            partner.cs_survey_answer_count = total
            partner.cs_survey_done_count = done
            partner.cs_survey_last_answer = last
            partner.cs_survey_satisfaction = 100.0 * satisfied / done if done else 0.0

    def action_cs_view_survey_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_service.survey_user_input_cs_action"
        )
        action["domain"] = [("cs_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_group_state": 1}
        return action
