"""Credit: OCA ``sale_financial_risk`` measured on the data of ``credit.py``.

The references of ``credit.check_at_confirmation`` and
``credit.customer_list_search_sort``. ``./dev bench`` installs the module
from its PyPI wheels (``OCA_MODULES`` in ``__init__.py``) into a database
built from the same template as the addon's, without the addon, so that
neither measures the other's code; without that database the operations are
skipped.

Same data: the customers, invoices and orders are built by the very setup of
``credit.py``; OCA's risk then includes the open and unpaid invoices and the
uninvoiced orders, which is what the addon's exposure counts.
"""

from odoo.tools import SQL

from . import operation
from .credit import CHECK_RUNS, _customer_history, _customers

SKIPPED = "OCA sale_financial_risk not installed"
# OCA's switches that make its total risk count what the addon's exposure does.
INCLUDE = (
    "risk_invoice_open_include",
    "risk_invoice_unpaid_include",
    "risk_sale_order_include",
)


def _oca_installed(env):
    return "risk_sale_order" in env["res.partner"]._fields


def _oca_customer_history(env, n):
    if not _oca_installed(env):
        return None
    quotation = _customer_history(env, n)
    quotation.partner_id.write(dict.fromkeys(INCLUDE, True))
    return quotation


@operation(
    "credit_oca.check_at_confirmation",
    setup=_oca_customer_history,
    database="oca",
    modules=("sale_financial_risk",),
    repeat=CHECK_RUNS,
)
def check_at_confirmation(env, n, quotation):
    if quotation is None:
        return SKIPPED
    partner = quotation.partner_invoice_id.commercial_partner_id
    queries = env.cr.sql_log_count
    message = quotation.evaluate_risk_message(partner)
    check = env.cr.sql_log_count - queries
    quotation.with_context(cs_credit_override=True).action_confirm()
    return (
        f"check alone {check} queries, blocked={bool(message)}, "
        f"confirmed={quotation.state == 'sale'}, "
        f"risk {partner.risk_total:,.0f} over {n} invoices + {n} orders"
    )


def _oca_customers(env, n):
    if not _oca_installed(env):
        return None
    ids = _customers(env, n)
    columns = SQL(", ").join(SQL("%s = TRUE", SQL.identifier(c)) for c in INCLUDE)
    env.cr.execute(SQL("UPDATE res_partner SET %s WHERE id = ANY(%s)", columns, ids))
    # The cloned order lines carry the first customer in OCA's stored partner.
    env.cr.execute(
        """UPDATE sale_order_line line SET risk_partner_id = o.partner_id
             FROM sale_order o
            WHERE o.id = line.order_id AND o.partner_id = ANY(%s)""",
        [ids],
    )
    env.invalidate_all()
    return ids


@operation(
    "credit_oca.customer_list_search_risk",
    setup=_oca_customers,
    database="oca",
    modules=("sale_financial_risk",),
)
def customer_list_search_risk(env, n, ids):
    """OCA puts a customer in exception over a non-zero limit only, where the
    addon also blocks exposure on a zero limit: the counts differ by design."""
    if ids is None:
        return SKIPPED
    Partner = env["res.partner"]
    # OCA's risk fields are not stored: the list can filter by risk_exception
    # (computed in Python for every customer) but not sort by risk.
    exceeded = Partner.search_count([("id", "in", ids), ("risk_exception", "=", True)])
    page = Partner.web_search_read(
        [("id", "in", ids), ("risk_exception", "=", True)],
        {
            "display_name": {},
            "credit_limit": {},
            "risk_total": {},
            "risk_remaining_value": {},
            "risk_exception": {},
        },
        limit=80,
    )
    return (
        f"{exceeded} over their risk limit; first page of "
        f"{len(page['records'])} of {page['length']} filtered by risk exception"
    )
