"""The credit decision (R4.4) and the SQL it is computed from, in one place.

A customer's credit status follows from five figures in a company: the credit
hold, the overdue amount, the limit (guarantees included), the exposure and the
share of the limit from which the customer is near it. ``RULES`` states the
decision once; ``credit_decision`` applies it in Python (the partner's status,
the reason a confirmation is blocked) and ``decision_sql`` writes the same rules
as one SQL ``CASE`` (the customer list's filters and sorts, the quotations by
status). The SQL fragments below are the only places that say which journal
items are receivables and how an order's amount becomes company currency.
"""

from collections import namedtuple

from odoo.tools import SQL

Figures = namedtuple("Figures", "hold overdue limit exposure ratio")

# (reason, status, Python test, SQL test) in order: the first rule that holds
# decides. A reason names why an order is blocked; rules without one do not
# block.
RULES = (
    ("hold", "blocked", lambda f: f.hold, "%(hold)s"),
    ("overdue", "blocked", lambda f: f.overdue > 0, "%(overdue)s > 0"),
    (
        "prepayment",
        "blocked",
        lambda f: f.limit <= 0 and f.exposure > 0,
        "%(limit)s <= 0 AND %(exposure)s > 0",
    ),
    (None, "none", lambda f: f.limit <= 0, "%(limit)s <= 0"),
    (
        "over_limit",
        "blocked",
        lambda f: f.exposure > f.limit,
        "%(exposure)s > %(limit)s",
    ),
    (
        None,
        "near",
        lambda f: f.exposure >= f.limit * f.ratio,
        "%(exposure)s >= %(limit)s * %(ratio)s",
    ),
)
DEFAULT_STATUS = "ok"


def near_ratio(company):
    """The share of the limit from which a customer of ``company`` is near it."""
    return company.cs_credit_near_limit_percent / 100.0


def credit_decision(hold, overdue, limit, exposure, ratio):
    """``(status, reason)``: the credit status, and why an order is blocked
    (``False`` when it is not)."""
    figures = Figures(bool(hold), overdue, limit, exposure, ratio)
    for reason, status, test, _sql in RULES:
        if test(figures):
            return status, reason or False
    return DEFAULT_STATUS, False


def decision_sql(hold, overdue, limit, exposure, ratio):
    """The credit status as an SQL expression of the SQL figures given."""
    terms = {
        "hold": hold,
        "overdue": overdue,
        "limit": limit,
        "exposure": exposure,
        "ratio": ratio,
    }
    return SQL(
        "(CASE %s ELSE %s END)",
        SQL(" ").join(
            SQL(f"WHEN {test} THEN %(status)s", status=status, **terms)
            for _reason, status, _test, test in RULES
        ),
        DEFAULT_STATUS,
    )


def receivable_lines_sql(alias):
    """Condition on journal item ``alias``: an unpaid receivable, the lines the
    receivable, the overdue and the ageing sum."""
    return SQL(
        """%(state)s = 'posted' AND %(reconciled)s IS NOT TRUE
           AND %(account)s IN (SELECT id FROM account_account
                                WHERE account_type = 'asset_receivable')""",
        state=SQL.identifier(alias, "parent_state"),
        reconciled=SQL.identifier(alias, "reconciled"),
        account=SQL.identifier(alias, "account_id"),
    )


def order_amount(order, amount):
    """``amount`` of sales order ``order`` in its company's currency."""
    return amount / (order.currency_rate or 1.0)


def order_rate_sql(alias):
    """SQL rate of the sales order ``alias`` from its company's currency."""
    return SQL("COALESCE(NULLIF(%s, 0), 1)", SQL.identifier(alias, "currency_rate"))


def order_amount_sql(alias, amount):
    """SQL ``amount`` of the sales order ``alias`` in its company's currency."""
    return SQL("(%s / %s)", amount, order_rate_sql(alias))


def line_to_invoice(line):
    """What the confirmed sales order line ``line`` has still to invoice, taxes
    included, in its company's currency; 0 for any other line. Stored on the
    line (``cs_credit_to_invoice``): the customer's exposure sums it."""
    amount = line.untaxed_amount_to_invoice
    if line.state != "sale" or amount <= 0:
        return 0.0
    if line.price_subtotal:
        amount = amount * line.price_total / line.price_subtotal
    # Orders in the company's currency have a rate of 1.
    if line.currency_id == line.company_id.currency_id:
        return amount
    return order_amount(line.order_id, amount)


def line_to_invoice_sql(line, order, company_currency):
    """SQL of ``line_to_invoice`` for the sales order line ``line`` of the order
    ``order``, ``company_currency`` being its company's currency (SQL)."""

    def column(alias, name):
        return SQL.identifier(alias, name)

    amount = column(line, "untaxed_amount_to_invoice")
    return SQL(
        """(CASE WHEN %(state)s = 'sale' AND %(amount)s > 0
                 THEN (CASE WHEN %(subtotal)s <> 0
                            THEN %(amount)s * %(total)s / %(subtotal)s
                            ELSE %(amount)s END)
                      / (CASE WHEN %(currency)s = %(company_currency)s THEN 1
                              ELSE %(rate)s END)
                 ELSE 0 END)""",
        state=column(line, "state"),
        amount=amount,
        subtotal=column(line, "price_subtotal"),
        total=column(line, "price_total"),
        currency=column(line, "currency_id"),
        company_currency=company_currency,
        rate=order_rate_sql(order),
    )
