from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import formatLang
from odoo.tools.translate import LazyTranslate

from .credit_decision import order_amount_sql

_lt = LazyTranslate(__name__)

GUARANTEE_BATCH = 500


class CustomerServiceCreditGuarantee(models.Model):
    """Short-term guarantee credit (短期担保赊销, R4.5).

    A prepayment customer who cannot pay in time (e.g. over public holidays) is
    credited for a few working days; the approved amount raises what the
    credit check lets it order until it is repaid.
    """

    _name = "customer_service.credit.guarantee"
    _description = "Short-Term Guarantee Credit"
    _inherit = ["mail.thread", "mail.activity.mixin", "customer_service.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _state_from = ["to_approve"]
    _cancel_state = "cancelled"
    _tier_rejected_state = "rejected"

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
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount = fields.Monetary(required=True, tracking=True)
    reason = fields.Text(help="Why the customer cannot pay in advance this time.")
    date_topup = fields.Date(
        string="Top-up Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The day the customer's account is credited; the guarantee runs from "
        "the next day.",
    )
    date_due = fields.Date(
        string="Repay By",
        compute="_compute_date_due",
        store=True,
        index=True,
        help="The last working day of the repayment period.",
    )
    approval_total = fields.Monetary(
        string="Customer's Guarantee Total",
        readonly=True,
        copy=False,
        help="The customer's outstanding guarantees with this one, which decides "
        "the approver.",
    )
    approval_level = fields.Selection(
        [("gm", "General Manager"), ("deputy_gm", "Deputy General Manager")],
        readonly=True,
        copy=False,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("repaid", "Repaid"),
            ("overdue", "Overdue Payment"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("date_topup", "company_id")
    def _compute_date_due(self):
        for guarantee in self:
            if not guarantee.date_topup:
                guarantee.date_due = False
                continue
            calendar = guarantee.company_id._cs_working_calendar()
            # Counted from the day after the top-up: the n-th working day after it.
            guarantee.date_due = calendar.cs_working_day_after(
                guarantee.date_topup, guarantee.company_id.cs_guarantee_repay_days
            )

    @api.constrains("amount", "currency_id", "company_id")
    def _check_amount(self):
        for guarantee in self:
            if guarantee.amount <= 0:
                raise ValidationError(_("The amount of a guarantee must be positive."))
            if guarantee.currency_id != guarantee.company_id.currency_id:
                raise ValidationError(
                    _(
                        "A guarantee is granted in the company's currency "
                        "%(company_currency)s, not in %(currency)s.",
                        company_currency=guarantee.company_id.currency_id.name,
                        currency=guarantee.currency_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env[
                    "customer_service.numbered.mixin"
                ]._cs_next_reference("customer_service.credit.guarantee", company)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(guarantee.state != "draft" for guarantee in self):
            raise UserError(
                _("Only draft guarantees can be deleted; cancel the others.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        for guarantee in self:
            if guarantee.state != "draft":
                raise UserError(_("Only a draft guarantee can be submitted."))
            total = guarantee._check_rules()
            guarantee.write(
                {
                    "approval_total": total,
                    "approval_level": "gm"
                    if total <= guarantee.company_id.cs_guarantee_gm_total
                    else "deputy_gm",
                }
            )
        self._write_state({"state": "to_approve"})
        return self._cs_request_approval()

    def action_approve(self):
        if any(
            g.state != "to_approve" or g.validation_status != "validated" for g in self
        ):
            raise UserError(
                _("A guarantee is approved by its approvers' decisions only.")
            )
        self._write_state({"state": "approved"})

    def action_repaid(self):
        if any(g.state not in ("approved", "overdue") for g in self):
            raise UserError(_("Only an approved or overdue guarantee can be repaid."))
        self._write_state({"state": "repaid"})

    def action_cancel(self):
        if any(g.state not in ("draft", "to_approve", "rejected") for g in self):
            raise UserError(_("Only guarantees not yet approved can be cancelled."))
        self._write_state({"state": "cancelled"})

    # ------------------------------------------------------------------
    # Tier validation
    # ------------------------------------------------------------------
    def _cs_approval_levels(self):
        # One level, by the customer's guarantee total (R4.5).
        return [self.approval_level] if self.approval_level else []

    def _tier_excluded_user_ids(self):
        return self.user_id | self.create_uid

    def _cs_approve_after_tiers(self):
        self.action_approve()

    def _locked_fields(self):
        # The approvers decided on this amount for this customer.
        if self.state in ("approved", "overdue", "repaid"):
            return {
                "partner_id",
                "company_id",
                "currency_id",
                "amount",
                "date_topup",
                "date_due",
            }
        return set()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    def _customer_orders_total(self):
        """The customer's confirmed orders so far, in company currency."""
        self.ensure_one()
        self.env["sale.order"].flush_model(
            ["partner_id", "company_id", "state", "amount_total", "currency_rate"]
        )
        # An order's customer may have just changed company (pending recompute).
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        rows = self.env.execute_query(
            SQL(
                """SELECT COALESCE(SUM(%s), 0)
                     FROM sale_order so
                     JOIN res_partner p ON p.id = so.partner_id
                    WHERE p.commercial_partner_id = %s AND so.company_id = %s
                      AND so.state = 'sale'""",
                order_amount_sql("so", SQL.identifier("so", "amount_total")),
                self.partner_id.commercial_partner_id.id,
                self.company_id.id,
            )
        )
        return float(rows[0][0])

    def _check_rules(self):
        """Refuses a guarantee the regulations do not allow; returns the total."""
        self.ensure_one()
        company = self.company_id
        ordered = self._customer_orders_total()
        if ordered < company.cs_guarantee_min_orders:
            raise UserError(
                _(
                    "%(customer)s has ordered %(ordered)s so far: guarantee credit "
                    "needs at least %(minimum)s of confirmed orders.",
                    customer=self.partner_id.display_name,
                    ordered=self._money(ordered),
                    minimum=self._money(company.cs_guarantee_min_orders),
                )
            )
        others = self.search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", company.id),
                ("state", "in", ["to_approve", "approved", "overdue", "repaid"]),
                ("id", "!=", self.id),
            ]
        )
        if len(others) >= company.cs_guarantee_max_count:
            raise UserError(
                _(
                    "%(customer)s already had %(count)s guarantees: at most "
                    "%(max)s are allowed per customer.",
                    customer=self.partner_id.display_name,
                    count=len(others),
                    max=company.cs_guarantee_max_count,
                )
            )
        outstanding = sum(
            others.filtered(
                lambda g: g.state in ("to_approve", "approved", "overdue")
            ).mapped("amount")
        )
        total = outstanding + self.amount
        if total > company.cs_guarantee_max_total:
            raise UserError(
                _(
                    "%(customer)s would owe %(total)s in guarantees: the total may "
                    "not exceed %(max)s.",
                    customer=self.partner_id.display_name,
                    total=self._money(total),
                    max=self._money(company.cs_guarantee_max_total),
                )
            )
        return total

    # ------------------------------------------------------------------
    # Cron entry points
    # ------------------------------------------------------------------
    @api.model
    def _cron_guarantee_overdue(self):
        """Marks unpaid guarantees past their date overdue (R4.5): the account
        manager is reminded and the customer goes on credit hold. Idempotent."""
        overdue = self.search(
            [
                ("state", "=", "approved"),
                ("date_due", "<", fields.Date.context_today(self)),
            ],
            limit=GUARANTEE_BATCH,
        )
        overdue._write_state({"state": "overdue"})
        reminders = []
        for guarantee in overdue:
            partner = guarantee.partner_id.sudo().with_company(guarantee.company_id)
            partner.cs_credit_hold = True
            if partner.user_id:
                reminders.append(
                    (
                        guarantee,
                        "followup",
                        partner.user_id,
                        _lt("The guarantee is overdue: collect the payment"),
                        {},
                    )
                )
        overdue._cs_activity_schedule_batch(reminders)
        self.env["ir.cron"]._notify_progress(
            done=len(overdue), remaining=0 if len(overdue) < GUARANTEE_BATCH else 1
        )
        return overdue
