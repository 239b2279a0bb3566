"""Customer archive: the automatic grading job and the graded customer list."""

from odoo import fields

from . import operation

ORDERS_PER_CUSTOMER = 10


def _customers_with_orders(env, n):
    """N customers and 10 N confirmed orders over the last five months, in SQL.

    One customer in ten orders twice in every month and qualifies for the key
    grade; the others order irregularly.
    """
    cr = env.cr
    cr.execute(
        """
        INSERT INTO res_partner (name, active, is_company, type, autopost_bills,
                                 customer_rank, create_date, write_date)
        SELECT 'Bench customer ' || i, true, true, 'contact', 'ask', 1, now(), now()
          FROM generate_series(1, %s) i
        RETURNING id
        """,
        [n],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids]
    )
    start = fields.Datetime.now().replace(day=1)
    cr.execute(
        """
        INSERT INTO sale_order (name, state, company_id, partner_id,
                                partner_invoice_id, partner_shipping_id, date_order,
                                create_date, write_date)
        SELECT 'BENCH/' || p.id || '/' || k, 'sale', %(company)s, p.id, p.id, p.id,
               %(start)s::timestamp
                 - make_interval(months => 1 + CASE WHEN p.id %% 10 = 0 THEN k %% 5
                                                     ELSE (p.id * k) %% 4 END)
                 + make_interval(days => k),
               now(), now()
          FROM unnest(%(ids)s) p(id), generate_series(1, %(orders)s) k
        """,
        {
            "company": env.company.id,
            "start": start,
            "ids": ids,
            "orders": ORDERS_PER_CUSTOMER,
        },
    )
    env.invalidate_all()
    return ids


@operation("customer_archive.grading_cron", setup=_customers_with_orders)
def grading_cron(env, n, ids):
    Grade = env["customer_service.grade"]
    done = remaining = 0
    calls = 0
    while True:
        batch_done, remaining = Grade._cron_auto_grade()
        done += batch_done
        calls += 1
        if not remaining:
            break
    graded = env["res.partner"].search_count(
        [("id", "in", ids), ("cs_grade_auto", "=", True)]
    )
    return f"{n * ORDERS_PER_CUSTOMER} orders, {graded} graded, {calls} call(s)"


def _graded_customers(env, n):
    ids = _customers_with_orders(env, n)
    Grade = env["customer_service.grade"]
    while Grade._cron_auto_grade()[1]:
        pass
    env.flush_all()
    env.cr.precommit.run()
    return ids


@operation("customer_archive.grading_cron_idle", setup=_graded_customers)
def grading_cron_idle(env, n, _ids):
    """A second run once everything is graded: nothing to write."""
    env["customer_service.grade"]._cron_auto_grade()


SUMMARY_COLUMNS = (
    "cs_complaint_open_count",
    "cs_complaint_repeat_count",
    "cs_last_visit",
    "cs_next_visit",
    "cs_survey_satisfaction",
    "cs_credit_status",
)


@operation("customer_archive.customer_list_by_grade", setup=_graded_customers)
def customer_list_by_grade(env, n, _ids):
    """The customer list grouped by grade, then pages of 80 and of 2,000 rows
    with the 360° columns: the queries must not grow with the rows shown."""
    Partner = env["res.partner"]
    domain = [("customer_rank", ">", 0)]
    groups = Partner.web_read_group(domain, ["cs_grade_id"], ["cs_grade_id"])
    spec = {
        "display_name": {},
        "cs_grade_id": {"fields": {"display_name": {}}},
        **{column: {} for column in SUMMARY_COLUMNS},
    }
    queries = []
    for limit in (80, 2000):
        env.invalidate_all()
        before = env.cr.sql_log_count
        Partner.web_search_read(domain, spec, limit=limit)
        queries.append(f"{env.cr.sql_log_count - before} queries for {limit} rows")
    return f"{groups['length']} groups; " + ", ".join(queries)
