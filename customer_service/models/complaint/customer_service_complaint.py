from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, plaintext2html
from odoo.tools.mail import parse_contact_from_email

from .customer_service_complaint_stage import STATES

SEVERITIES = [
    ("normal", "Normal"),
    ("major", "Major"),
    ("critical", "Critical (safety)"),
]
SEVERITY_ORDER = [key for key, _label in SEVERITIES]
# The ladder of R2.6; cancelling is possible until the customer accepts.
TRANSITIONS = {
    "new": {"acknowledged", "cancelled"},
    "acknowledged": {"investigating", "cancelled"},
    "investigating": {"proposed", "unfounded", "cancelled"},
    "proposed": {"accepted", "investigating", "cancelled"},
    "accepted": {"implementing"},
    "implementing": {"return_visit"},
    "return_visit": {"closed"},
    "closed": set(),
    "unfounded": set(),
    "cancelled": set(),
}
DONE_STATES = ("closed", "unfounded", "cancelled")
# Deadlines of R2.15-R2.18: acknowledgement, first reply, department answer,
# return visit. Each has <step>_deadline, <step>_done, <step>_sla and
# <step>_escalation (the escalation level reached, so nothing is sent twice).
SLA_STEPS = ("ack", "reply", "dept", "visit")
ESCALATION_BATCH = 1000


class NullableFloat(fields.Float):
    """A float kept empty (NULL) rather than 0 when not set, so that SQL
    averages skip the records without a value."""

    def convert_to_column(self, value, record, values=None, validate=True):
        if value is None or value is False:
            return None
        return super().convert_to_column(value, record, values, validate)

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        return super().convert_to_cache(value, record, validate)

    def convert_to_record(self, value, record):
        return False if value is None else value

    def convert_to_write(self, value, record):
        if value is None or value is False:
            return False
        return super().convert_to_write(value, record)


def raise_severity(severity, levels=1):
    index = min(SEVERITY_ORDER.index(severity or "normal") + levels, 2)
    return SEVERITY_ORDER[index]


def _sla_result_field(string):
    """Whether one deadline was met or missed, set when it is done or passes."""
    return fields.Selection(
        [("met", "Met"), ("missed", "Missed")],
        string=string,
        copy=False,
        index=True,
    )


class CustomerServiceComplaint(models.Model):
    """A customer complaint (投诉), from intake to closure (SPEC §2)."""

    _name = "customer_service.complaint"
    _description = "Customer Complaint"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "customer_service.approval.mixin",
        "customer_service.survey.subject",
    ]
    _order = "received_at desc, id desc"
    _check_company_auto = True
    _primary_email = "email_from"
    # Compensations and refunds above the company's amount are approved through
    # tier validation on their own state, so approval never freezes the handling.
    _state_field = "approval_state"

    # ------------------------------------------------------------------
    # Intake (R2.1-R2.5)
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    subject = fields.Char(tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "Email"),
            ("web", "Online Form"),
            ("chat", "Online Chat"),
            ("wechat", "WeChat"),
            ("social", "Social Media"),
            ("walk_in", "Walk-in / On-site"),
            ("letter", "Letter"),
            ("suggestion_box", "Suggestion Box"),
            ("authority", "Referred by an Authority"),
        ],
        required=True,
        default="phone",
        index=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        precompute=True,
        store=True,
        index=True,
        string="Customer",
    )
    complainant_name = fields.Char(help="Name of a complainant not yet known.")
    phone = fields.Char()
    email_from = fields.Char(string="Email")
    received_at = fields.Datetime(
        string="Received On",
        required=True,
        index=True,
        default=fields.Datetime.now,
        tracking=True,
    )
    description = fields.Html()
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", index="btree_not_null", check_company=True
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        index="btree_not_null",
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund'))]",
    )
    product_id = fields.Many2one(
        "product.product", index="btree_not_null", check_company=True
    )
    # Free text: the addon does not require Inventory for lots.
    lot_number = fields.Char(
        string="Lot / Serial Number", help="Of the product complained about."
    )
    visit_id = fields.Many2one(
        "customer_service.visit",
        string="Raised During Visit",
        index="btree_not_null",
        check_company=True,
        copy=False,
    )
    category_id = fields.Many2one(
        "customer_service.complaint.category",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain="[('active', '=', True)]",
    )
    severity = fields.Selection(
        SEVERITIES, required=True, default="normal", index=True, tracking=True
    )
    severity_notified = fields.Selection(
        SEVERITIES,
        copy=False,
        help="Highest severity management was told of, so it is told once.",
    )
    first_responder_id = fields.Many2one(
        "res.users",
        string="First Responder",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
        help="首问责任人: the employee who first received the complaint; "
        "accountable for its follow-through.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handler",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Empty on a new complaint: assigned on saving from the category "
        "(default handler or team in turn), else whoever registers it.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    transfer_note = fields.Text(copy=False)
    transferred_at = fields.Datetime(copy=False)

    # ------------------------------------------------------------------
    # Stages (R2.6)
    # ------------------------------------------------------------------
    state = fields.Selection(
        STATES, required=True, default="new", index=True, tracking=True, copy=False
    )
    is_closed = fields.Boolean(
        string="Finished",
        compute="_compute_is_closed",
        help="Closed, unfounded or cancelled: the complaint can no longer be "
        "changed.",
    )
    stage_id = fields.Many2one(
        "customer_service.complaint.stage",
        compute="_compute_stage_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        copy=False,
        group_expand="_read_group_stage_ids",
        string="Stage",
    )
    rejection_reason = fields.Text(
        copy=False,
        tracking=True,
        help="Why the customer rejected the last solution proposed.",
    )
    rejection_count = fields.Integer(copy=False)
    waiting_customer = fields.Boolean(
        string="Waiting on the Customer", copy=False, tracking=True
    )
    waiting_since = fields.Datetime(copy=False)
    closed_at = fields.Datetime(copy=False, index=True)
    # Empty (NULL) while open, so that the average of the analysis counts
    # the closed complaints only.
    days_to_close = NullableFloat(
        compute="_compute_days_to_close", store=True, aggregator="avg", precompute=True
    )

    # ------------------------------------------------------------------
    # Recusal (R2.7)
    # ------------------------------------------------------------------
    complained_employee_ids = fields.Many2many(
        "hr.employee",
        "customer_service_complaint_employee_rel",
        "complaint_id",
        "employee_id",
        string="Employees Complained About",
        tracking=True,
        help="被投诉人: they can never handle or approve this complaint, and cannot "
        "read it unless a manager grants it.",
    )
    recusal_granted_user_ids = fields.Many2many(
        "res.users",
        "customer_service_complaint_granted_rel",
        "complaint_id",
        "user_id",
        string="Granted Readers",
        domain="[('share', '=', False)]",
        tracking=True,
        help="Employees complained about whom a customer-service manager allows "
        "to read it; they still never change it.",
    )

    # ------------------------------------------------------------------
    # Investigation (R2.8) and solution (R2.10)
    # ------------------------------------------------------------------
    investigation_result = fields.Selection(
        [("founded", "Founded"), ("unfounded", "Unfounded")],
        index=True,
        tracking=True,
        copy=False,
    )
    responsibility = fields.Selection(
        [
            ("company", "Company (department)"),
            ("customer", "Customer"),
            ("third_party", "Third Party"),
            ("undetermined", "Undetermined"),
        ],
        index=True,
        tracking=True,
        copy=False,
    )
    root_cause = fields.Text(copy=False)
    investigation_note = fields.Html(string="Findings", copy=False)
    solution = fields.Html(copy=False)
    remedy_type = fields.Selection(
        [
            ("replace", "Replacement"),
            ("repair", "Repair"),
            ("refund", "Refund"),
            ("compensation", "Compensation"),
            ("apology", "Apology / Explanation"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(tracking=True, copy=False)
    # How many levels approve the remedy (see _cs_approval_levels).
    approval_level = fields.Integer(
        compute="_compute_approval_level",
        store=True,
        precompute=True,
        help="0: no approval; 1: manager; 2: manager and general manager.",
    )
    approval_state = fields.Selection(
        [("draft", "Not Approved"), ("approved", "Approved"), ("refused", "Refused")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Repeat (R2.11), CAPA (R2.12), return visits (R2.13)
    # ------------------------------------------------------------------
    repeat_of_id = fields.Many2one(
        "customer_service.complaint",
        string="Repeat Of",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    is_repeat = fields.Boolean(
        string="Repeat",
        compute="_compute_is_repeat",
        store=True,
        index=True,
        precompute=True,
    )
    action_ids = fields.One2many(
        "customer_service.complaint.action", "complaint_id", string="CAPA Actions"
    )
    action_count = fields.Integer(compute="_compute_action_count")
    visit_ids = fields.One2many(
        "customer_service.visit", "complaint_id", string="Return Visits"
    )
    return_visits_required = fields.Integer(
        related="category_id.return_visit_count", string="Return Visits Required"
    )
    return_visits_done = fields.Integer(compute="_compute_return_visits")
    satisfaction = fields.Char(
        compute="_compute_return_visits",
        help="The customer's satisfaction recorded on a return visit.",
    )

    # ------------------------------------------------------------------
    # Deadlines (R2.15-R2.19)
    # ------------------------------------------------------------------
    ack_deadline = fields.Datetime(
        string="Acknowledgement Deadline",
        compute="_compute_initial_deadlines",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        copy=False,
    )
    reply_deadline = fields.Datetime(
        string="First Reply Deadline",
        compute="_compute_initial_deadlines",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        copy=False,
    )
    dept_deadline = fields.Datetime(
        string="Department Answer Deadline", index=True, copy=False
    )
    visit_deadline = fields.Datetime(
        string="Return Visit Deadline", index=True, copy=False
    )
    # Per deadline: when it was done, met or missed, the escalation level
    # reached (so nothing is sent twice).
    ack_done = fields.Datetime(string="Acknowledgement Done", copy=False)
    ack_sla = _sla_result_field("Acknowledgement SLA")
    ack_escalation = fields.Integer(
        string="Acknowledgement Escalation Level", default=0, copy=False
    )
    reply_done = fields.Datetime(string="First Reply Done", copy=False)
    reply_sla = _sla_result_field("First Reply SLA")
    reply_escalation = fields.Integer(
        string="First Reply Escalation Level", default=0, copy=False
    )
    dept_done = fields.Datetime(string="Department Answer Done", copy=False)
    dept_sla = _sla_result_field("Department Answer SLA")
    dept_escalation = fields.Integer(
        string="Department Answer Escalation Level", default=0, copy=False
    )
    visit_done = fields.Datetime(string="Return Visit Done", copy=False)
    visit_sla = _sla_result_field("Return Visit SLA")
    visit_escalation = fields.Integer(
        string="Return Visit Escalation Level", default=0, copy=False
    )
    sla_deadline = fields.Datetime(
        string="Next Deadline",
        compute="_compute_sla_deadline",
        store=True,
        precompute=True,
        index=True,
    )
    sla_state = fields.Selection(
        [
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("overdue", "Overdue"),
            ("paused", "Paused"),
            ("none", "No Deadline"),
        ],
        string="SLA Status",
        compute="_compute_sla_state",
        search="_search_sla_state",
    )
    sla_missed = fields.Boolean(
        string="SLA Missed",
        compute="_compute_sla_missed",
        store=True,
        index=True,
        precompute=True,
    )
    sla_met_rate = fields.Float(
        string="SLA Met (%)",
        compute="_compute_sla_missed",
        store=True,
        precompute=True,
        aggregator="avg",
        help="100 when every deadline of the complaint was met, 0 when one was "
        "missed: averaged over complaints, the share that met their SLA.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The complaint reference must be unique per company.",
        )
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("category_id")
    def _compute_department_id(self):
        for complaint in self:
            if complaint.category_id.department_id:
                complaint.department_id = complaint.category_id.department_id

    @api.depends("state")
    def _compute_is_closed(self):
        for complaint in self:
            complaint.is_closed = complaint.state in DONE_STATES

    @api.depends("state")
    def _compute_stage_id(self):
        stages = self.env["customer_service.complaint.stage"].search([])
        first = {}
        for stage in stages:
            first.setdefault(stage.state, stage)
        for complaint in self:
            if complaint.stage_id.state != complaint.state:
                complaint.stage_id = first.get(complaint.state, False)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    @api.depends("received_at", "closed_at")
    def _compute_days_to_close(self):
        for complaint in self:
            complaint.days_to_close = (
                (complaint.closed_at - complaint.received_at).total_seconds() / 86400
                if complaint.closed_at
                else False
            )

    @api.depends(
        "remedy_type",
        "amount",
        "company_id.cs_complaint_approval_amount",
        "company_id.cs_complaint_approval_amount_gm",
    )
    def _compute_approval_level(self):
        for complaint in self:
            complaint.approval_level = len(complaint._cs_approval_levels())

    def _cs_highest_approval_level(self):
        """The level that approves the remedy last, by its amount (R2.10)."""
        self.ensure_one()
        company = self.company_id
        if self.remedy_type not in ("refund", "compensation"):
            return False
        if self.amount > company.cs_complaint_approval_amount_gm:
            return "gm"
        if self.amount > company.cs_complaint_approval_amount:
            return "manager"
        return False

    @api.depends("received_at", "channel", "category_id", "company_id")
    def _compute_initial_deadlines(self):
        """Acknowledgement and first-reply deadlines (R2.15, R2.16), grouped by
        calendar and number of days so the engine runs once per group."""
        groups = defaultdict(list)
        calendars = {}
        for complaint in self:
            if not complaint.received_at or not complaint.company_id:
                complaint.ack_deadline = complaint.reply_deadline = False
                continue
            company = complaint.company_id
            calendar = calendars.get(company) or calendars.setdefault(
                company, company._cs_working_calendar()
            )
            groups[calendar, complaint.category_id.reply_days or 1].append(complaint)
        for (calendar, days), complaints in groups.items():
            replies = calendar.cs_add_working_days_batch(
                [c.received_at for c in complaints], days
            )
            for complaint, reply in zip(complaints, replies, strict=True):
                complaint.ack_deadline = complaint._ack_deadline(calendar)
                complaint.reply_deadline = reply

    @api.depends("repeat_of_id")
    def _compute_is_repeat(self):
        for complaint in self:
            complaint.is_repeat = bool(complaint.repeat_of_id)

    def _compute_action_count(self):
        counts = dict(
            self.env["customer_service.complaint.action"]._read_group(
                [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"]
            )
        )
        for complaint in self:
            complaint.action_count = counts.get(complaint, 0)

    @api.depends("visit_ids.state", "visit_ids.satisfaction")
    def _compute_return_visits(self):
        for complaint in self:
            done = complaint.visit_ids.filtered(lambda v: v.state == "done")
            complaint.return_visits_done = len(done)
            answered = done.filtered("satisfaction")[:1]
            complaint.satisfaction = (
                dict(answered._fields["satisfaction"]._description_selection(self.env))[
                    answered.satisfaction
                ]
                if answered
                else False
            )

    @api.depends(
        *(f"{step}_deadline" for step in SLA_STEPS),
        *(f"{step}_done" for step in SLA_STEPS),
        "state",
    )
    def _compute_sla_deadline(self):
        for complaint in self:
            open_deadlines = [
                complaint[f"{step}_deadline"]
                for step in SLA_STEPS
                if complaint[f"{step}_deadline"] and not complaint[f"{step}_done"]
            ]
            complaint.sla_deadline = (
                min(open_deadlines)
                if open_deadlines and complaint.state not in DONE_STATES
                else False
            )

    @api.depends(*(f"{step}_sla" for step in SLA_STEPS))
    def _compute_sla_missed(self):
        for complaint in self:
            complaint.sla_missed = any(
                complaint[f"{step}_sla"] == "missed" for step in SLA_STEPS
            )
            complaint.sla_met_rate = 0.0 if complaint.sla_missed else 100.0

    @api.depends(
        "sla_deadline",
        "company_id.cs_complaint_at_risk_hours",
        "waiting_customer",
        "category_id.pause_when_waiting",
    )
    def _compute_sla_state(self):
        now = fields.Datetime.now()
        for complaint in self:
            deadline = complaint.sla_deadline
            risk = timedelta(hours=complaint.company_id.cs_complaint_at_risk_hours)
            if not deadline:
                complaint.sla_state = "none"
            elif complaint._sla_paused():
                complaint.sla_state = "paused"
            elif deadline < now:
                complaint.sla_state = "overdue"
            elif deadline < now + risk:
                complaint.sla_state = "at_risk"
            else:
                complaint.sla_state = "on_time"

    def _search_sla_state(self, operator, value):
        if operator not in ("=", "in"):
            raise UserError(_("Unsupported search on the SLA status."))
        values = {value} if operator == "=" else set(value)
        now = fields.Datetime.now()
        # The at-risk margin of the user's company: one number for a search.
        risk = now + timedelta(hours=self.env.company.cs_complaint_at_risk_hours)
        paused = self._sla_paused_domain()
        running = ["!", *paused]
        domains = {
            "none": [("sla_deadline", "=", False)],
            "paused": [("sla_deadline", "!=", False), *paused],
            "overdue": [("sla_deadline", "<", now), *running],
            "at_risk": [
                ("sla_deadline", ">=", now),
                ("sla_deadline", "<", risk),
                *running,
            ],
            "on_time": [("sla_deadline", ">=", risk), *running],
        }
        result = []
        for key in values:
            result = ["|", *result, *domains[key]] if result else domains[key]
        return result or [(0, "=", 1)]

    def _sla_paused(self):
        """Deadlines stop while waiting on the customer if the category's
        policy says so (R2.19)."""
        self.ensure_one()
        return self.waiting_customer and self.category_id.pause_when_waiting

    @api.model
    def _sla_paused_domain(self):
        return [
            "&",
            ("waiting_customer", "=", True),
            ("category_id.pause_when_waiting", "=", True),
        ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("category_id")
    def _check_category_active(self):
        for complaint in self:
            if not complaint.category_id.active:
                raise ValidationError(
                    _(
                        "Category %(category)s is archived: choose an active "
                        "complaint category.",
                        category=complaint.category_id.complete_name,
                    )
                )

    @api.constrains("user_id", "complained_employee_ids")
    def _check_recusal(self):
        for complaint in self:
            if complaint.user_id and complaint._is_complained_about(complaint.user_id):
                raise ValidationError(
                    _(
                        "%(user)s is complained about in %(complaint)s and cannot "
                        "handle it: choose another handler.",
                        user=complaint.user_id.name,
                        complaint=complaint.name,
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        for complaint in self:
            if complaint.amount < 0:
                raise ValidationError(
                    _(
                        "The amount of complaint %(complaint)s cannot be negative.",
                        complaint=complaint.name,
                    )
                )

    @api.constrains("partner_id", "complainant_name", "email_from", "phone")
    def _check_complainant(self):
        for complaint in self:
            if not (
                complaint.partner_id
                or complaint.complainant_name
                or complaint.email_from
                or complaint.phone
            ):
                raise ValidationError(
                    _(
                        "Say who complains in %(complaint)s: a customer, or a name, "
                        "phone or email.",
                        complaint=complaint.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        if any(vals.get("recusal_granted_user_ids") for vals in vals_list):
            self._check_can_grant_recusal()
        Category = self.env["customer_service.complaint.category"]
        categories = Category.with_context(active_test=False).browse(
            {vals["category_id"] for vals in vals_list if vals.get("category_id")}
        )
        unknown = categories - categories.exists()
        if unknown:
            raise ValidationError(
                _("The complaint category does not exist: choose one from the list.")
            )
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        boosts = {
            partner.id: (
                partner.commercial_partner_id.cs_grade_id.complaint_priority_boost
            )
            for partner in partners
        }
        to_number = defaultdict(list)
        # The round-robin turns of the batch: one look-up per team, and the
        # complaints of a batch go round the team like those received apart.
        turns = {}
        for vals in vals_list:
            self._start_at_new(vals)
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            if vals.get("name", "/") == "/":
                to_number[company].append(vals)
            category = Category.browse(vals.get("category_id"))
            if category.safety:
                vals["severity"] = "critical"
                if not vals.get("user_id") and company.cs_complaint_quality_user_id:
                    vals["user_id"] = company.cs_complaint_quality_user_id.id
            if not vals.get("user_id"):
                vals["user_id"] = self._default_handler(category, turns).id
            boost = boosts.get(vals.get("partner_id"), 0)
            if boost:
                vals["severity"] = raise_severity(vals.get("severity"), boost)
        for company, company_vals in to_number.items():
            references = self.env[
                "customer_service.numbered.mixin"
            ]._cs_next_references(self._name, company, len(company_vals))
            for vals, reference in zip(company_vals, references, strict=True):
                vals["name"] = reference
        complaints = (
            super(
                CustomerServiceComplaint,
                self.with_context(cs_auto_subscribe_later=True),
            )
            .create(vals_list)
            .with_env(self.env)
        )
        if not self.env.context.get("tracking_disable"):
            complaints._cs_auto_subscribe_batch(vals_list)
        complaints._unsubscribe_recused()
        complaints._detect_repeats()
        complaints._notify_severity()
        return complaints

    @api.model
    def _start_at_new(self, vals):
        """A card quick-created in a later column of the kanban still starts
        at the beginning of the ladder."""
        if vals.get("stage_id") and vals.get("state", "new") == "new":
            stage = self.env["customer_service.complaint.stage"].browse(
                vals["stage_id"]
            )
            if stage.state != "new":
                vals.pop("stage_id")

    @api.model
    def _default_handler(self, category, turns=None):
        """Handler of a new complaint given none (hook): the category's, else
        whoever registers it when an employee (``turns``: see the category's
        ``_intake_handler``)."""
        handler = category._intake_handler(turns) if category else self.env["res.users"]
        if not handler and self._is_employee(self.env.user):
            handler = self.env.user
        return handler

    @api.model
    def _is_employee(self, user):
        # OdooBot (the mail gateway, crons) is inactive; portal users are shared.
        return bool(user.active and not user.share)

    def write(self, vals):
        self._check_recusal_write(vals)
        self._check_editable(vals)
        if "first_responder_id" in vals and any(
            complaint.first_responder_id.id != vals["first_responder_id"]
            for complaint in self
        ):
            raise UserError(
                _(
                    "The first responder stays on the complaint: change the "
                    "handler instead."
                )
            )
        if "stage_id" in vals and "state" not in vals:
            stage = self.env["customer_service.complaint.stage"].browse(
                vals["stage_id"]
            )
            if any(complaint.state != stage.state for complaint in self):
                vals = {**vals, "state": stage.state}
        if "state" in vals:
            self._check_transition(vals["state"])
            for complaint in self.filtered(lambda c: c.state != vals["state"]):
                complaint._check_state_requirements(vals["state"], vals)
        if {"amount", "remedy_type"} & set(vals):
            # A changed compensation needs a new approval.
            self.filtered(lambda c: c.approval_state != "draft")._write_state(
                {"approval_state": "draft"}
            )
        moving = (
            self.filtered(lambda c: c.state != vals["state"])
            if "state" in vals
            else self.browse()
        )
        result = super().write(vals)
        if "complained_employee_ids" in vals:
            self._unsubscribe_recused()
        if moving:
            moving._complete_steps(vals["state"])
            moving._on_state_reached(vals["state"])
        repeats = self.browse()
        if self._repeat_fields() & set(vals):
            # A customer identified later or a corrected category can make it
            # a repeat (R2.11).
            repeats = self.filtered(
                lambda c: not c.repeat_of_id and c.state not in DONE_STATES
            )._detect_repeats()
        if "severity" in vals:
            self._notify_severity()
        elif repeats:
            repeats._notify_severity()
        return result

    @api.model
    def _repeat_fields(self):
        """Fields whose change can make a complaint a repeat one."""
        return {"partner_id", "category_id", "product_id", "received_at"}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_acknowledged(self):
        if any(complaint.state != "new" for complaint in self):
            raise UserError(
                _(
                    "An acknowledged complaint is never deleted: cancel it instead "
                    "so that its history is kept."
                )
            )

    @api.model
    def _readonly_exempt_fields(self):
        """Fields that may still change on a closed or cancelled complaint."""
        # Corrective actions and return visits go on after the complaint closes.
        return {"recusal_granted_user_ids", "stage_id", "action_ids", "visit_ids"}

    def _check_editable(self, vals):
        blocked = {
            name
            for name in vals
            if not name.startswith(("message_", "activity_", "website_message"))
            and name not in self._readonly_exempt_fields()
        }
        if not blocked or self.env.context.get("cs_complaint_bookkeeping"):
            return
        for complaint in self:
            if complaint.state in DONE_STATES:
                raise UserError(
                    _(
                        "Complaint %(complaint)s is %(state)s and can no longer be "
                        "changed.",
                        complaint=complaint.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[complaint.state],
                    )
                )

    def _list_labels(self, labels):
        """Labels listed as the user's language lists them (、 in Chinese)."""
        listed = ""
        for label in labels:
            listed = (
                _("%(list)s, %(item)s", list=listed, item=label) if listed else label
            )
        return listed

    def _check_transition(self, new_state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for complaint in self:
            if complaint.state == new_state:
                continue
            if new_state not in TRANSITIONS[complaint.state]:
                raise UserError(
                    _(
                        "Complaint %(complaint)s cannot go from %(from)s to %(to)s: "
                        "follow the steps %(steps)s.",
                        complaint=complaint.name,
                        **{"from": labels[complaint.state]},
                        to=labels[new_state],
                        steps=self._list_labels(
                            [
                                label
                                for state, label in labels.items()
                                if state in TRANSITIONS[complaint.state]
                            ]
                        )
                        or "-",
                    )
                )

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An email to the complaints alias opens a complaint (R2.1)."""
        values = dict(custom_values or {})
        email = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"]
        if email_normalize(email):
            partner = self._mail_find_partner_from_emails([email])[0]
        # The reference comes from the sequence, never from the subject.
        values["name"] = "/"
        values.setdefault("channel", "email")
        values.setdefault("subject", msg_dict.get("subject") or _("Email complaint"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("email_from", email)
        if "received_at" not in values and msg_dict.get("date"):
            values["received_at"] = msg_dict["date"]
        if partner:
            values.setdefault("partner_id", partner.id)
        else:
            # Unknown sender: the address is kept to answer and to create a
            # customer later.
            values.setdefault(
                "complainant_name",
                parse_contact_from_email(email)[0] or email,
            )
        if not values.get("category_id"):
            values["category_id"] = self._default_email_category().id
        if not values.get("category_id"):
            raise ValidationError(
                _("The complaint alias has no default category: set one on it.")
            )
        values.update(self._email_intake_owners(values))
        # Mail routing runs as the alias' owner or as superuser: the complaint
        # belongs to the company of the alias' defaults.
        return super(
            CustomerServiceComplaint, self.with_context(mail_create_nosubscribe=True)
        ).message_new(msg_dict, values)

    @api.model
    def _email_intake_owners(self, values):
        """Handler and first responder of an emailed complaint: never OdooBot,
        whom the mail gateway runs as. The handler comes from the alias'
        defaults, the category, the employee who sent it, else a customer
        service manager of the company; the first responder is the employee
        who sent it, else the handler."""
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.company.id
        )
        category = self.env["customer_service.complaint.category"].browse(
            values["category_id"]
        )
        sender = self.env.user if self._is_employee(self.env.user) else None
        handler = (
            self.env["res.users"].browse(values.get("user_id")).filtered("active")
            or category._intake_handler()
            or sender
            or self._intake_fallback_manager(company)
        )
        if not handler:
            raise ValidationError(
                _(
                    "Nobody can handle the complaints emailed to %(company)s: set "
                    "a default handler or a handling team on category "
                    "%(category)s.",
                    company=company.name,
                    category=category.complete_name,
                )
            )
        return {"user_id": handler.id, "first_responder_id": (sender or handler).id}

    @api.model
    def _intake_fallback_manager(self, company):
        """The first customer service manager of ``company`` (hook)."""
        return self.env["res.users"].search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("customer_service.group_customer_service_manager").id,
                ),
                ("share", "=", False),
                ("company_ids", "in", company.id),
            ],
            order="id",
            limit=1,
        )

    @api.model
    def _default_email_category(self):
        """Category of emailed complaints when the alias gives none (hook)."""
        return self.env.ref(
            "customer_service.complaint_category_other", raise_if_not_found=False
        ) or self.env["customer_service.complaint.category"].search([], limit=1)

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        for complaint in self:
            if complaint.partner_id:
                complaint._message_add_suggested_recipient(
                    recipients, partner=complaint.partner_id, reason=_("Complainant")
                )
            elif complaint.email_from:
                complaint._message_add_suggested_recipient(
                    recipients, email=complaint.email_from, reason=_("Complainant")
                )
        return recipients

    def _send_template(self, xmlid):
        """Writes to the complainant with a template; kept in the chatter."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for complaint in self.filtered(lambda c: c.partner_id.email or c.email_from):
            complaint.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )

    # ------------------------------------------------------------------
    # Opening a complaint from the record it is about
    # ------------------------------------------------------------------
    @api.model
    def _action_new(self, **defaults):
        """The form of a new complaint, prefilled from an order, invoice or visit."""
        return {
            "type": "ir.actions.act_window",
            "name": _("New Complaint"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": {f"default_{field}": value for field, value in defaults.items()},
        }

    # ------------------------------------------------------------------
    # Actions (one per step of the ladder)
    # ------------------------------------------------------------------
    def action_acknowledge(self):
        self._set_state("acknowledged")

    def action_investigate(self):
        self._set_state("investigating")

    def action_propose(self):
        self._set_state("proposed")

    def action_unfounded(self):
        self._set_state("unfounded")

    def action_accept(self):
        self._set_state("accepted")

    def action_customer_reject(self, reason):
        """The customer rejects the solution: back to investigating, severity
        raised one level, the reason kept (R2.6)."""
        if not (reason or "").strip():
            raise UserError(_("Say why the customer rejects the solution."))
        for complaint in self:
            if complaint.state != "proposed":
                raise UserError(
                    _(
                        "Only a proposed solution can be rejected: %(complaint)s.",
                        complaint=complaint.name,
                    )
                )
            complaint._write_state(
                {
                    "state": "investigating",
                    "rejection_reason": reason,
                    "rejection_count": complaint.rejection_count + 1,
                    "severity": raise_severity(complaint.severity),
                    "approval_state": "draft",
                }
            )
            complaint.message_post(
                body=_("The customer rejected the solution: %(reason)s", reason=reason)
            )

    def action_implement(self):
        self._set_state("implementing")

    def action_implemented(self):
        """The solution is in place: the return visits are planned (R2.13, R2.18)."""
        self._set_state("return_visit")

    def action_close(self):
        self._set_state("closed")

    def action_cancel(self):
        self._set_state("cancelled")

    def action_wait_customer(self):
        self.filtered(lambda c: not c.waiting_customer).write(
            {"waiting_customer": True, "waiting_since": fields.Datetime.now()}
        )

    def action_resume(self):
        """Stops waiting; deadlines are moved by the working time spent waiting
        when the category's policy pauses them (R2.19)."""
        now = fields.Datetime.now()
        for complaint in self.filtered("waiting_customer"):
            vals = {"waiting_customer": False, "waiting_since": False}
            if complaint.category_id.pause_when_waiting and complaint.waiting_since:
                calendar = complaint.company_id._cs_working_calendar()
                hours = calendar.cs_working_hours_between(complaint.waiting_since, now)
                if hours:
                    for step in SLA_STEPS:
                        deadline = complaint[f"{step}_deadline"]
                        if deadline and not complaint[f"{step}_done"]:
                            vals[f"{step}_deadline"] = calendar.cs_add_working_hours(
                                deadline, hours
                            )
            complaint.write(vals)

    def action_open_transfer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Transfer to a Department"),
            "res_model": "customer_service.complaint.transfer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_open_reject(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customer Rejects the Solution"),
            "res_model": "customer_service.complaint.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_view_actions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("CAPA Actions"),
            "res_model": "customer_service.complaint.action",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }

    def action_record_return_visit(self):
        """The next planned return visit in a dialog over the complaint: when,
        how, what was said and the customer's satisfaction, in one step."""
        self.ensure_one()
        visit = self.visit_ids.filtered(lambda v: v.state == "planned").sorted(
            "planned_start"
        )[:1]
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Return Visit"),
            "res_model": "customer_service.visit",
            "res_id": visit.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "customer_service.customer_service_visit_view_form_return"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_complaint_id": self.id,
                "default_visit_type": "post_complaint",
                "default_partner_id": self.commercial_partner_id.id,
                "default_planned_start": fields.Datetime.now(),
                "default_method": "phone",
            },
        }

    def action_view_visits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Return Visits"),
            "res_model": "customer_service.visit",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {
                "default_complaint_id": self.id,
                "default_visit_type": "post_complaint",
                "default_partner_id": self.commercial_partner_id.id,
            },
        }

    # ------------------------------------------------------------------
    # Tier validation (R2.10) with recusal (R2.7)
    # ------------------------------------------------------------------
    @api.model
    def _solution_fields(self):
        return {"solution", "remedy_type", "amount"}

    def _cs_approval_levels(self):
        return self._cs_levels_up_to(self._cs_highest_approval_level())

    @api.model
    def _cs_open_under_validation(self):
        # Only the solution being approved is frozen; handling goes on.
        return [name for name in self._fields if name not in self._solution_fields()]

    def _tier_validation_check_write_allowed(self, vals):
        # Only the solution is frozen by an approval (see above): other writes,
        # e.g. deadlines reached or escalations, skip the per-record checks.
        if not self._solution_fields() & set(vals):
            return None
        return super()._tier_validation_check_write_allowed(vals)

    @api.model
    def _guarded_state_fields(self):
        # The complaint's own state has its transition rules in write.
        return {"approval_state"}

    def _tier_excluded_user_ids(self):
        # The employees complained about never approve its solution (R2.7).
        return self.complained_employee_ids.user_id

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _is_complained_about(self, user):
        self.ensure_one()
        return bool(user and (self.complained_employee_ids.user_id & user))

    # ------------------------------------------------------------------
    # Recusal (R2.7)
    # ------------------------------------------------------------------
    def _recused_user_ids(self):
        """Users complained about in these complaints: never their handler,
        approver or reviewer, nor followers (hook for the approvals)."""
        # sudo: the link of an employee to his user is HR data that a customer
        # service user may not read; only the users are returned.
        return self.sudo().complained_employee_ids.user_id.with_env(self.env)

    def _check_recusal_write(self, vals):
        """A user complained about, even granted to read it, never changes the
        complaint (no result, no state, no cancel); only a customer-service
        manager grants the reading."""
        if self.env.su:
            return
        for complaint in self:
            if self.env.user in complaint._recused_user_ids():
                raise AccessError(
                    _(
                        "You are complained about in %(complaint)s: you may not "
                        "change it.",
                        complaint=complaint.name,
                    )
                )
        if "recusal_granted_user_ids" in vals:
            self._check_can_grant_recusal()

    @api.model
    def _check_can_grant_recusal(self):
        if self.env.su or self.env.user.has_group(
            "customer_service.group_customer_service_manager"
        ):
            return
        raise AccessError(
            _(
                "Only a customer-service manager can let an employee complained "
                "about read the complaint."
            )
        )

    def _unsubscribe_recused(self):
        for complaint in self:
            partners = complaint._recused_user_ids().partner_id
            if partners & complaint.message_partner_ids:
                complaint.message_unsubscribe(partner_ids=partners.ids)

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        # On create, the batch subscribes once per handler, not per complaint.
        if self.env.context.get("cs_auto_subscribe_later"):
            return True
        return super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )

    def _message_auto_subscribe_notify(self, partner_ids, template):
        # The assignment notices of a batch, in bulk.
        return self._cs_auto_subscribe_notify_batch(partner_ids, template)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # Every way of following (auto-subscription, invitation, mention) ends
        # here: the employees complained about never follow the complaint.
        recused = self._recused_user_ids().partner_id
        if not partner_ids or not recused.filtered(lambda p: p.id in partner_ids):
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)
        for complaint in self:
            excluded = complaint._recused_user_ids().partner_id.ids
            super(CustomerServiceComplaint, complaint)._message_subscribe(
                [pid for pid in partner_ids if pid not in excluded],
                subtype_ids,
                customer_ids,
            )
        return True

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # Nor are they notified when named as recipients of a message.
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        excluded = self._recused_user_ids().partner_id.ids
        return [r for r in recipients if r["id"] not in excluded]

    def _transfer_answer_user(self, department):
        """Who answers for ``department`` (R2.9): its manager, unless he is
        complained about (R2.7); then his own manager, the next one up the
        hierarchy, else the complaint's handler, who is never complained about."""
        self.ensure_one()
        manager = department.manager_id
        if not manager.user_id:
            return self.env["res.users"]
        recused = self._recused_user_ids()
        for user in (manager.user_id, manager._cs_manager_user(), self.user_id):
            if user and user not in recused:
                return user
        return self.env["res.users"]

    def _set_state(self, state):
        self.write({"state": state})

    def _check_state_requirements(self, state, vals):
        """What a complaint needs before it reaches ``state``, whichever way it
        gets there (buttons, kanban, import)."""
        self.ensure_one()
        if state == "proposed":
            if self.investigation_result != "founded":
                raise UserError(
                    _(
                        "Record complaint %(complaint)s as founded, with the "
                        "responsibility, before proposing a solution.",
                        complaint=self.name,
                    )
                )
            if not (self.solution and self.remedy_type):
                raise UserError(
                    _(
                        "Describe the solution and its remedy type for complaint "
                        "%(complaint)s before proposing it.",
                        complaint=self.name,
                    )
                )
            if self.approval_level and self.approval_state != "approved":
                raise UserError(
                    _(
                        "The %(remedy)s of complaint %(complaint)s needs approval "
                        "before it is proposed: request a validation.",
                        remedy=dict(
                            self._fields["remedy_type"]._description_selection(self.env)
                        )[self.remedy_type],
                        complaint=self.name,
                    )
                )
        elif state == "unfounded":
            if self.investigation_result != "unfounded" or not (
                self.investigation_note or self.root_cause
            ):
                raise UserError(
                    _(
                        "Record complaint %(complaint)s as unfounded with the "
                        "reasons before closing it as unfounded.",
                        complaint=self.name,
                    )
                )
        elif state == "investigating" and self.state == "proposed":
            if not (vals.get("rejection_reason") or "").strip():
                raise UserError(_("Say why the customer rejects the solution."))
        elif state == "return_visit":
            if self.category_id.return_visit_count and not self.commercial_partner_id:
                raise UserError(
                    _(
                        "Complaint %(complaint)s has no customer to visit: set the "
                        "complainant before planning the return visits.",
                        complaint=self.name,
                    )
                )
        elif state == "closed":
            self._check_can_close()

    def _on_state_reached(self, state):
        """Effects of reaching ``state``: written replies, return visits (hook)."""
        templates = {
            "acknowledged": "customer_service.mail_template_complaint_acknowledged",
            "proposed": "customer_service.mail_template_complaint_proposed",
            "unfounded": "customer_service.mail_template_complaint_unfounded",
            "closed": "customer_service.mail_template_complaint_closed",
        }
        if state in templates:
            self._send_template(templates[state])
        if state == "return_visit":
            self._plan_return_visits()
        # Customers told their complaint is unfounded rate the service too.
        if state in ("return_visit", "unfounded"):
            self._cs_send_satisfaction_survey()

    def _steps_completed_by(self, state):
        """SLA steps that reaching ``state`` completes (hook)."""
        return {
            "acknowledged": ("ack",),
            "proposed": ("reply", "dept"),
            "unfounded": ("ack", "reply", "dept"),
            "closed": ("visit",),
        }.get(state, ())

    def _complete_steps(self, state):
        """Records met/missed for the steps ``state`` completes (R2.19)."""
        now = fields.Datetime.now()
        for complaint in self:
            vals = {}
            for step in self._steps_completed_by(state):
                deadline = complaint[f"{step}_deadline"]
                if deadline and not complaint[f"{step}_done"]:
                    vals[f"{step}_done"] = now
                    vals[f"{step}_sla"] = "met" if now <= deadline else "missed"
            if state == "closed":
                vals["closed_at"] = now
            if vals:
                # The step is done whatever the state the complaint reached.
                complaint.with_context(cs_complaint_bookkeeping=True).write(vals)

    def _ack_deadline(self, calendar):
        """Acknowledgement deadline by channel (R2.15)."""
        self.ensure_one()
        company = self.company_id
        if self.channel == "email":
            return self.received_at + timedelta(
                hours=company.cs_complaint_ack_email_hours
            )
        if self.channel == "chat":
            return self.received_at + timedelta(
                minutes=company.cs_complaint_ack_chat_minutes
            )
        return calendar.cs_add_working_days(
            self.received_at, company.cs_complaint_ack_other_days
        )

    def _detect_repeats(self):
        """Flags complaints repeating an earlier one of the same customer and
        category (and product when given) within the window (R2.11), in one
        query for the whole batch; called on create and on write. Returns the
        complaints flagged."""
        candidates = self.filtered("commercial_partner_id")
        if not candidates:
            return self.browse()
        self.flush_model(
            [
                "commercial_partner_id",
                "category_id",
                "product_id",
                "received_at",
                "state",
                "company_id",
            ]
        )
        self.env["res.company"].flush_model(["cs_complaint_repeat_days"])
        self.env.cr.execute(
            """
            UPDATE customer_service_complaint c
               SET repeat_of_id = r.previous_id,
                   is_repeat = true,
                   severity = CASE c.severity WHEN 'normal' THEN 'major'
                                              ELSE 'critical' END
              FROM (
                   SELECT n.id, prev.id AS previous_id
                     FROM customer_service_complaint n
                     JOIN res_company co ON co.id = n.company_id
               CROSS JOIN LATERAL (
                          SELECT p.id
                            FROM customer_service_complaint p
                           WHERE p.commercial_partner_id = n.commercial_partner_id
                             AND p.category_id = n.category_id
                             AND p.company_id = n.company_id
                             AND p.id != n.id
                             AND p.state != 'cancelled'
                             AND (n.product_id IS NULL OR p.product_id = n.product_id)
                             AND (p.received_at, p.id) < (n.received_at, n.id)
                             AND p.received_at >= n.received_at
                                 - co.cs_complaint_repeat_days * interval '1 day'
                        ORDER BY p.received_at DESC, p.id DESC
                           LIMIT 1
                          ) prev
                    WHERE n.id = ANY(%s) AND co.cs_complaint_repeat_days > 0
                      AND n.repeat_of_id IS NULL
                   ) r
             WHERE c.id = r.id
         RETURNING c.id, r.previous_id, c.severity
            """,
            [candidates.ids],
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return self.browse()
        repeats = self.browse([row[0] for row in rows])
        repeats.invalidate_recordset(["repeat_of_id", "is_repeat", "severity"])
        labels = dict(SEVERITIES)
        # sudo: the earlier complaint may be invisible to the user (another
        # team, recusal); only its reference is shown, never its content.
        previous = self.sudo().browse({row[1] for row in rows})
        references = {complaint.id: complaint.name for complaint in previous}
        bodies = {}
        for complaint_id, previous_id, severity in rows:
            bodies[complaint_id] = _(
                "Repeat complaint: %(previous)s was received from the same customer "
                "in this category; severity raised to %(severity)s.",
                previous=references[previous_id],
                severity=labels[severity],
            )
        repeats._message_log_batch(bodies=bodies)
        return repeats

    def _management_partners(self, safety=False):
        self.ensure_one()
        company = self.company_id
        users = company.cs_complaint_management_user_ids
        if safety:
            users |= company.cs_complaint_quality_user_id
        return users.partner_id

    def _notify_severity(self):
        """Tells management of major and safety complaints, once per level
        (R2.4); safety complaints also go to the quality/technical manager."""
        to_notify = self.filtered(
            lambda c: c.severity != "normal"
            and SEVERITY_ORDER.index(c.severity)
            > SEVERITY_ORDER.index(c.severity_notified or "normal")
        )
        # One subscription and one bulk post per set of managers told, not per
        # complaint: a batch of intake costs the same queries for any size.
        by_partners = defaultdict(list)
        for complaint in to_notify:
            partners = complaint._management_partners(
                safety=complaint.severity == "critical"
            )
            if partners:
                by_partners[partners].append(complaint.id)
        for partners, ids in by_partners.items():
            complaints = self.browse(ids)
            complaints.message_subscribe(partner_ids=partners.ids)
            complaints._cs_message_post_batch(
                {
                    complaint.id: self.env._(
                        "%(severity)s complaint %(complaint)s from %(customer)s "
                        "needs your attention.",
                        severity=dict(SEVERITIES)[complaint.severity],
                        complaint=complaint.name,
                        customer=complaint.partner_id.display_name
                        or complaint.complainant_name
                        or complaint.email_from,
                    )
                    for complaint in complaints
                },
                partners.ids,
                "mail.mt_comment",
                # Sent to management, never shown to the customer.
                internal=True,
            )
        for severity in ("major", "critical"):
            to_notify.filtered(lambda c, s=severity: c.severity == s).with_context(
                cs_complaint_bookkeeping=True
            ).write({"severity_notified": severity})

    def _check_can_close(self):
        """Closing needs the required return visits and a satisfaction answer
        (R2.13)."""
        self.ensure_one()
        required = self.category_id.return_visit_count
        if self.return_visits_done < required:
            raise UserError(
                _(
                    "Complaint %(complaint)s needs %(required)s completed return "
                    "visit(s) before closing; %(done)s done.",
                    complaint=self.name,
                    required=required,
                    done=self.return_visits_done,
                )
            )
        if not self._cs_satisfaction_answered():
            raise UserError(
                _(
                    "Record the customer's satisfaction for complaint %(complaint)s "
                    "(on a return visit or a survey) before closing it.",
                    complaint=self.name,
                )
            )

    # ------------------------------------------------------------------
    # Satisfaction survey (R2.13, R5.2, R5.5)
    # ------------------------------------------------------------------
    def _cs_satisfaction_answered(self):
        """A satisfaction recorded on a return visit, or a completed survey."""
        self.ensure_one()
        return bool(self.satisfaction) or super()._cs_satisfaction_answered()

    def _cs_survey_responsible(self):
        self.ensure_one()
        return self.user_id, self.department_id

    def _cs_prepare_followup(self, answer):
        """A customer still dissatisfied after the complaint opens a new one for
        the same unit; repeat detection links it to this complaint."""
        self.ensure_one()
        # The answer may come from a public visitor: the complaint is the unit's.
        return self.sudo().create(self._cs_followup_complaint_vals(answer))

    def _cs_followup_complaint_vals(self, answer):
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "channel": "web",
            "category_id": self.category_id.id,
            "product_id": self.product_id.id,
            "department_id": self.department_id.id,
            "first_responder_id": self.first_responder_id.id,
            "user_id": self.user_id.id,
            "complained_employee_ids": [(6, 0, self.complained_employee_ids.ids)],
            "description": plaintext2html(
                _(
                    "After complaint %(complaint)s, the customer answered survey "
                    "%(survey)s with satisfaction level %(level)s.\n%(comment)s",
                    complaint=self.name,
                    survey=answer.survey_id.title,
                    level=answer.cs_level,
                    comment=answer._cs_comment(),
                )
            ),
        }

    def _prepare_return_visit_vals(self, index, planned):
        self.ensure_one()
        return {
            "partner_id": self.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "user_id": self.user_id.id or self.env.user.id,
            "visit_type": "post_complaint",
            "method": "phone",
            "planned_start": planned,
            "complaint_id": self.id,
            "purpose": _(
                "Return visit %(index)s after complaint %(complaint)s.",
                index=index,
                complaint=self.name,
            ),
        }

    def _plan_return_visits(self):
        """Plans the category's return visits, due within the return-visit
        deadline (R2.13, R2.18)."""
        now = fields.Datetime.now()
        vals_list = []
        for complaint in self:
            calendar = complaint.company_id._cs_working_calendar()
            deadline = calendar.cs_add_working_days(
                now, complaint.company_id.cs_complaint_return_visit_days
            )
            complaint.visit_deadline = deadline
            missing = complaint.category_id.return_visit_count - len(
                complaint.visit_ids.filtered(lambda v: v.state != "cancelled")
            )
            if missing <= 0:
                continue
            days = complaint.company_id.cs_complaint_return_visit_days
            for index in range(1, missing + 1):
                # The first visit is due by the deadline, the next ones as many
                # working days apart.
                planned = (
                    deadline
                    if index == 1
                    else calendar.cs_add_working_days(now, days * index)
                )
                vals_list.append(complaint._prepare_return_visit_vals(index, planned))
        self.env["customer_service.visit"].create(vals_list)

    def _prepare_transfer(self, department, user, note):
        """Values of a transfer to ``department`` (R2.9, R2.17)."""
        self.ensure_one()
        now = fields.Datetime.now()
        calendar = department._cs_working_calendar()
        vals = {
            "department_id": department.id,
            "transfer_note": note,
            "transferred_at": now,
            "dept_deadline": calendar.cs_add_working_days(
                now, self.company_id.cs_complaint_department_days
            ),
            "dept_done": False,
            "dept_sla": False,
            "dept_escalation": 0,
        }
        if user:
            vals["user_id"] = user.id
        return vals

    def _transfer_summary(self):
        return _lt("Answer the complaint with a solution")

    def _transfer(self, department, user=None, note=""):
        for complaint in self:
            complaint.write(complaint._prepare_transfer(department, user, note))
            complaint.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "Transferred to %(department)s.",
                        department=department.display_name,
                    ),
                    note or "",
                )
            )
            manager = complaint._transfer_answer_user(department)
            if manager:
                complaint._cs_activity_schedule(
                    "followup",
                    manager,
                    complaint._transfer_summary(),
                    date_deadline=complaint.dept_deadline.date(),
                    note=note,
                )

    # ------------------------------------------------------------------
    # Escalation (R2.20)
    # ------------------------------------------------------------------
    @api.model
    def _escalation_domain(self, step, level, now, company):
        """Open complaints of ``company`` whose ``step`` needs escalating to
        ``level`` (1 at risk, 2 overdue, 3 overdue beyond the extra time)."""
        if level == 1:
            limit = now + timedelta(hours=company.cs_complaint_at_risk_hours)
        elif level == 2:
            limit = now
        else:
            limit = now - timedelta(hours=company.cs_complaint_escalation_extra_hours)
        return [
            ("company_id", "=", company.id),
            (f"{step}_deadline", "<", limit),
            (f"{step}_done", "=", False),
            (f"{step}_escalation", "<", level),
            ("state", "not in", DONE_STATES),
            "!",
            *self._sla_paused_domain(),
        ]

    def _escalation_recipients(self, level):
        """User to act on an escalation at ``level``, per complaint."""
        self.ensure_one()
        if level == 1:
            return self.user_id
        if level == 2:
            manager = self.user_id.employee_id._cs_manager_user()
            return manager or self.department_id.manager_id.user_id or self.user_id
        return self.company_id.cs_complaint_management_user_ids

    def _escalation_summary(self, step, level):
        """The summary of an escalation, a lazy translation: rendered in the
        language of who receives it."""
        labels = {
            "ack": _lt("acknowledgement"),
            "reply": _lt("first reply"),
            "dept": _lt("department answer"),
            "visit": _lt("return visit"),
        }
        if level == 1:
            return _lt("Complaint %(step)s deadline at risk", step=labels[step])
        if level == 2:
            return _lt("Complaint %(step)s deadline overdue", step=labels[step])
        return _lt("Complaint %(step)s deadline long overdue", step=labels[step])

    def _close_superseded_escalations(self, step, level):
        """The "at risk" escalation of ``step`` is archived once the deadline
        is overdue: it no longer says what is true. The overdue ones stay open
        when management is told too."""
        if level < 2:
            return
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("customer_service.mail_activity_type_escalation").id,
                ),
            ]
        )
        summaries = {}
        superseded = self.env["mail.activity"]
        for activity in activities:
            lang = activity.user_id.lang or "en_US"
            if lang not in summaries:
                summaries[lang] = {
                    self.with_context(lang=lang).env._(
                        self._escalation_summary(step, 1)
                    )
                }
            if activity.summary in summaries[lang]:
                superseded |= activity
        # Archived in one write, as the rest of the escalation works in
        # batches: the overdue activity that replaces it carries the follow-up.
        superseded.write({"active": False})

    @api.model
    def _cron_escalate(self):
        """Escalates at-risk and overdue deadlines, one level at a time, each
        level once: the level reached is stored per deadline."""
        now = fields.Datetime.now()
        done = 0
        for company in self.env["res.company"].search([]):
            for level in (1, 2, 3):
                for step in SLA_STEPS:
                    # Ordered by the indexed deadline, not the default order,
                    # so the batch is read by an index range scan.
                    complaints = self.search(
                        self._escalation_domain(step, level, now, company),
                        order=f"{step}_deadline, id",
                        limit=ESCALATION_BATCH,
                    )
                    if not complaints:
                        continue
                    # With the assignment email, so the recipient hears of it
                    # outside Odoo too.
                    self._cs_activity_schedule_batch(
                        [
                            (
                                complaint,
                                "escalation",
                                user,
                                complaint._escalation_summary(step, level),
                                {"date_deadline": complaint[f"{step}_deadline"].date()},
                            )
                            for complaint in complaints
                            for user in complaint._escalation_recipients(level)
                        ]
                    )
                    complaints._close_superseded_escalations(step, level)
                    complaints.write({f"{step}_escalation": level})
                    done += len(complaints)
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    # ------------------------------------------------------------------
    # Monthly summary (R2.22)
    # ------------------------------------------------------------------
    @api.model
    def _summary_values(self, company, start, end):
        domain = [
            ("company_id", "=", company.id),
            ("received_at", ">=", start),
            ("received_at", "<", end),
        ]
        total = self.search_count(domain)
        by_category = self._read_group(
            domain, ["category_id"], ["__count"], order="__count desc", limit=5
        )
        repeats = self._read_group(
            [*domain, ("is_repeat", "=", True)],
            ["commercial_partner_id"],
            ["__count"],
            order="__count desc",
            limit=5,
        )
        return {
            "total": total,
            "closed": self.search_count([*domain, ("state", "=", "closed")]),
            "breaches": self.search_count([*domain, ("sla_missed", "=", True)]),
            "categories": [(c.complete_name, n) for c, n in by_category],
            "repeat_customers": [(p.display_name, n) for p, n in repeats],
            "open_actions": self.env["customer_service.complaint.action"].search_count(
                [("company_id", "=", company.id), ("state", "=", "open")]
            ),
        }

    @api.model
    def _summary_body(self, values, month):
        rows = Markup("").join(
            Markup("<li>%s: %s</li>") % (name, count)
            for name, count in values["categories"]
        )
        repeats = Markup("").join(
            Markup("<li>%s: %s</li>") % (name, count)
            for name, count in values["repeat_customers"]
        )
        return Markup(
            "<p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ul>"
            "<p>%s</p><ul>%s</ul><p>%s</p><ul>%s</ul>"
        ) % (
            _("Complaints of %(month)s", month=month.strftime("%Y-%m")),
            _("Received: %(count)s", count=values["total"]),
            _("Closed: %(count)s", count=values["closed"]),
            _("Deadlines missed: %(count)s", count=values["breaches"]),
            _("Open corrective actions: %(count)s", count=values["open_actions"]),
            _("Top categories"),
            rows,
            _("Repeat customers"),
            repeats,
        )

    @api.model
    def _cron_monthly_summary(self):
        """Sends last month's summary to each company's management, once."""
        today = fields.Date.context_today(self)
        month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        start = fields.Datetime.to_datetime(month)
        end = fields.Datetime.to_datetime(today.replace(day=1))
        companies = self.env["res.company"].search(
            [
                ("cs_complaint_management_user_ids", "!=", False),
                "|",
                ("cs_complaint_summary_month", "=", False),
                ("cs_complaint_summary_month", "<", month),
            ]
        )
        mails = self.env["mail.mail"].sudo()
        for company in companies:
            recipients = company.cs_complaint_management_user_ids.partner_id
            by_lang = recipients.grouped("lang")
            # One mail per language of the recipients, each in its language.
            for lang in by_lang:
                localized = self.with_context(lang=lang or None)
                values = localized._summary_values(company, start, end)
                attachment = localized._summary_attachment(company, month)
                mails |= mails.create(
                    {
                        "subject": localized._summary_subject(company, month),
                        "body_html": localized._summary_body(values, month),
                        "recipient_ids": [(6, 0, by_lang[lang].ids)],
                        "email_from": company.email_formatted
                        or self.env.user.email_formatted,
                        "auto_delete": False,
                        "attachment_ids": [(4, attachment.id)],
                    }
                )
            company.cs_complaint_summary_month = month
        return mails

    @api.model
    def _summary_attachment(self, company, month):
        """The month's summary as a PDF for management to file (每月汇总)."""
        pdf, _format = self.env["ir.actions.report"]._render_qweb_pdf(
            "customer_service.action_report_complaint_summary",
            company.ids,
            data={"month": fields.Date.to_string(month)},
        )
        # sudo: the summary belongs to the company; the cron's user files it.
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": _(
                        "Complaint Summary %(month)s.pdf",
                        month=month.strftime("%Y-%m"),
                    ),
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": "res.company",
                    "res_id": company.id,
                }
            )
        )

    @api.model
    def _summary_subject(self, company, month):
        return _(
            "%(company)s: complaints of %(month)s",
            company=company.name,
            month=month.strftime("%Y-%m"),
        )
