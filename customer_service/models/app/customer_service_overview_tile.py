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


def _counter(string):
    """A counter of a tile: an Integer field ``<key>_count`` computed for the
    user who looks at it. The key starts with the counter's area."""
    return fields.Integer(string=string, compute="_compute_counters", readonly=True)


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
    # Counters (see _counter_domains for what each one counts).
    complaint_open_count = _counter("Open Complaints")
    complaint_state_new_count = _counter("Open Complaints: New")
    complaint_state_acknowledged_count = _counter("Open Complaints: Acknowledged")
    complaint_state_investigating_count = _counter("Open Complaints: Investigating")
    complaint_state_proposed_count = _counter("Open Complaints: Solution Proposed")
    complaint_state_accepted_count = _counter("Open Complaints: Accepted")
    complaint_state_implementing_count = _counter("Open Complaints: Implementing")
    complaint_state_return_visit_count = _counter("Open Complaints: Return Visit")
    complaint_at_risk_count = _counter("Complaints at Risk")
    complaint_overdue_count = _counter("Complaints Overdue")
    complaint_ack_at_risk_count = _counter("Acknowledgement at Risk")
    complaint_ack_overdue_count = _counter("Acknowledgement Overdue")
    complaint_reply_at_risk_count = _counter("First Reply at Risk")
    complaint_reply_overdue_count = _counter("First Reply Overdue")
    complaint_dept_at_risk_count = _counter("Department Answer at Risk")
    complaint_dept_overdue_count = _counter("Department Answer Overdue")
    complaint_visit_at_risk_count = _counter("Return Visit at Risk")
    complaint_visit_overdue_count = _counter("Return Visit Overdue")
    complaint_paused_count = _counter("Complaints Paused")
    complaint_repeat_count = _counter("Open Repeat Complaints")
    complaint_serious_count = _counter("Open Major and Safety Complaints")
    complaint_my_count = _counter("My Open Complaints")
    complaint_to_approve_count = _counter("Complaints Waiting for My Approval")
    complaint_capa_overdue_count = _counter("Corrective Actions Overdue")
    visit_week_count = _counter("Visits Due This Week")
    visit_report_late_count = _counter("Visit Reports Late")
    visit_to_review_count = _counter("Visit Reports to Review")
    visit_expense_count = _counter("Visit Expenses Awaiting Approval")
    credit_blocked_order_count = _counter("Blocked Quotations")
    credit_hold_count = _counter("Customers on Credit Hold")
    credit_to_approve_count = _counter("Credit Applications Waiting for My Approval")
    credit_guarantee_due_count = _counter("Guarantees Due within a Week")
    credit_review_due_count = _counter("Credit Reviews Due")
    survey_running_count = _counter("Running Survey Campaigns")
    survey_followup_count = _counter("Survey Follow-ups Open")
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
            values = dict.fromkeys(tile._counter_fields(), 0)
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

    def _counter_fields(self):
        """Names of the counter fields (``<key>_count``, see :func:`_counter`)."""
        return [
            name
            for name, field in self._fields.items()
            if field.type == "integer"
            and field.compute == "_compute_counters"
            and name.endswith("_count")
        ]

    def _counter_model(self, key):
        """The counter's model as the current user, or None when the user may
        not read it (the counter then stays 0). The key starts with its area."""
        name = COUNTER_MODELS.get(key) or COUNTER_MODELS[key.split("_", 1)[0]]
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
