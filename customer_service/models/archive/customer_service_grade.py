from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

GRADING_BATCH = 1000


class CustomerServiceGrade(models.Model):
    """A customer grade (客户等级) and the service standard it carries."""

    _name = "customer_service.grade"
    _description = "Customer Grade"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the grade between companies."
    )
    category = fields.Selection(
        [
            ("key", "Key customer"),
            ("general", "General customer"),
            ("potential", "Potential customer"),
        ],
        required=True,
        default="general",
        help="Key customers need a backup contact and get the closest service.",
    )
    service_level = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C")],
        required=True,
        default="b",
        help="Service level (A is the highest) used to order work and reports.",
    )
    visit_interval_days = fields.Integer(
        string="Routine Visit Every (Days)",
        help="Days between two routine visits; 0 plans no routine visits.",
    )
    complaint_priority_boost = fields.Integer(
        help="Severity levels added to the complaints of customers of this grade.",
    )
    survey_included = fields.Boolean(
        string="Included in Surveys",
        default=True,
        help="Customers of this grade receive satisfaction survey campaigns.",
    )
    # Automatic grading (R1.3): the rule that earns a customer this grade.
    auto_grade = fields.Boolean(
        string="Grant Automatically",
        help="The daily grading job gives this grade to customers who meet the rule "
        "below, and takes it back from those it gave it to who no longer do.",
    )
    auto_min_orders = fields.Integer(
        string="Confirmed Orders per Month",
        default=2,
        help="Minimum number of confirmed sales orders in each month of the period.",
    )
    auto_months = fields.Integer(
        string="Over the Last (Months)",
        default=3,
        help="Number of complete months, before the current one, that must each "
        "reach the minimum.",
    )
    auto_fallback_grade_id = fields.Many2one(
        "customer_service.grade",
        string="Grade When the Rule Is No Longer Met",
        domain="[('auto_grade', '=', False)]",
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A grade with this name already exists.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("cs_grade_id", "in", self.ids)], ["cs_grade_id"], ["__count"]
            )
        )
        for grade in self:
            grade.partner_count = counts.get(grade, 0)

    @api.constrains("visit_interval_days", "complaint_priority_boost")
    def _check_service_standard(self):
        for grade in self:
            if grade.visit_interval_days < 0 or grade.complaint_priority_boost < 0:
                raise ValidationError(
                    _(
                        "Grade %(grade)s: the visit interval and the complaint "
                        "priority boost cannot be negative.",
                        grade=grade.name,
                    )
                )

    @api.constrains("auto_grade", "auto_min_orders", "auto_months")
    def _check_auto_rule(self):
        for grade in self.filtered("auto_grade"):
            if grade.auto_min_orders <= 0 or grade.auto_months <= 0:
                raise ValidationError(
                    _(
                        "Grade %(grade)s: the automatic rule needs at least one "
                        "confirmed order per month over at least one month.",
                        grade=grade.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "base.action_partner_form"
        )
        action["domain"] = [("cs_grade_id", "=", self.id)]
        action["context"] = {"default_cs_grade_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Automatic grading (R1.3)
    # ------------------------------------------------------------------
    def _auto_grade_period(self):
        """The last ``auto_months`` complete months, as [start, end) datetimes."""
        self.ensure_one()
        end = fields.Datetime.now().replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        return end - relativedelta(months=self.auto_months), end

    def _auto_grade_qualifying_partners(self):
        """Commercial partners meeting the rule, in one aggregate query.

        Internal users and employees never qualify (R1.3).
        """
        self.ensure_one()
        start, end = self._auto_grade_period()
        self.env["sale.order"].flush_model(
            ["partner_id", "state", "date_order", "company_id"]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id", "active"])
        # The only text put into the query is this constant clause.
        company_clause = "AND so.company_id = %(company)s" if self.company_id else ""
        self.env.cr.execute(
            f"""
            WITH monthly AS (
                SELECT p.commercial_partner_id AS partner_id,
                       date_trunc('month', so.date_order) AS month
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale'
                   AND so.date_order >= %(start)s AND so.date_order < %(end)s
                   {company_clause}
              GROUP BY 1, 2
                HAVING count(*) >= %(min_orders)s
            )
            SELECT m.partner_id
              FROM monthly m
              JOIN res_partner cp ON cp.id = m.partner_id AND cp.active
             WHERE m.partner_id NOT IN (
                       SELECT partner_id FROM res_users WHERE share IS NOT TRUE
                   )
               AND m.partner_id NOT IN (
                       SELECT work_contact_id FROM hr_employee
                        WHERE work_contact_id IS NOT NULL
                   )
          GROUP BY m.partner_id
            HAVING count(*) = %(months)s
            """,
            {
                "start": start,
                "end": end,
                "company": self.company_id.id,
                "min_orders": self.auto_min_orders,
                "months": self.auto_months,
            },
        )
        return self.env["res.partner"].browse(row[0] for row in self.env.cr.fetchall())

    def _auto_grade_changes(self):
        """(partners to grant this grade, partners to take it back from)."""
        self.ensure_one()
        qualifying = self._auto_grade_qualifying_partners()
        Partner = self.env["res.partner"].with_context(active_test=False)
        holders = Partner.search([("cs_grade_id", "=", self.id)])
        auto_holders = Partner.search(
            [("cs_grade_id", "=", self.id), ("cs_grade_auto", "=", True)]
        )
        return qualifying - holders, auto_holders - qualifying

    def _auto_grade_apply(self, grant, revoke):
        """Writes one batch; tracking leaves the grade change in each chatter."""
        self.ensure_one()
        Partner = self.env["res.partner"].with_context(cs_skip_backup_check=True)
        Partner.browse(grant.ids).write({"cs_grade_id": self.id, "cs_grade_auto": True})
        Partner.browse(revoke.ids).write(
            {"cs_grade_id": self.auto_fallback_grade_id.id, "cs_grade_auto": False}
        )
        grant._cs_request_backup()

    @api.model
    def _cron_auto_grade(self):
        """Grants and takes back automatic grades, one batch per call.

        Idempotent: each call recomputes who qualifies, so a second run finds
        nothing to change. Odoo calls again at once while work remains.
        """
        done = remaining = 0
        for grade in self.search([("auto_grade", "=", True)]):
            grant, revoke = grade._auto_grade_changes()
            room = max(GRADING_BATCH - done, 0)
            grade._auto_grade_apply(grant[:room], revoke[: max(room - len(grant), 0)])
            applied = min(len(grant) + len(revoke), room)
            done += applied
            remaining += len(grant) + len(revoke) - applied
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining
