from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date, formatLang

from .credit_decision import order_amount, order_amount_sql
from .customer_service_credit_application import CREDIT_GROUPS
from .res_partner import CREDIT_STATUS, OVERRIDE_GROUP


class SaleOrder(models.Model):
    """The credit check at confirmation (R4.4) and its logged override."""

    _inherit = "sale.order"

    cs_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    cs_credit_status = fields.Selection(
        CREDIT_STATUS,
        string="Credit Status with This Order",
        compute="_compute_cs_credit",
        search="_search_cs_credit_status",
        help="The customer's credit status with this order included.",
    )
    cs_credit_exposure = fields.Monetary(
        string="Exposure with This Order",
        compute="_compute_cs_credit",
        currency_field="cs_company_currency_id",
        groups=CREDIT_GROUPS + "," + OVERRIDE_GROUP,
    )
    cs_credit_available = fields.Monetary(
        string="Available Credit",
        compute="_compute_cs_credit",
        currency_field="cs_company_currency_id",
        groups=CREDIT_GROUPS + "," + OVERRIDE_GROUP,
    )
    cs_credit_overdue = fields.Monetary(
        string="Customer Overdue",
        compute="_compute_cs_credit",
        currency_field="cs_company_currency_id",
        groups=CREDIT_GROUPS + "," + OVERRIDE_GROUP,
    )
    cs_credit_override_reason = fields.Text(
        string="Credit Override Reason", readonly=True, copy=False, tracking=True
    )
    cs_credit_override_user_id = fields.Many2one(
        "res.users", string="Credit Overridden By", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "partner_id",
        "amount_total",
        "amount_paid",
        "currency_rate",
        "state",
        "company_id",
        "user_id",
    )
    @api.depends_context("uid")
    def _compute_cs_credit(self):
        Partner = self.env["res.partner"].sudo()
        # The salesperson of an order sees its status; others only for the
        # customers they may see the status of.
        visible_partners = self.partner_id._cs_status_visible()
        hidden = self.filtered(
            lambda o: o.user_id != self.env.user
            and o.partner_id not in visible_partners
        )
        hidden.cs_credit_status = False
        hidden.cs_credit_exposure = hidden.cs_credit_available = 0.0
        hidden.cs_credit_overdue = 0.0
        shown = self - hidden
        for company in shown.company_id:
            orders = shown.filtered(lambda o, c=company: o.company_id == c)
            # The quotation shows the figures the check will use, to everyone
            # allowed to see the order; the fields themselves carry the groups.
            figures = Partner.browse(
                orders.partner_id.commercial_partner_id.ids
            )._cs_credit_figures(company)
            for order in orders:
                row = figures.get(order.partner_id.commercial_partner_id.id)
                extra = (
                    order._cs_credit_amount()
                    if order.state in ("draft", "sent")
                    else 0.0
                )
                if not row:
                    order.cs_credit_status = False
                    order.cs_credit_exposure = order.cs_credit_available = 0.0
                    order.cs_credit_overdue = 0.0
                    continue
                exposure = row["exposure"] + extra
                order.cs_credit_status = Partner._cs_status_of(row, company, extra)
                order.cs_credit_exposure = exposure
                order.cs_credit_available = row["limit"] - exposure
                order.cs_credit_overdue = row["overdue"]
        (self - self.filtered("company_id")).cs_credit_status = False

    def _search_cs_credit_status(self, operator, value):
        """Quotations of the current company by the status their confirmation
        would give, in one SQL condition (the credit controller's dashboard)."""
        Partner = self.env["res.partner"]
        Partner._cs_flush_credit_models()
        company = self.env.company
        extra = order_amount_sql("so", SQL.identifier("so", "amount_total"))
        visible = SQL(
            "(so.user_id = %s OR %s)",
            self.env.uid,
            Partner._cs_status_visible_sql("p"),
        )
        condition = Partner._cs_status_condition(
            Partner._cs_credit_sql("p", "credit", "cs_credit_status", company, extra),
            operator,
            value,
        )
        return [
            (
                "id",
                "in",
                SQL(
                    """(SELECT so.id FROM sale_order so
                          JOIN res_partner p ON p.id = so.partner_id %s
                         WHERE so.state IN ('draft', 'sent')
                           AND so.company_id = %s AND %s AND %s)""",
                    Partner._cs_credit_join_sql("p", company),
                    company.id,
                    visible,
                    condition,
                ),
            )
        ]

    # ------------------------------------------------------------------
    # Confirmation
    # ------------------------------------------------------------------
    def action_confirm(self):
        self._cs_check_credit()
        return super().action_confirm()

    def _cs_credit_amount(self):
        """What the order sells on credit, in company currency: its total less
        what online payments (done or authorized transactions) already cover."""
        self.ensure_one()
        return order_amount(self, max(self.amount_total - self.amount_paid, 0.0))

    def _cs_credit_check_applies(self):
        """Overridable: whether the credit check runs for these orders.

        With the company's credit control (``account_use_credit_limit``) off,
        orders confirm as in core; with it on, the regulations apply (R4.4):
        core warns, this check blocks. A paid order is not a credit sale: the
        payment transaction confirms it before the payment is posted.
        """
        self.ensure_one()
        return (
            self.company_id.account_use_credit_limit
            and self.currency_id.compare_amounts(self.amount_total, self.amount_paid)
            > 0
        )

    def _cs_credit_block_messages(self):
        """The reasons why the orders may not be confirmed, one per customer.

        One query per company, whatever the number of invoices and orders.
        """
        messages = []
        to_check = self.filtered(
            lambda o: o.state in ("draft", "sent") and o._cs_credit_check_applies()
        )
        Partner = self.env["res.partner"].sudo()
        for company in to_check.company_id:
            orders = to_check.filtered(lambda o, c=company: o.company_id == c)
            figures = Partner.browse(
                orders.partner_id.commercial_partner_id.ids
            )._cs_credit_figures(company)
            guarantees = self._cs_overdue_guarantees(
                Partner.browse(
                    [pid for pid, row in figures.items() if row["overdue_guarantee"]]
                ),
                company,
            )
            guarantees_none = self.env["customer_service.credit.guarantee"]
            for partner, partner_orders in orders.grouped(
                lambda o: o.partner_id.commercial_partner_id
            ).items():
                row = figures[partner.id]
                extra = sum(o._cs_credit_amount() for o in partner_orders)
                reason = self._cs_block_reason(
                    row, extra, guarantees.get(partner, guarantees_none), company
                )
                if reason:
                    messages.append(
                        self._cs_block_message(
                            partner_orders, partner, company, row, extra, reason
                        )
                    )
        return messages

    @api.model
    def _cs_overdue_guarantees(self, partners, company):
        """{customer: overdue guarantees} of ``company``, in one query (none
        without customers)."""
        if not partners:
            return {}
        # The salesperson confirming is told why, without reading guarantees.
        overdue = (
            self.env["customer_service.credit.guarantee"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", company.id),
                    ("state", "=", "overdue"),
                ]
            )
        )
        return overdue.grouped("partner_id")

    @api.model
    def _cs_hold_reason(self, row, overdue_guarantees):
        """Why a customer on hold is held: an overdue guarantee names itself,
        since the invoices' overdue may be nil (R4.5)."""
        if overdue_guarantees:
            return _(
                "the customer is on credit hold: guarantee credit %(guarantees)s "
                "of %(amount)s was due on %(date)s and is not repaid.",
                guarantees=", ".join(overdue_guarantees.mapped("name")),
                amount=overdue_guarantees[:1]._money(
                    sum(overdue_guarantees.mapped("amount"))
                ),
                date=format_date(self.env, min(overdue_guarantees.mapped("date_due"))),
            )
        if row["overdue"] <= 0:
            return _(
                "the customer is on credit hold since invoices were overdue; "
                "the hold ends when a credit application is approved."
            )
        return _("the customer is on credit hold.")

    @api.model
    def _cs_block_reason(self, row, extra, overdue_guarantees, company=None):
        """Why the credit decision blocks the orders, or ``False``; an overdue
        guarantee holds the customer (R4.5)."""
        company = company or self.env.company
        _status, reason = self.env["res.partner"]._cs_decision_of(
            row, company, extra, hold=bool(overdue_guarantees)
        )
        if reason == "hold":
            return self._cs_hold_reason(row, overdue_guarantees)
        if reason == "overdue":
            return _("the customer has invoices overdue beyond their payment term.")
        if reason == "prepayment":
            return _(
                "the customer pays in advance and has no credit; register the "
                "payment first."
            )
        if reason == "over_limit":
            return _("the order would take the customer over their credit limit.")
        return False

    @api.model
    def _cs_block_message(self, orders, partner, company, row, extra, reason):
        def money(amount):
            return formatLang(self.env, amount, currency_obj=company.currency_id)

        return _(
            "%(orders)s for %(customer)s cannot be confirmed: %(reason)s\n"
            "Credit limit: %(limit)s; exposure with this order: %(exposure)s; "
            "overdue: %(overdue)s.\n"
            "Ask for payment, or ask a member of Credit Override to confirm the "
            "order with a reason.",
            orders=", ".join(orders.mapped("name")),
            customer=partner.display_name,
            reason=reason,
            limit=money(row["limit"]),
            exposure=money(row["exposure"] + extra),
            overdue=money(row["overdue"]),
        )

    def _cs_check_credit(self):
        if self.env.context.get("cs_credit_override") and (
            self.env.su or self.env.user.has_group(OVERRIDE_GROUP)
        ):
            return
        messages = self._cs_credit_block_messages()
        if messages:
            raise UserError("\n\n".join(messages))

    def action_cs_credit_override(self):
        """Opens the override wizard for a blocked quotation."""
        if not self.env.user.has_group(OVERRIDE_GROUP):
            raise UserError(
                _("Only members of Credit Override may confirm a blocked order.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Confirm Despite the Credit Check"),
            "res_model": "customer_service.credit.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }
