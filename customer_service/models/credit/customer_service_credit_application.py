from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang
from odoo.tools.translate import LazyTranslate

from .customer_service_credit_rule import APPROVAL_LEVELS, LEVEL_RANK

_lt = LazyTranslate(__name__)

REVIEW_BATCH = 500
# Groups that read the credit file (R1.5); the auditor reads without changing.
CREDIT_GROUPS = ",".join(
    f"customer_service.group_customer_service_{role}"
    for role in (
        "credit_controller",
        "approver_gm",
        "approver_deputy_gm",
        "approver_president",
        "approver_ceo",
        "auditor",
    )
)


class CustomerServiceCreditApplication(models.Model):
    """A credit application (信用申请): requested limit and term, evaluation, approval.

    Approval goes through the tiers its required level calls for (R4.2); the
    last approval activates it: the customer's limit and payment term are set
    and the previous active application is superseded.
    """

    _name = "customer_service.credit.application"
    _description = "Credit Application"
    _inherit = ["mail.thread", "mail.activity.mixin", "customer_service.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _state_field = "state"
    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    _tier_validation_manual_config = False

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
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        help="Limits are granted in the company's currency.",
    )
    requested_limit = fields.Monetary(string="Credit Limit", tracking=True)
    requested_term_days = fields.Integer(string="Payment Term (days)", tracking=True)
    justification = fields.Text()
    # Evaluation (资信评估)
    registered_capital = fields.Monetary()
    expected_monthly_business = fields.Monetary(string="Expected Business per Month")
    payment_history = fields.Selection(
        [
            ("none", "No history"),
            ("good", "Pays on time"),
            ("late", "Sometimes late"),
            ("poor", "Often late"),
        ],
        default="none",
    )
    evaluation_notes = fields.Text()
    is_new_customer = fields.Boolean(
        string="New Customer",
        compute="_compute_is_new_customer",
        store=True,
        help="A customer without posted invoices in this company; the stricter "
        "caps for new customers apply.",
    )
    required_level = fields.Selection(
        APPROVAL_LEVELS,
        compute="_compute_required_level",
        store=True,
        help="The highest level the limit or the term calls for.",
    )
    approval_rank = fields.Integer(compute="_compute_required_level", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("superseded", "Superseded"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_start = fields.Date(string="Effective From", copy=False, readonly=True)
    date_review = fields.Date(
        string="Review On",
        copy=False,
        index=True,
        help="The credit is re-evaluated on this date.",
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", readonly=True, copy=False, check_company=True
    )
    superseded_by_id = fields.Many2one(
        "customer_service.credit.application", readonly=True, copy=False
    )
    review_application_id = fields.Many2one(
        "customer_service.credit.application",
        string="Re-evaluation",
        readonly=True,
        copy=False,
        help="The draft application opened when this credit came up for review.",
    )
    top_approver_ids = fields.Many2many(
        "res.users",
        compute="_compute_top_approver_ids",
        string="President or CEO",
        help="Reviewers of the level that either the President or the CEO approves.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("partner_id", "company_id")
    def _compute_is_new_customer(self):
        partners = self.partner_id.commercial_partner_id
        invoiced = set()
        if partners:
            for partner, company in (
                self.env["account.move"]
                .sudo()
                ._read_group(
                    [
                        ("commercial_partner_id", "in", partners.ids),
                        ("company_id", "in", self.company_id.ids),
                        ("move_type", "=", "out_invoice"),
                        ("state", "=", "posted"),
                    ],
                    ["commercial_partner_id", "company_id"],
                )
            ):
                invoiced.add((partner.id, company.id))
        for application in self:
            application.is_new_customer = (
                application.partner_id.commercial_partner_id.id,
                application.company_id.id,
            ) not in invoiced

    @api.depends(
        "requested_limit", "requested_term_days", "company_id", "is_new_customer"
    )
    def _compute_required_level(self):
        Rule = self.env["customer_service.credit.rule"].sudo()
        for application in self:
            company = application.company_id or self.env.company
            level = Rule._required_level(
                application.requested_limit, application.requested_term_days, company
            )
            if (
                not application.is_new_customer
                and application.requested_term_days
                > company.cs_credit_existing_max_term_days
                and LEVEL_RANK[level] < LEVEL_RANK["president"]
            ):
                level = "president"
            application.required_level = level
            application.approval_rank = LEVEL_RANK[level]

    def _compute_top_approver_ids(self):
        groups = self.env.ref(
            "customer_service.group_customer_service_approver_president"
        ) | self.env.ref("customer_service.group_customer_service_approver_ceo")
        self.top_approver_ids = (
            self.env["res.users"].sudo().search([("groups_id", "in", groups.ids)])
        )

    @api.constrains("requested_limit", "requested_term_days")
    def _check_amounts(self):
        for application in self:
            if application.requested_limit < 0:
                raise ValidationError(
                    _(
                        "%(application)s: the credit limit cannot be negative.",
                        application=application.name,
                    )
                )
            if application.requested_term_days < 0:
                raise ValidationError(
                    _(
                        "%(application)s: the payment term cannot be negative.",
                        application=application.name,
                    )
                )
            if application.required_level == "refused":
                raise ValidationError(
                    _(
                        "%(application)s: a payment term of %(days)s days is not "
                        "allowed by the approval table; request a shorter term.",
                        application=application.name,
                        days=application.requested_term_days,
                    )
                )

    @api.constrains("currency_id", "company_id")
    def _check_currency(self):
        for application in self:
            if application.currency_id != application.company_id.currency_id:
                raise ValidationError(
                    _(
                        "%(application)s: credit is granted in the company's currency "
                        "%(company_currency)s, not in %(currency)s.",
                        application=application.name,
                        company_currency=application.company_id.currency_id.name,
                        currency=application.currency_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.is_superuser():
                # The invoices decide whether the caps of new customers apply (R4.3).
                vals.pop("is_new_customer", None)
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env[
                    "customer_service.numbered.mixin"
                ]._cs_next_reference("customer_service.credit.application", company)
        return super().create(vals_list)

    def write(self, vals):
        if "is_new_customer" in vals and not self.env.is_superuser():
            raise UserError(
                _(
                    "Whether the customer is new follows from its posted invoices "
                    "and cannot be changed."
                )
            )
        return super().write(vals)

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        self.env["customer_service.credit.read.log"]._log_reads(
            self.partner_id, "application"
        )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(application.state != "draft" for application in self):
            raise UserError(
                _(
                    "Only draft credit applications can be deleted; cancel the others "
                    "so that the customer's credit history is kept."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        for application in self:
            if application.state != "draft":
                raise UserError(
                    _(
                        "Only a draft application can be submitted: %(application)s.",
                        application=application.name,
                    )
                )
            reason = application._policy_violation()
            if reason:
                raise UserError(reason)
        self._write_state({"state": "to_approve"})
        # Creation left the reviewers field empty in cache and need_validation
        # computed in draft; the tiers read them now.
        self.invalidate_recordset(["top_approver_ids", "need_validation"])
        for application in self:
            application.request_validation()
        self.invalidate_recordset(["need_validation"])
        return True

    def action_cancel(self):
        if any(a.state not in ("draft", "to_approve", "rejected") for a in self):
            raise UserError(_("Only applications not yet approved can be cancelled."))
        self._write_state({"state": "cancelled"})

    def action_draft(self):
        if any(a.state not in ("rejected", "cancelled") for a in self):
            raise UserError(
                _("Only rejected or cancelled applications can be reset to draft.")
            )
        self.review_ids.unlink()
        self._write_state({"state": "draft"})

    def action_approve(self):
        """Approves once every required tier has validated, then activates."""
        for application in self:
            if application.state != "to_approve":
                raise UserError(
                    _(
                        "Only an application under approval can be approved: "
                        "%(application)s.",
                        application=application.name,
                    )
                )
            if application.validation_status != "validated":
                raise UserError(
                    _(
                        "%(application)s is approved by its approvers' decisions "
                        "only.",
                        application=application.name,
                    )
                )
        self._write_state({"state": "approved"})
        self._activate()

    def action_expire(self):
        """Ends an active credit: the customer is back to prepayment."""
        if any(application.state != "active" for application in self):
            raise UserError(_("Only an active credit application can expire."))
        self._write_state({"state": "expired"})
        for application in self:
            # The credit fields belong to accounting; see _activate.
            application.partner_id.sudo().with_company(application.company_id).write(
                {"credit_limit": 0.0}
            )

    # ------------------------------------------------------------------
    # Tier validation
    # ------------------------------------------------------------------
    @api.model
    def _get_under_validation_exceptions(self):
        return [
            *super()._get_under_validation_exceptions(),
            "state",
            "evaluation_notes",
        ]

    def _tier_excluded_user_ids(self):
        return self.user_id | self.create_uid

    def _tier_excluded_error(self):
        return _(
            "You cannot approve or reject %(application)s: you requested it.",
            application=self.name,
        )

    def _tier_order_error(self, level):
        return _(
            "%(application)s must first be approved at the level “%(level)s”.",
            application=self.name,
            level=level,
        )

    def _on_tiers_validated(self):
        if self.state == "to_approve":
            self.action_approve()

    def _on_tiers_rejected(self):
        if self.validation_status == "rejected" and self.state == "to_approve":
            self._write_state({"state": "rejected"})

    def _locked_fields(self):
        # What the approvers decided on, and whom for (R4.2).
        if self.state in ("approved", "active", "superseded", "expired"):
            return {
                "partner_id",
                "company_id",
                "currency_id",
                "requested_limit",
                "requested_term_days",
                "payment_term_id",
                "date_start",
            }
        return set()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _policy_violation(self):
        """Why the policy caps (R4.3) refuse this application, or False."""
        self.ensure_one()
        company = self.company_id
        if not self.is_new_customer:
            return False
        if self.requested_term_days > company.cs_credit_new_max_term_days:
            return _(
                "%(customer)s is a new customer: the payment term may not exceed "
                "%(max)s days (requested %(days)s).",
                customer=self.partner_id.display_name,
                max=company.cs_credit_new_max_term_days,
                days=self.requested_term_days,
            )
        cap = company.cs_credit_new_max_months * self.expected_monthly_business
        if self.requested_limit > cap:
            months = f"{company.cs_credit_new_max_months:g}"
            return _(
                "%(customer)s is a new customer: the limit may not exceed "
                "%(months)s months of expected business, %(cap)s (requested "
                "%(limit)s). Fill in the expected business per month or lower the "
                "limit.",
                customer=self.partner_id.display_name,
                months=months,
                cap=self._money(cap),
                limit=self._money(self.requested_limit),
            )
        return False

    def _money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    def _payment_term_for(self, days):
        """A payment term of exactly ``days`` days, created when none exists."""
        self.ensure_one()
        # Approvers need not manage accounting configuration: the term is shared data.
        Term = self.env["account.payment.term"].sudo()
        for term in Term.search(
            [("company_id", "in", [False, self.company_id.id])], order="sequence, id"
        ):
            line = term.line_ids
            if (
                len(line) == 1
                and line.value == "percent"
                and line.value_amount == 100
                and line.delay_type == "days_after"
                and line.nb_days == days
                and not term.early_discount
            ):
                return term
        return Term.create(
            {
                "name": _("%(days)s Days", days=days),
                "company_id": self.company_id.id,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 100.0, "nb_days": days}
                    )
                ],
            }
        )

    def _activate(self):
        """Sets the customer's limit and term and supersedes the active application."""
        today = fields.Date.context_today(self)
        for application in self:
            term = application._payment_term_for(application.requested_term_days)
            previous = self.search(
                [
                    ("partner_id", "=", application.partner_id.id),
                    ("company_id", "=", application.company_id.id),
                    ("state", "in", ["active", "approved"]),
                    ("id", "!=", application.id),
                ]
            )
            previous._write_state(
                {"state": "superseded", "superseded_by_id": application.id}
            )
            application._write_state(
                {
                    "state": "active",
                    "date_start": today,
                    "payment_term_id": term.id,
                    "date_review": application.date_review
                    or today
                    + relativedelta(
                        months=application.company_id.cs_credit_review_months
                    ),
                }
            )
            # The credit fields belong to accounting; approvers write them through
            # the application only.
            application.partner_id.sudo().with_company(application.company_id).write(
                {
                    "credit_limit": application.requested_limit,
                    "property_payment_term_id": term.id,
                }
            )
            application.partner_id._cs_release_credit_hold(application.company_id)
            application.partner_id.sudo().message_post(
                body=_(
                    "Credit application %(application)s approved: limit %(limit)s, "
                    "payment term %(days)s days.",
                    application=application.name,
                    limit=application._money(application.requested_limit),
                    days=application.requested_term_days,
                )
            )

    # ------------------------------------------------------------------
    # Cron entry points
    # ------------------------------------------------------------------
    def _prepare_review_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "user_id": self._review_controller().id,
            "requested_limit": self.requested_limit,
            "requested_term_days": self.requested_term_days,
            "registered_capital": self.registered_capital,
            "expected_monthly_business": self.expected_monthly_business,
            "payment_history": self.payment_history,
            "is_new_customer": False,
            "justification": _(
                "Periodic re-evaluation of %(application)s.", application=self.name
            ),
        }

    def _review_controller(self):
        """The credit controller who re-evaluates this credit: its requester if
        still a controller of the company, else the company's first controller
        (salespeople cannot open applications)."""
        self.ensure_one()
        controllers = self.env.ref(
            "customer_service.group_customer_service_credit_controller"
        ).users.filtered(lambda u: self.company_id in u.company_ids)
        if self.user_id in controllers:
            return self.user_id
        return controllers.sorted("id")[:1] or self.user_id

    def _inform_account_manager(self, draft):
        """An activity on the customer: the account manager knows the review is
        open and may contribute, without access to the application."""
        self.ensure_one()
        notice = self._account_manager_notice(draft)
        if notice:
            self._cs_activity_schedule_batch([notice])

    def _account_manager_notice(self, draft):
        """The activity of :meth:`_inform_account_manager`, as an item of
        ``_cs_activity_schedule_batch`` (None without account manager)."""
        manager = self.partner_id.user_id
        if not manager:
            return None
        note = _lt(
            "%(controller)s re-evaluates the customer's credit limit and "
            "term (%(application)s).",
            controller=draft.user_id.name,
            application=draft.name,
        )
        return (
            self.partner_id,
            "credit_review",
            manager,
            _lt("Credit review opened"),
            {"note": note},
        )

    @api.model
    def _cron_review_credit(self):
        """Opens a draft re-evaluation with an activity for every credit due (R4.7).

        Idempotent: an application whose review is open is not picked again.
        """
        domain = [
            ("state", "=", "active"),
            ("date_review", "<=", fields.Date.context_today(self)),
            ("review_application_id", "=", False),
        ]
        due = self.search(domain, limit=REVIEW_BATCH)
        drafts = self.create(
            [application._prepare_review_vals() for application in due]
        )
        activities = []
        for application, draft in zip(due, drafts, strict=True):
            application.review_application_id = draft
            activities.append(
                (
                    draft,
                    "credit_review",
                    draft.user_id,
                    _lt("Re-evaluate the customer's credit limit and term"),
                    {},
                )
            )
            notice = application._account_manager_notice(draft)
            if notice:
                activities.append(notice)
        self._cs_activity_schedule_batch(activities)
        remaining = self.search_count(domain) if len(due) == REVIEW_BATCH else 0
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return drafts
