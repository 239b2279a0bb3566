from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..complaint.customer_service_complaint import DONE_STATES, SLA_STEPS
from ..complaint.customer_service_complaint_stage import STATES

AREAS = [
    ("complaint", "Complaints"),
    ("visit", "Visits"),
    ("credit", "Credit"),
    ("survey", "Surveys"),
]
OPEN_STATES = [key for key, _label in STATES if key not in DONE_STATES]
STEP_LABELS = {
    "ack": "Acknowledgement",
    "reply": "First Reply",
    "dept": "Department Answer",
    "visit": "Return Visit",
}
# Counter key -> (area, label). Each counter has an Integer field <key>_count.
COUNTERS = {
    "complaint_open": ("complaint", "Open Complaints"),
    **{
        f"complaint_state_{state}": ("complaint", f"Open Complaints: {label}")
        for state, label in STATES
        if state in OPEN_STATES
    },
    "complaint_at_risk": ("complaint", "Complaints at Risk"),
    "complaint_overdue": ("complaint", "Complaints Overdue"),
    **{
        f"complaint_{step}_{status}": (
            "complaint",
            f"{label} {'at Risk' if status == 'at_risk' else 'Overdue'}",
        )
        for step, label in STEP_LABELS.items()
        for status in ("at_risk", "overdue")
    },
    "complaint_paused": ("complaint", "Complaints Paused"),
    "complaint_repeat": ("complaint", "Open Repeat Complaints"),
    "complaint_serious": ("complaint", "Open Major and Safety Complaints"),
    "complaint_my": ("complaint", "My Open Complaints"),
    "complaint_to_approve": ("complaint", "Complaints Waiting for My Approval"),
    "complaint_capa_overdue": ("complaint", "Corrective Actions Overdue"),
    "visit_week": ("visit", "Visits Due This Week"),
    "visit_report_late": ("visit", "Visit Reports Late"),
    "visit_to_review": ("visit", "Visit Reports to Review"),
    "visit_expense": ("visit", "Visit Expenses Awaiting Approval"),
    "credit_blocked_order": ("credit", "Blocked Quotations"),
    "credit_hold": ("credit", "Customers on Credit Hold"),
    "credit_to_approve": ("credit", "Credit Applications Waiting for My Approval"),
    "credit_guarantee_due": ("credit", "Guarantees Due within a Week"),
    "credit_review_due": ("credit", "Credit Reviews Due"),
    "survey_running": ("survey", "Running Survey Campaigns"),
    "survey_followup": ("survey", "Survey Follow-ups Open"),
}
# The screen each counter opens, filtered by the counter's domain.
COUNTER_ACTIONS = {
    "complaint": "customer_service.customer_service_complaint_action",
    "complaint_capa_overdue": (
        "customer_service.customer_service_complaint_action_action"
    ),
    "visit": "customer_service.customer_service_visit_action",
    "credit_blocked_order": "customer_service.sale_order_action_credit_blocked",
    "credit_hold": "customer_service.res_partner_action_credit_hold",
    "credit_to_approve": "customer_service.customer_service_credit_application_action",
    "credit_review_due": "customer_service.customer_service_credit_application_action",
    "credit_guarantee_due": "customer_service.customer_service_credit_guarantee_action",
    "survey_running": "customer_service.customer_service_survey_campaign_action",
    "survey_followup": "customer_service.survey_user_input_cs_action",
}
COUNTER_MODELS = {
    "complaint": "customer_service.complaint",
    "complaint_capa_overdue": "customer_service.complaint.action",
    "visit": "customer_service.visit",
    "credit_blocked_order": "sale.order",
    "credit_hold": "res.partner",
    "credit_to_approve": "customer_service.credit.application",
    "credit_review_due": "customer_service.credit.application",
    "credit_guarantee_due": "customer_service.credit.guarantee",
    "survey_running": "customer_service.survey.campaign",
    "survey_followup": "survey.user_input",
}


def _counter_fields():
    return {
        f"{key}_count": fields.Integer(
            string=label, compute="_compute_counters", readonly=True
        )
        for key, (_area, label) in COUNTERS.items()
    }


class CustomerServiceOverviewTile(models.Model):
    """A tile of the app's overview: one area (complaints, visits, credit,
    surveys) with counters computed for the user who looks at it.

    Counters are counted as the user, never as superuser, so the record rules
    decide what each role counts; each counter is one search_count (the state
    breakdown one _read_group), a fixed number of queries whatever the data.
    Each counter opens its list filtered by the very domain it counted.
    """

    _name = "customer_service.overview.tile"
    _description = "Customer Service Overview Tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    area = fields.Selection(AREAS, required=True)
    color = fields.Integer()
    group_ids = fields.Many2many(
        "res.groups",
        string="Shown To",
        help="Only members of these groups see the tile; empty: every internal user.",
    )
    locals().update(_counter_fields())
    survey_response_rate = fields.Float(
        string="Response Rate (%)",
        compute="_compute_counters",
        digits=(5, 1),
        help="Share of the invitations of the running campaigns that were answered.",
    )
    survey_satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        compute="_compute_counters",
        digits=(5, 1),
        help="Share of the answers of the running campaigns that are satisfied.",
    )
    survey_response_target = fields.Float(
        string="Response Target (%)", compute="_compute_counters", digits=(5, 1)
    )
    survey_satisfaction_target = fields.Float(
        string="Satisfaction Target (%)", compute="_compute_counters", digits=(5, 1)
    )
    survey_response_below_target = fields.Boolean(compute="_compute_counters")
    hidden_counters = fields.Char(
        compute="_compute_counters",
        help="Counters of lists the user may not read, which the tile hides.",
    )
    survey_satisfaction_below_target = fields.Boolean(compute="_compute_counters")

    # ------------------------------------------------------------------
    # Counters
    # ------------------------------------------------------------------
    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_counters(self):
        for tile in self:
            values = dict.fromkeys((f"{key}_count" for key in COUNTERS), 0)
            values.update(
                survey_response_rate=0.0,
                survey_satisfaction_rate=0.0,
                survey_response_target=0.0,
                survey_satisfaction_target=0.0,
                survey_response_below_target=False,
                survey_satisfaction_below_target=False,
                hidden_counters=" ".join(
                    key
                    for key in tile._counter_domains(tile.area)
                    if tile._counter_model(key) is None
                ),
            )
            if tile.area:
                values.update(tile._area_values())
            tile.update(values)

    def _area_values(self):
        """The counters of the tile's area, as the current user counts them."""
        self.ensure_one()
        values = {}
        domains = self._counter_domains(self.area)
        state_keys = {f"complaint_state_{state}" for state in OPEN_STATES}
        for key, domain in domains.items():
            if key in state_keys:
                continue  # one grouped query below
            Model = self._counter_model(key)
            if Model is not None:
                values[f"{key}_count"] = Model.search_count(domain)
        if self.area == "complaint":
            Complaint = self._counter_model("complaint_open")
            if Complaint is not None:
                for state, count in Complaint._read_group(
                    domains["complaint_open"], ["state"], ["__count"]
                ):
                    values[f"complaint_state_{state}_count"] = count
        elif self.area == "survey":
            values.update(self._survey_rates())
        return values

    def _survey_rates(self):
        """Response and satisfaction rates of the running campaigns the user
        sees, against the company's targets: one grouped query."""
        company = self.env.company
        values = {
            "survey_response_target": company.cs_survey_response_target,
            "survey_satisfaction_target": company.cs_survey_satisfaction_target,
        }
        Answer = self.env["survey.user_input"]
        if not Answer.has_access("read"):
            return values
        invited = answered = satisfied = 0
        for state, is_satisfied, count in Answer._read_group(
            [("cs_campaign_id.state", "=", "running")],
            ["state", "cs_satisfied"],
            ["__count"],
        ):
            invited += count
            if state == "done":
                answered += count
                satisfied += count if is_satisfied else 0
        response = 100.0 * answered / invited if invited else 0.0
        satisfaction = 100.0 * satisfied / answered if answered else 0.0
        values.update(
            survey_response_rate=response,
            survey_satisfaction_rate=satisfaction,
            survey_response_below_target=bool(invited)
            and response < values["survey_response_target"],
            survey_satisfaction_below_target=bool(answered)
            and satisfaction < values["survey_satisfaction_target"],
        )
        return values

    def _counter_model(self, key):
        """The counter's model as the current user, or None when the user may
        not read it (the counter then stays 0)."""
        name = COUNTER_MODELS.get(key) or COUNTER_MODELS[COUNTERS[key][0]]
        Model = self.env[name]
        return Model if Model.has_access("read") else None

    @api.model
    def _counter_domains(self, area):
        """Domain of each counter of ``area``, for the current user and now.
        Hook: other addons add or change counters here."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        uid = self.env.uid
        if area == "complaint":
            return self._complaint_domains(now, today, uid)
        if area == "visit":
            monday = today - timedelta(days=today.weekday())
            return {
                "visit_week": [
                    ("state", "=", "planned"),
                    ("planned_start", ">=", fields.Date.to_string(monday)),
                    (
                        "planned_start",
                        "<",
                        fields.Date.to_string(monday + timedelta(days=7)),
                    ),
                ],
                "visit_report_late": [("report_late", "=", True)],
                "visit_to_review": [
                    ("report_state", "=", "submitted"),
                    ("reviewer_id", "=", uid),
                ],
                "visit_expense": [
                    ("state", "!=", "cancelled"),
                    ("expense_excess", ">", 0),
                    ("expense_state", "=", "draft"),
                ],
            }
        if area == "credit":
            return {
                "credit_blocked_order": [("cs_credit_status", "=", "blocked")],
                "credit_hold": [("cs_credit_hold", "=", True)],
                "credit_to_approve": [
                    ("state", "=", "to_approve"),
                    *self._waiting_for_me_domain(uid),
                ],
                "credit_guarantee_due": [
                    ("state", "in", ["approved", "overdue"]),
                    (
                        "date_due",
                        "<=",
                        fields.Date.to_string(today + relativedelta(days=7)),
                    ),
                ],
                "credit_review_due": [
                    ("state", "=", "active"),
                    ("date_review", "<=", fields.Date.to_string(today)),
                ],
            }
        if area == "survey":
            return {
                "survey_running": [("state", "=", "running")],
                "survey_followup": [
                    ("cs_company_id", "!=", False),
                    ("cs_followup_open", "=", True),
                ],
            }
        return {}

    @api.model
    def _waiting_for_me_domain(self, uid):
        """Records with a review the user can do now: stored fields of the
        reviews only, so one SQL condition."""
        return [
            ("validation_status", "in", ["waiting", "pending"]),
            (
                "review_ids",
                "any",
                [
                    ("reviewer_ids", "in", [uid]),
                    ("status", "in", ["waiting", "pending"]),
                    ("can_review", "=", True),
                ],
            ),
        ]

    @api.model
    def _complaint_domains(self, now, today, uid):
        Complaint = self.env["customer_service.complaint"]
        open_domain = [("state", "in", OPEN_STATES)]
        risk = now + timedelta(hours=self.env.company.cs_complaint_at_risk_hours)
        running = ["!", *Complaint._sla_paused_domain()]
        now_s, risk_s = fields.Datetime.to_string(now), fields.Datetime.to_string(risk)
        domains = {
            "complaint_open": open_domain,
            **{
                f"complaint_state_{state}": [("state", "=", state)]
                for state in OPEN_STATES
            },
            "complaint_at_risk": [*open_domain, ("sla_state", "=", "at_risk")],
            "complaint_overdue": [*open_domain, ("sla_state", "=", "overdue")],
            "complaint_paused": [*open_domain, ("sla_state", "=", "paused")],
            "complaint_repeat": [*open_domain, ("is_repeat", "=", True)],
            "complaint_serious": [
                *open_domain,
                ("severity", "in", ["major", "critical"]),
            ],
            "complaint_my": [*open_domain, ("user_id", "=", uid)],
            "complaint_to_approve": [*open_domain, *self._waiting_for_me_domain(uid)],
            "complaint_capa_overdue": [
                ("state", "=", "open"),
                ("deadline", "<", fields.Date.to_string(today)),
            ],
        }
        for step in SLA_STEPS:
            pending = [
                *open_domain,
                (f"{step}_done", "=", False),
                *running,
            ]
            domains[f"complaint_{step}_overdue"] = [
                *pending,
                (f"{step}_deadline", "<", now_s),
            ]
            domains[f"complaint_{step}_at_risk"] = [
                *pending,
                (f"{step}_deadline", ">=", now_s),
                (f"{step}_deadline", "<", risk_s),
            ]
        return domains

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_counter(self):
        """Opens the list behind the counter given in the context, filtered by
        the domain the counter counted."""
        self.ensure_one()
        self.check_access("read")
        key = self.env.context.get("counter")
        domains = self._counter_domains(self.area)
        if key not in domains:
            raise UserError(_("This tile has no such counter."))
        if self._counter_model(key) is None:
            raise AccessError(_("You are not allowed to open this list."))
        xmlid = COUNTER_ACTIONS.get(key) or COUNTER_ACTIONS[self.area]
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        field = self._fields[f"{key}_count"]
        # The list first: a counter opens the records it counted.
        action["views"] = sorted(action["views"], key=lambda view: view[1] != "list")
        label = field.get_description(self.env)["string"]
        action.update(
            name=label,
            display_name=label,
            domain=domains[key],
            # The counter's domain is the whole filter: no default filter of
            # the menu's action narrows it further.
            context={"create": False},
            target="current",
        )
        return action
