"""Visits: the routine planning job and the visit list of one employee."""

from datetime import timedelta

from odoo import fields

from . import operation

EMPLOYEES = 20


def _employees(env):
    return env["res.users"].create(
        [
            {"name": f"Bench rep {i}", "login": f"bench_rep_{i}"}
            for i in range(EMPLOYEES)
        ]
    )


def _customers_due(env, n):
    """N graded customers with account managers; one in ten is due a visit."""
    users = _employees(env)
    grade = env.ref("customer_service.grade_general")
    cr = env.cr
    cr.execute(
        """
        INSERT INTO res_partner (name, active, is_company, type, autopost_bills,
                                 customer_rank, cs_grade_id, user_id,
                                 create_date, write_date)
        SELECT 'Bench customer ' || i, true, true, 'contact', 'ask', 1, %(grade)s,
               (%(users)s)[1 + i %% %(count)s], now(), now()
          FROM generate_series(1, %(n)s) i
        RETURNING id, user_id
        """,
        {"grade": grade.id, "users": users.ids, "count": len(users), "n": n},
    )
    rows = cr.fetchall()
    recent = fields.Datetime.now() - timedelta(days=10)
    cr.execute(
        """
        INSERT INTO customer_service_visit (name, company_id, partner_id, user_id,
               visit_type, method, state, report_state, expense_state,
               planned_start, actual_start, duration)
        SELECT 'BENCH-' || p.id, %(company)s, p.id, p.uid, 'routine', 'onsite', 'done',
               'approved', 'draft', %(recent)s, %(recent)s, 1
          FROM unnest(%(ids)s, %(uids)s) p(id, uid)
         WHERE p.id %% 10 <> 0
        """,
        {
            "company": env.company.id,
            "recent": recent,
            "ids": [r[0] for r in rows],
            "uids": [r[1] for r in rows],
        },
    )
    env.invalidate_all()


@operation("visits.planning_cron", setup=_customers_due)
def planning_cron(env, n, _context):
    Visit = env["customer_service.visit"]
    planned = calls = 0
    while True:
        batch = Visit._cron_plan_routine_visits()
        calls += 1
        planned += len(batch)
        if not batch:
            break
    return f"{planned} visits planned in {calls} call(s)"


def _visits_of_employees(env, n):
    """N visits spread over 20 employees and twelve months."""
    users = _employees(env)
    partner = env["res.partner"].create({"name": "Bench customer", "is_company": True})
    start = fields.Datetime.now().replace(month=1, day=1, hour=2, minute=0, second=0)
    env.cr.execute(
        """
        INSERT INTO customer_service_visit (name, company_id, partner_id, user_id,
               visit_type, method, state, report_state, expense_state,
               planned_start, planned_stop, duration)
        SELECT 'BENCH-' || i, %(company)s, %(partner)s, (%(users)s)[1 + i %% %(count)s],
               'routine', 'onsite', 'planned', 'draft', 'draft',
               %(start)s::timestamp + make_interval(hours => (i * 7) %% 8760),
               %(start)s::timestamp + make_interval(hours => (i * 7) %% 8760 + 1), 1
          FROM generate_series(1, %(n)s) i
        """,
        {
            "company": env.company.id,
            "partner": partner.id,
            "users": users.ids,
            "count": len(users),
            "start": start,
            "n": n,
        },
    )
    env.invalidate_all()
    return users[0], start.replace(month=3)


@operation("visits.list_one_employee_month", setup=_visits_of_employees)
def list_one_employee_month(env, n, context):
    user, month = context
    end = month.replace(month=month.month + 1)
    domain = [
        ("user_id", "=", user.id),
        ("planned_start", ">=", month),
        ("planned_start", "<", end),
    ]
    Visit = env["customer_service.visit"].with_user(user)
    page = Visit.web_search_read(
        domain,
        {
            "name": {},
            "partner_id": {"fields": {"display_name": {}}},
            "planned_start": {},
        },
        limit=80,
    )
    calendar = Visit.search_read(domain, ["name", "planned_start", "planned_stop"])
    return f"{page['length']} visits in the list, {len(calendar)} in the calendar"
