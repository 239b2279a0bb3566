import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

_logger = logging.getLogger(__name__)

SATISFACTION = [
    ("1", "1 - Very dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Basically satisfied"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very satisfied"),
]
PLANNING_BATCH = 1000
# Routine visits are planned at this local time; the employee moves them freely.
ROUTINE_HOUR = time(10, 0)


def _local(utc_naive, calendar):
    """A naive UTC datetime as local time of the calendar's time zone."""
    return pytz.utc.localize(utc_naive).astimezone(pytz.timezone(calendar.tz or "UTC"))


def _utc(local_naive, calendar):
    """A naive local datetime of the calendar's time zone as naive UTC."""
    local = pytz.timezone(calendar.tz or "UTC").localize(local_naive)
    return local.astimezone(pytz.utc).replace(tzinfo=None)


class CustomerServiceVisit(models.Model):
    """A customer visit or return visit (拜访/回访): plan, record, report, review."""

    _name = "customer_service.visit"
    _description = "Customer Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "customer_service.approval.mixin"]
    _order = "planned_start desc, id desc"
    _check_company_auto = True
    # Expenses above the company's limit are approved through tier validation.
    _state_field = "expense_state"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "refused"
    _tier_validation_manual_config = False

    # ------------------------------------------------------------------
    # Plan (R3.1)
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    partner_grade_id = fields.Many2one(
        related="partner_id.cs_grade_id", store=True, string="Customer Grade"
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact",
        check_company=True,
        domain="[('parent_id', '=', partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    visit_type = fields.Selection(
        [
            ("routine", "Routine"),
            ("key_account", "Key account"),
            ("post_sale", "Post-sale"),
            ("care", "Care / holiday"),
        ],
        string="Type",
        required=True,
        default="routine",
        index=True,
        tracking=True,
    )
    method = fields.Selection(
        [
            ("onsite", "On-site"),
            ("phone", "Phone"),
            ("video", "Video"),
            ("message", "SMS / WeChat"),
            ("letter", "Letter"),
        ],
        required=True,
        default="onsite",
    )
    planned_start = fields.Datetime(required=True, index=True, tracking=True)
    duration = fields.Float(default=1.0, help="Planned duration in hours.")
    planned_stop = fields.Datetime(compute="_compute_planned_stop", store=True)
    purpose = fields.Text()
    preparation = fields.Text(string="Preparation Materials")
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        index=True,
        tracking=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Record (R3.2)
    # ------------------------------------------------------------------
    actual_start = fields.Datetime(string="Visited On", copy=False, tracking=True)
    met_contact = fields.Char(string="Contact Met", copy=False)
    content = fields.Text(copy=False)
    customer_needs = fields.Text(string="Needs and Feedback", copy=False)
    satisfaction = fields.Selection(SATISFACTION, copy=False, tracking=True)
    next_steps = fields.Text(copy=False)
    next_visit_date = fields.Date(copy=False)
    # R3.2: the issues the customer raised.
    issues_raised = fields.Text(copy=False)

    # ------------------------------------------------------------------
    # Report and review (R3.3)
    # ------------------------------------------------------------------
    report_state = fields.Selection(
        [
            ("draft", "To Submit"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("returned", "Returned"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    report_deadline = fields.Date(
        compute="_compute_report_deadline",
        store=True,
        index=True,
        help="The working day after the visit.",
    )
    report_late = fields.Boolean(
        compute="_compute_report_late", search="_search_report_late"
    )
    reviewer_id = fields.Many2one(
        "res.users", compute="_compute_reviewer_id", store=True, string="Supervisor"
    )
    review_comment = fields.Text(copy=False, tracking=True)
    report_reminded = fields.Boolean(
        copy=False, help="A late-report reminder was sent."
    )

    # ------------------------------------------------------------------
    # Expenses (R3.4)
    # ------------------------------------------------------------------
    expense_ids = fields.One2many("customer_service.visit.expense", "visit_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    expense_total = fields.Monetary(compute="_compute_expense_total", store=True)
    expense_limit = fields.Monetary(related="company_id.cs_visit_expense_limit")
    expense_excess = fields.Monetary(
        compute="_compute_expense_total",
        store=True,
        string="Above the Limit",
        help="Expenses above the limit need approval.",
    )
    expense_state = fields.Selection(
        [("draft", "Not Approved"), ("approved", "Approved"), ("refused", "Refused")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    expense_borne_by_employee = fields.Monetary(
        compute="_compute_expense_borne_by_employee",
        store=True,
        help="The part above the limit that the employee bears, unless approved.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("planned_start", "duration")
    def _compute_planned_stop(self):
        for visit in self:
            visit.planned_stop = (
                visit.planned_start
                and visit.planned_start + timedelta(hours=visit.duration)
            )

    @api.depends("actual_start", "company_id")
    def _compute_report_deadline(self):
        for visit in self:
            if not visit.actual_start:
                visit.report_deadline = False
                continue
            calendar = visit.company_id._cs_working_calendar()
            visit.report_deadline = calendar.cs_next_working_day(
                _local(visit.actual_start, calendar).date()
            )

    @api.depends("report_deadline", "report_state")
    def _compute_report_late(self):
        today = fields.Date.context_today(self)
        for visit in self:
            visit.report_late = bool(
                visit.report_deadline
                and visit.report_state in ("draft", "returned")
                and visit.report_deadline < today
            )

    def _search_report_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on late reports."))
        late = [
            "&",
            "&",
            ("state", "=", "done"),
            ("report_state", "in", ["draft", "returned"]),
            ("report_deadline", "<", fields.Date.context_today(self)),
        ]
        return late if (operator == "=") == value else ["!", *late]

    @api.depends("user_id")
    def _compute_reviewer_id(self):
        for visit in self:
            visit.reviewer_id = visit._supervisor_of(visit.user_id)

    @api.depends("expense_ids.amount_company", "company_id.cs_visit_expense_limit")
    def _compute_expense_total(self):
        for visit in self:
            total = sum(visit.expense_ids.mapped("amount_company"))
            visit.expense_total = total
            visit.expense_excess = max(
                total - visit.company_id.cs_visit_expense_limit, 0.0
            )

    @api.depends("expense_excess", "expense_state")
    def _compute_expense_borne_by_employee(self):
        for visit in self:
            visit.expense_borne_by_employee = (
                0.0 if visit.expense_state == "approved" else visit.expense_excess
            )

    @api.constrains("duration", "planned_start", "actual_start")
    def _check_times(self):
        for visit in self:
            if visit.duration <= 0:
                raise ValidationError(
                    _(
                        "Visit %(visit)s: the visit must end after it starts.",
                        visit=visit.name,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_active(self):
        for visit in self:
            if not visit.partner_id.active:
                raise ValidationError(
                    _(
                        "%(partner)s is archived: visits cannot be planned for it.",
                        partner=visit.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        to_number = defaultdict(list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company_id = vals.get("company_id") or self.env.company.id
                to_number[company_id].append(vals)
        # One query per company for the whole batch's references.
        Numbering = self.env["customer_service.numbered.mixin"]
        for company_id, company_vals in to_number.items():
            references = Numbering._cs_next_references(
                "customer_service.visit",
                self.env["res.company"].browse(company_id),
                len(company_vals),
            )
            for vals, reference in zip(company_vals, references, strict=True):
                vals["name"] = reference
        visits = (
            super(CustomerServiceVisit, self.with_context(cs_auto_subscribe_later=True))
            .create(vals_list)
            .with_env(self.env)
        )
        if not self.env.context.get("tracking_disable"):
            visits._cs_auto_subscribe_batch(vals_list)
        visits._sync_calendar_events()
        return visits

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        # On create, the batch subscribes once per responsible, not per visit.
        if self.env.context.get("cs_auto_subscribe_later"):
            return True
        return super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )

    def write(self, vals):
        if self._record_fields() & set(vals) and "cancelled" in self.mapped("state"):
            raise UserError(_("A cancelled visit cannot be recorded."))
        result = super().write(vals)
        if {"planned_start", "duration", "user_id", "partner_id", "state"} & set(vals):
            self._sync_calendar_events()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        if any(visit.state == "done" for visit in self):
            raise UserError(
                _("A visit with a record cannot be deleted: cancel it instead.")
            )

    @api.model
    def _record_fields(self):
        return {
            "actual_start",
            "met_contact",
            "content",
            "customer_needs",
            "satisfaction",
            "next_steps",
            "next_visit_date",
            "issues_raised",
        }

    def _calendar_event_vals(self):
        self.ensure_one()
        # The event is the employee's: named in his language, not in the
        # language of whoever (or whichever job) planned the visit.
        visit = self.with_context(lang=self.user_id.lang or self.env.lang)
        return {
            "name": visit.env._(
                "Visit: %(customer)s", customer=visit.partner_id.display_name
            ),
            "start": self.planned_start,
            "stop": self.planned_stop,
            "user_id": self.user_id.id,
            "partner_ids": [(6, 0, self.user_id.partner_id.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def _sync_calendar_events(self):
        """Keeps one event per planned visit in the assigned employee's calendar."""
        # The employee may not manage other people's events: the visit does.
        cancelled = self.filtered(lambda v: v.state == "cancelled")
        cancelled.calendar_event_id.sudo().active = False
        active = self - cancelled
        for visit in active.filtered("calendar_event_id"):
            visit.calendar_event_id.sudo().write(visit._calendar_event_vals())
        new = active.filtered(lambda v: not v.calendar_event_id)
        events = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True)
            .create([visit._calendar_event_vals() for visit in new])
        )
        if not new:
            return
        # One update for the batch: the link is the addon's own bookkeeping,
        # which a write per visit (with its approval checks) would only slow.
        new.flush_recordset(["calendar_event_id"])
        self.env.cr.execute(
            """UPDATE customer_service_visit v SET calendar_event_id = e.event_id
                 FROM unnest(%s, %s) e(id, event_id) WHERE v.id = e.id""",
            [new.ids, events.ids],
        )
        new.invalidate_recordset(["calendar_event_id"])

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    _(
                        "Only a planned visit can be recorded: %(visit)s.",
                        visit=visit.name,
                    )
                )
            if not (visit.actual_start and visit.content):
                raise UserError(
                    _(
                        "Record when the visit took place and what was discussed "
                        "before marking %(visit)s as done.",
                        visit=visit.name,
                    )
                )
        self._write_state({"state": "done"})

    def action_cancel(self):
        if any(visit.state == "done" for visit in self):
            raise UserError(_("A visit that took place cannot be cancelled."))
        self._write_state({"state": "cancelled"})

    def action_submit_report(self):
        for visit in self:
            if visit.state != "done" or visit.report_state not in ("draft", "returned"):
                raise UserError(
                    _("Only the report of a recorded visit can be submitted.")
                )
        self._write_state({"report_state": "submitted", "report_reminded": False})
        for visit in self.filtered("reviewer_id"):
            visit._cs_activity_schedule(
                "report_reminder", visit.reviewer_id, _lt("Review the visit report")
            )

    def _check_reviewer(self):
        for visit in self:
            if visit.report_state != "submitted":
                raise UserError(_("Only a submitted report can be reviewed."))
            if visit.user_id == self.env.user:
                raise UserError(
                    _(
                        "You cannot review the report of your own visit %(visit)s.",
                        visit=visit.name,
                    )
                )
            if visit.reviewer_id != self.env.user:
                raise UserError(
                    _(
                        "Only the supervisor of the visitor reviews the report of "
                        "%(visit)s.",
                        visit=visit.name,
                    )
                )

    def action_approve_report(self):
        self._check_reviewer()
        self._write_state({"report_state": "approved"})
        self.activity_feedback(["customer_service.mail_activity_type_report_reminder"])

    def action_return_report(self):
        self._check_reviewer()
        for visit in self:
            if not visit.review_comment:
                raise UserError(
                    _(
                        "Say in the review comment why the report of %(visit)s "
                        "is returned.",
                        visit=visit.name,
                    )
                )
        self._write_state({"report_state": "returned"})
        self.activity_feedback(["customer_service.mail_activity_type_report_reminder"])

    def action_approve_expenses(self):
        """Approves the expenses; above the limit, once the tiers have validated."""
        for visit in self:
            if not visit.expense_ids:
                raise UserError(_("Visit %(visit)s has no expenses.", visit=visit.name))
            if visit.expense_excess and visit.validation_status != "validated":
                raise UserError(
                    _(
                        "The expenses of %(visit)s are above the limit: their "
                        "approvers decide.",
                        visit=visit.name,
                    )
                )
        self._write_state({"expense_state": "approved"})

    # ------------------------------------------------------------------
    # Tier validation
    # ------------------------------------------------------------------
    @api.model
    def _get_under_validation_exceptions(self):
        # Expense approval must not freeze the visit's own report review.
        return [
            *super()._get_under_validation_exceptions(),
            "report_state",
            "review_comment",
            "report_reminded",
            "expense_state",
        ]

    @api.model
    def _guarded_state_fields(self):
        return {"state", "report_state", "expense_state"}

    def _locked_fields(self):
        # An approved report is what the supervisor accepted.
        if self.report_state == "approved":
            return self._record_fields()
        return set()

    def _check_expenses_open(self):
        """Expenses approved are what was paid: later ones need a new visit."""
        for visit in self:
            if visit.expense_state == "approved":
                raise UserError(
                    _(
                        "The expenses of %(visit)s are approved and can no longer "
                        "be changed.",
                        visit=visit.name,
                    )
                )

    def _tier_excluded_user_ids(self):
        # The visitor bears the expenses that are not approved.
        return self.user_id

    def _on_tiers_validated(self):
        """The last approval approves the expenses without another click."""
        if self.expense_state == "draft":
            self.action_approve_expenses()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _supervisor_of(self, user):
        """The employee's manager, else the sales team leader."""
        manager = user.employee_id.parent_id.user_id
        return manager or user.sale_team_id.user_id.filtered(lambda u: u != user)

    # ------------------------------------------------------------------
    # Cron entry points
    # ------------------------------------------------------------------
    @api.model
    def _routine_visit_candidates(self, today, limit):
        """Customers due for a routine visit, in one query.

        A customer is due when its grade plans routine visits, it has an account
        manager, no routine visit is planned for it, and its last routine visit
        (if any) is older than the grade's interval.
        """
        self.env["res.partner"].flush_model(["active", "user_id", "cs_grade_id"])
        self.flush_model(
            ["partner_id", "visit_type", "state", "planned_start", "actual_start"]
        )
        self.env.cr.execute(
            """
            WITH routine AS (
                   SELECT v.partner_id,
                          max(coalesce(v.actual_start, v.planned_start))
                              FILTER (WHERE v.state = 'done') AS visited,
                          bool_or(v.state = 'planned') AS planned
                     FROM customer_service_visit v
                    WHERE v.visit_type = 'routine' AND v.state IN ('done', 'planned')
                 GROUP BY v.partner_id
            )
            SELECT p.id, p.user_id, g.visit_interval_days, r.visited, p.company_id
              FROM res_partner p
              JOIN customer_service_grade g ON g.id = p.cs_grade_id
              JOIN res_users u ON u.id = p.user_id AND u.active
         LEFT JOIN routine r ON r.partner_id = p.id
             WHERE p.active AND g.visit_interval_days > 0
               AND r.planned IS NOT TRUE
               AND (r.visited IS NULL
                    OR r.visited + g.visit_interval_days * interval '1 day'
                       <= %(today)s::timestamp + interval '1 day')
          ORDER BY p.id
             LIMIT %(limit)s
            """,
            {"today": today, "limit": limit},
        )
        return self.env.cr.fetchall()

    def _prepare_routine_visit_vals(self, partner_id, user_id, planned, company):
        return {
            "partner_id": partner_id,
            "user_id": user_id,
            "company_id": company.id,
            "visit_type": "routine",
            "planned_start": planned,
            "purpose": _("Routine visit according to the customer's grade."),
        }

    @api.model
    def _cron_plan_routine_visits(self):
        """Plans the next routine visit of every customer that is due (R3.5).

        Never a duplicate: a customer with a planned routine visit is skipped,
        so a second run plans nothing. The visits of a company are created in
        one batch; should the batch fail, each is planned on its own so that
        one bad customer does not stop the others.
        """
        # Candidates are selected on the UTC date; each visit is then placed
        # in its own company's zone and lead time.
        today = fields.Date.today()
        rows = self._routine_visit_candidates(today, PLANNING_BATCH)
        Users = self.env["res.users"]
        Company = self.env["res.company"]
        by_company = defaultdict(list)
        for partner_id, user_id, interval, visited, company_id in rows:
            # The customer's company: the account manager's default company
            # may differ and the visit must be visible with the customer.
            company = Company.browse(company_id) or Users.browse(user_id).company_id
            by_company[company].append((partner_id, user_id, interval, visited))
        visits = self.browse()
        for company, company_rows in by_company.items():
            try:
                with self.env.cr.savepoint():
                    visits |= self._plan_routine_visits(company, company_rows)
                continue
            except Exception:
                _logger.warning(
                    "Routine visit planning failed for a batch of %s customers: "
                    "planning them one by one",
                    len(company_rows),
                    exc_info=True,
                )
            for row in company_rows:
                try:
                    with self.env.cr.savepoint():
                        visits |= self._plan_routine_visits(company, [row])
                except Exception:
                    # One bad customer must not stop the planning of all others.
                    _logger.exception(
                        "Routine visit planning failed for customer %s", row[0]
                    )
        remaining = (
            len(self._routine_visit_candidates(today, 1))
            if len(rows) == PLANNING_BATCH
            else 0
        )
        self.env["ir.cron"]._notify_progress(done=len(visits), remaining=remaining)
        return visits

    def _routine_visit_start(self, visited, interval, company):
        """10:00 local on the due day, never earlier than the company's lead
        of working days after today in the company's zone."""
        calendar = company._cs_working_calendar()
        local_today = _local(fields.Datetime.now(), calendar).date()
        earliest = (
            calendar.cs_working_day_after(local_today, company.cs_visit_lead_days)
            if company.cs_visit_lead_days
            else local_today
        )
        due = (visited + timedelta(days=interval)).date() if visited else earliest
        due = max(due, earliest)
        if not calendar.cs_is_working_day(due):
            due = calendar.cs_next_working_day(due)
        start = _utc(datetime.combine(due, ROUTINE_HOUR), calendar)
        if start <= fields.Datetime.now():
            start = _utc(
                datetime.combine(calendar.cs_next_working_day(due), ROUTINE_HOUR),
                calendar,
            )
        return start

    def _plan_routine_visits(self, company, rows):
        """Routine visits of ``company`` for rows of (customer id, user id,
        interval, last visit), in one create."""
        vals_list = [
            self._prepare_routine_visit_vals(
                partner_id,
                user_id,
                self._routine_visit_start(visited, interval, company),
                company,
            )
            for partner_id, user_id, interval, visited in rows
        ]
        # The visits appear in each employee's calendar: no email per visit.
        return (
            self.with_company(company)
            .with_context(mail_auto_subscribe_no_notify=True)
            .create(vals_list)
        )

    @api.model
    def _cron_remind_late_reports(self):
        """One reminder activity per late visit report; a second run sends none."""
        late = self.search(
            [("report_late", "=", True), ("report_reminded", "=", False)],
            limit=PLANNING_BATCH,
        )
        late._cs_activity_schedule_batch(
            [
                (
                    visit,
                    "report_reminder",
                    visit.user_id,
                    _lt("The visit report is late"),
                    {"date_deadline": visit.report_deadline},
                )
                for visit in late
            ]
        )
        late.report_reminded = True
        return late
