"""Credit: the check at order confirmation, the credit list, the overdue job.

Data is cloned in SQL from one invoice and one confirmed order made through the
ORM, so that N can reach 10,000 customers or invoices quickly.
"""

from datetime import timedelta

from odoo import Command, fields

from . import operation

INVOICES_PER_CUSTOMER = 20
# A check takes milliseconds: it is run this many times, ours and OCA's alike.
CHECK_RUNS = 15


def _columns(cr, table):
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND column_name <> 'id'""",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def _insert_select(cr, table, overrides, source, params):
    """Inserts rows selected from ``source`` (aliased ``src``), every column
    copied unless ``overrides`` maps it to another SQL expression."""
    columns = _columns(cr, table)
    select = ", ".join(overrides.get(column, f"src.{column}") for column in columns)
    cr.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} {source} "
        "RETURNING id",
        params,
    )
    return [row[0] for row in cr.fetchall()]


def _clone(cr, table, row_id, copies, overrides):
    """``copies`` copies of one row; ``i`` numbers the copy in ``overrides``."""
    return _insert_select(
        cr,
        table,
        overrides,
        f"FROM {table} src, generate_series(1, %s) i WHERE src.id = %s",
        [copies, row_id],
    )


def _clone_lines(cr, orders, order_id):
    """The lines of order ``order_id`` copied onto each of ``orders``, with the
    customer of their order as the ORM stores it on them."""
    _insert_select(
        cr,
        "sale_order_line",
        {"order_id": "o.id", "order_partner_id": "o.partner_id"},
        "FROM sale_order_line src, sale_order o "
        "WHERE src.order_id = %s AND o.id = ANY(%s)",
        [order_id, orders],
    )


def _ensure_accounting(env):
    company = env.company
    company.account_use_credit_limit = True
    if not env["account.journal"].search_count(
        [("type", "=", "sale"), ("company_id", "=", company.id)]
    ):
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )


def _base_documents(env, partner, due):
    """One posted invoice and one confirmed, not invoiced order of ``partner``."""
    product = env["product.product"].create(
        {"name": "Bench product", "list_price": 10.0, "taxes_id": []}
    )
    line = {"product_id": product.id, "price_unit": 10.0}
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": due - timedelta(days=30),
            "invoice_date_due": due,
            "invoice_line_ids": [Command.create({**line, "tax_ids": []})],
        }
    )
    invoice.action_post()
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [Command.create({**line, "tax_id": []})],
        }
    )
    order.with_context(cs_credit_override=True).action_confirm()
    receivable = invoice.line_ids.filtered(
        lambda aml: aml.account_id.account_type == "asset_receivable"
    )
    # The rows are cloned in SQL: everything must be written first.
    env.flush_all()
    return line, receivable, order


def _customer_history(env, n):
    """One customer with N unpaid invoices and N confirmed, uninvoiced orders."""
    _ensure_accounting(env)
    partner = env["res.partner"].create({"name": "Bench customer", "is_company": True})
    partner.credit_limit = 10.0**9
    due = fields.Date.today() + timedelta(days=30)
    line, receivable, order = _base_documents(env, partner, due)
    cr = env.cr
    if n > 1:
        _clone(cr, "account_move_line", receivable.id, n - 1, {})
        orders = _clone(
            cr, "sale_order", order.id, n - 1, {"name": "src.name || '/' || i"}
        )
        _clone_lines(cr, orders, order.id)
    cr.execute("ANALYZE account_move_line, sale_order, sale_order_line")
    env.invalidate_all()
    quotation = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [Command.create({**line, "tax_id": []})],
        }
    )
    env.flush_all()
    return quotation


@operation(
    "credit.check_at_confirmation",
    setup=_customer_history,
    reference="credit_oca.check_at_confirmation",
    repeat=CHECK_RUNS,
)
def check_at_confirmation(env, n, quotation):
    queries = env.cr.sql_log_count
    messages = quotation._cs_credit_block_messages()
    check = env.cr.sql_log_count - queries
    quotation.action_confirm()
    exposure = quotation.partner_id.cs_credit_exposure
    return (
        f"check alone {check} queries, blocked={bool(messages)}, "
        f"exposure {exposure:,.0f} over {n} invoices + {n} orders"
    )


def _customers(env, n, invoices_per_customer=1, overdue=False):
    """N customers, each with unpaid invoices (overdue or not) and one order."""
    _ensure_accounting(env)
    manager = env["res.users"].create({"name": "Bench manager", "login": "bench_am"})
    partner = env["res.partner"].create(
        {"name": "Bench customer 0", "is_company": True, "user_id": manager.id}
    )
    today = fields.Date.today()
    due = today - timedelta(days=45) if overdue else today + timedelta(days=30)
    _line, receivable, order = _base_documents(env, partner, due)
    cr = env.cr
    partners = _clone(
        cr,
        "res_partner",
        partner.id,
        n - 1,
        {"name": "'Bench customer ' || i", "complete_name": "'Bench customer ' || i"},
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
        [partners],
    )
    # Limits from 0 to 990: a mix of statuses.
    cr.execute(
        """UPDATE res_partner
              SET credit_limit = jsonb_build_object(%s, (id %% 100) * 10)
            WHERE id = ANY(%s)""",
        [str(env.company.id), partners],
    )
    _insert_select(
        cr,
        "account_move_line",
        {"partner_id": "p.id"},
        "FROM account_move_line src, unnest(%s) p(id), generate_series(1, %s) k "
        "WHERE src.id = %s",
        [partners, invoices_per_customer, receivable.id],
    )
    orders = _insert_select(
        cr,
        "sale_order",
        {
            "partner_id": "p.id",
            "partner_invoice_id": "p.id",
            "partner_shipping_id": "p.id",
            "name": "src.name || '/' || p.id",
        },
        "FROM sale_order src, unnest(%s) p(id) WHERE src.id = %s",
        [partners, order.id],
    )
    _clone_lines(cr, orders, order.id)
    cr.execute("ANALYZE account_move_line, sale_order, sale_order_line, res_partner")
    env.invalidate_all()
    return [partner.id, *partners]


@operation(
    "credit.customer_list_search_sort",
    setup=_customers,
    reference="credit_oca.customer_list_search_risk",
)
def customer_list_search_sort(env, n, ids):
    Partner = env["res.partner"]
    blocked = Partner.search_count(
        [("id", "in", ids), ("cs_credit_status", "=", "blocked")]
    )
    exposed = Partner.search_count([("id", "in", ids), ("cs_credit_exposure", ">", 15)])
    page = Partner.web_search_read(
        [("id", "in", ids)],
        {
            "display_name": {},
            "cs_credit_limit": {},
            "cs_credit_exposure": {},
            "cs_credit_available": {},
            "cs_credit_overdue": {},
            "cs_credit_status": {},
        },
        limit=80,
        order="cs_credit_available asc",
    )
    return (
        f"{blocked} blocked, {exposed} with exposure > 15; first page of "
        f"{len(page['records'])} of {page['length']} sorted by available credit"
    )


def _overdue_customers(env, n):
    return _customers(env, n, INVOICES_PER_CUSTOMER, overdue=True)


@operation("credit.overdue_cron", setup=_overdue_customers)
def overdue_cron(env, n, _ids):
    env.company.cs_credit_hold_days = 30
    Partner = env["res.partner"]
    done = calls = 0
    while True:
        batch = Partner._cron_credit_overdue()
        calls += 1
        done += batch
        if not batch:
            break
    return (
        f"{done} reminders and holds over {n} customers / "
        f"{n * INVOICES_PER_CUSTOMER} overdue invoices in {calls} run(s), "
        "the last one changing nothing"
    )
