"""Complaints: batch intake, the escalation job and the month x category pivot."""

from datetime import timedelta

from odoo import fields

from . import operation

CUSTOMERS = 200


def _customers(env):
    return env["res.partner"].create(
        [
            {"name": f"Bench complaint customer {i}", "is_company": True}
            for i in range(CUSTOMERS)
        ]
    )


def _categories(env):
    return env["customer_service.complaint.category"].search([])


def _intake_data(env, n):
    # Management is told of every major complaint (the repeats among them):
    # the chatter part of intake is measured with its notices.
    env.company.cs_complaint_management_user_ids = env["res.users"].create(
        [{"name": f"Bench manager {i}", "login": f"bench_cm_{i}"} for i in range(2)]
    )
    return _customers(env), _categories(env)


@operation(
    "complaints.batch_create",
    setup=_intake_data,
    reference="complaints_oca.helpdesk_batch_create",
)
def batch_create(env, n, context):
    """N complaints in one create: sequence, deadlines, repeats, chatter."""
    customers, categories = context
    now = fields.Datetime.now()
    complaints = env["customer_service.complaint"].create(
        [
            {
                "partner_id": customers[i % len(customers)].id,
                "category_id": categories[i % len(categories)].id,
                "channel": ("phone", "email", "chat", "wechat")[i % 4],
                "received_at": now - timedelta(minutes=i),
                "description": f"Bench complaint {i}",
            }
            for i in range(n)
        ]
    )
    repeats = sum(complaints.mapped("is_repeat"))
    return f"{len(complaints)} complaints, {repeats} repeats"


def _insert_complaints(env, n, overdue_every=None, months=12):
    """N open complaints by SQL; every ``overdue_every``-th one's acknowledgement
    is overdue, the others are due next month."""
    customers = _customers(env)
    categories = _categories(env)
    user = env.ref("base.user_admin")
    now = fields.Datetime.now()
    env.cr.execute(
        """
        INSERT INTO customer_service_complaint (
               name, company_id, channel, partner_id, commercial_partner_id,
               received_at, category_id, severity, first_responder_id, user_id,
               state, approval_state, validation_status, approval_level,
               ack_deadline, reply_deadline, sla_deadline,
               ack_escalation, reply_escalation, dept_escalation, visit_escalation,
               is_repeat, sla_missed, waiting_customer, days_to_close, rejection_count,
               create_date, write_date, create_uid, write_uid)
        SELECT 'BENCH-' || i, %(company)s, 'phone', c.id, c.id,
               %(now)s::timestamp
                   - make_interval(hours => (i * 7) %% (720 * %(months)s)),
               (%(categories)s)[1 + i %% %(ncat)s], 'normal', %(user)s, %(user)s,
               'new', 'draft', 'no', 0,
               CASE WHEN %(every)s > 0 AND i %% %(every)s = 0
                    THEN %(now)s::timestamp - interval '3 hours'
                    ELSE %(now)s::timestamp + interval '30 days' END,
               %(now)s::timestamp + interval '35 days',
               CASE WHEN %(every)s > 0 AND i %% %(every)s = 0
                    THEN %(now)s::timestamp - interval '3 hours'
                    ELSE %(now)s::timestamp + interval '30 days' END,
               0, 0, 0, 0, false, false, false, 0, 0,
               now(), now(), %(user)s, %(user)s
          FROM generate_series(1, %(n)s) i
          JOIN LATERAL (SELECT (%(customers)s)[1 + i %% %(ncust)s] AS id) c ON true
        """,
        {
            "company": env.company.id,
            "now": now,
            "months": months,
            "categories": categories.ids,
            "ncat": len(categories),
            "user": user.id,
            "every": overdue_every or 0,
            "n": n,
            "customers": customers.ids,
            "ncust": len(customers),
        },
    )
    env.invalidate_all()


def _open_complaints(env, n):
    _insert_complaints(env, n, overdue_every=20)


@operation(
    "complaints.escalation_cron",
    setup=_open_complaints,
    reference="references.activity_plain_create",
)
def escalation_cron(env, n, _context):
    """N open complaints, 5 % overdue: every run until nothing is left. The
    reference creates as many activities, without notices."""
    Complaint = env["customer_service.complaint"]
    escalated = calls = 0
    while True:
        done = Complaint._cron_escalate()
        calls += 1
        escalated += done
        if not done:
            break
    # The "at risk" activities archived once overdue were created too.
    activities = (
        env["mail.activity"]
        .with_context(active_test=False)
        .search_count([("res_model", "=", Complaint._name)])
    )
    return (
        f"{escalated} escalations ({activities} activities with their notices) "
        f"in {calls} run(s), last run idle",
        activities,
    )


def _escalated_complaints(env, n):
    _insert_complaints(env, n, overdue_every=20)
    Complaint = env["customer_service.complaint"]
    # The harness runs their notifications' end-of-transaction work before
    # the measure, as for every set-up.
    while Complaint._cron_escalate():
        pass


@operation("complaints.escalation_cron_idle", setup=_escalated_complaints)
def escalation_cron_idle(env, n, _context):
    """A run over N open complaints whose breaches were all escalated already."""
    done = env["customer_service.complaint"]._cron_escalate()
    return f"{done} escalations (nothing twice)"


def _history(env, n):
    _insert_complaints(env, n)


@operation("complaints.pivot_month_category", setup=_history)
def pivot_month_category(env, n, _context):
    groups = env["customer_service.complaint"].read_group(
        [],
        ["days_to_close:avg"],
        ["received_at:month", "category_id"],
        lazy=False,
    )
    return f"{len(groups)} cells"
