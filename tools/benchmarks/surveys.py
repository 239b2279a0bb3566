"""Satisfaction surveys: dispatching a campaign and reading its KPIs."""

from datetime import date

from odoo.tools import SQL

from odoo.addons.customer_service.models.survey.survey_question import DIMENSIONS

from . import operation

EMPLOYEES = 20
DEPARTMENTS = 5
CAMPAIGNS = 10


def _staff(env):
    departments = env["hr.department"].create(
        [{"name": f"Bench service {i}"} for i in range(DEPARTMENTS)]
    )
    users = env["res.users"].create(
        [
            {"name": f"Bench survey rep {i}", "login": f"bench_survey_rep_{i}"}
            for i in range(EMPLOYEES)
        ]
    )
    env["hr.employee"].create(
        [
            {
                "name": user.name,
                "user_id": user.id,
                "department_id": departments[i % DEPARTMENTS].id,
            }
            for i, user in enumerate(users)
        ]
    )
    return users, departments


def _customers(env, n):
    """N tagged customers with salespeople; one in a hundred has no email."""
    users, _departments = _staff(env)
    tag = env["res.partner.category"].create({"name": "Bench survey"})
    env.cr.execute(
        """
        INSERT INTO res_partner (name, active, is_company, type, autopost_bills,
                                 customer_rank, user_id, email, email_normalized,
                                 lang, create_date, write_date)
        SELECT 'Bench customer ' || i, true, true, 'contact', 'ask', 1,
               (%(users)s)[1 + i %% %(count)s],
               CASE WHEN i %% 100 <> 0 THEN 'bench' || i || '@example.com' END,
               CASE WHEN i %% 100 <> 0 THEN 'bench' || i || '@example.com' END,
               'en_US', now(), now()
          FROM generate_series(1, %(n)s) i
        RETURNING id
        """,
        {"users": users.ids, "count": len(users), "n": n},
    )
    env.cr.execute(
        "INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id) "
        "SELECT unnest(%s), %s",
        [[row[0] for row in env.cr.fetchall()], tag.id],
    )
    env.invalidate_all()
    return env["customer_service.survey.campaign"].create(
        {
            "name": "Bench campaign",
            "survey_id": env.ref("customer_service.survey_default_questionnaire").id,
            "category_ids": [(4, tag.id)],
        }
    )


@operation(
    "surveys.campaign_dispatch",
    setup=_customers,
    reference=("references.mail_plain_create", "references.invitation_plain_create"),
)
def campaign_dispatch(env, n, campaign):
    """Launch, then the dispatch job until every customer is handled."""
    campaign.action_launch()
    calls = 1
    while env["customer_service.survey.campaign"]._cron_dispatch():
        calls += 1
    mails = env["mail.mail"].search_count(
        [("state", "=", "outgoing"), ("subject", "ilike", "Customer Satisfaction")]
    )
    return (
        f"{campaign.invited_count} invited, {len(campaign.no_email_partner_ids)} "
        f"without email, {mails} mails queued, {calls} call(s)",
        mails,
    )


def _uninvited_answers(env, n):
    """The answers of a campaign to N customers, their mails not queued yet."""
    campaign = _customers(env, n)
    partners = env["res.partner"].search(
        [*campaign._segment_domain(), ("email_normalized", "!=", False)]
    )
    return campaign._create_answers(partners)


@operation(
    "surveys.invitation_mails",
    setup=_uninvited_answers,
    reference="references.mail_plain_create",
)
def invitation_mails(env, n, answers):
    """The invitations of a dispatch without its answers: the body rendered
    per language and filled in per customer, the mails queued."""
    mails = env["survey.invite"]._cs_queue_invitations(answers)
    return f"{len(mails)} invitations queued", len(mails)


def _answers(env, n):
    """N invitations over 10 campaigns, 20 employees and four quarters; nine in
    ten answered, one in ten of those dissatisfied."""
    users, departments = _staff(env)
    survey = env.ref("customer_service.survey_default_questionnaire")
    campaigns = env["customer_service.survey.campaign"].create(
        [
            {"name": f"Bench campaign {i}", "survey_id": survey.id, "state": "running"}
            for i in range(CAMPAIGNS)
        ]
    )
    employees = env["hr.employee"].search([("user_id", "in", users.ids)])
    department_of = {e.user_id.id: e.department_id.id for e in employees}
    keys = [key for key, _label in DIMENSIONS if key != "overall"]
    env.cr.execute(
        SQL(
            """
            INSERT INTO survey_user_input (survey_id, access_token, state,
                   create_date, end_datetime, cs_company_id, cs_campaign_id,
                   cs_user_id, cs_department_id, cs_level, cs_score, cs_satisfied,
                   cs_dissatisfied, %(levels)s)
            SELECT %(survey)s, md5(random()::text || i), s.state,
                   %(start)s::timestamp + make_interval(days => mod(i, 365)),
                   CASE WHEN s.state = 'done'
                        THEN %(start)s::timestamp
                             + make_interval(days => mod(i, 365) + 3)
                   END,
                   %(company)s, (%(campaigns)s)[1 + mod(i, %(ncampaigns)s)],
                   (%(users)s)[1 + mod(i, %(nusers)s)],
                   (%(departments)s)[1 + mod(i, %(nusers)s)],
                   s.level, s.level, s.level >= 3, s.level <= 2, %(values)s
              FROM generate_series(1, %(n)s) i,
           LATERAL (SELECT CASE WHEN mod(i, 10) = 0 THEN 'new' ELSE 'done' END AS state,
                           CASE WHEN mod(i, 10) = 0 THEN 0
                                WHEN mod(i, 10) = 1 THEN 2
                                ELSE 3 + mod(i, 3) END AS level) s
            """,
            levels=SQL(", ").join(SQL.identifier(f"cs_level_{key}") for key in keys),
            values=SQL(", ").join(SQL("s.level") for _key in keys),
            survey=survey.id,
            start=date(date.today().year, 1, 1),
            company=env.company.id,
            campaigns=campaigns.ids,
            ncampaigns=len(campaigns),
            users=users.ids,
            departments=[department_of[uid] for uid in users.ids],
            nusers=len(users),
            n=n,
        )
    )
    env.invalidate_all()
    return campaigns


@operation("surveys.kpi", setup=_answers)
def kpi(env, n, campaigns):
    """The dashboard's groupings, the campaign progress and a quarter's results."""
    Kpi = env["customer_service.survey.kpi"]
    rates = ["invited_count:sum", "response_rate:avg", "satisfaction_rate:avg"]
    per_campaign = Kpi._read_group([], ["campaign_id"], rates)
    per_department = Kpi._read_group([], ["department_id", "date:quarter"], rates)
    per_employee = Kpi._read_group([], ["user_id"], rates)
    dimensions = Kpi._read_group(
        [], ["department_id"], ["score:avg", "level_empathy:avg", "level_tangibles:avg"]
    )
    campaigns.invalidate_recordset()
    campaigns.mapped("response_rate")
    Result = env["customer_service.survey.result"]
    start, end = Result._quarter_of(date(date.today().year, 5, 1))
    results = Result._prepare_quarter(env.company, start, end)
    satisfaction = sum(row[-1] for row in per_campaign) / len(per_campaign)
    return (
        f"{len(per_campaign)} campaigns, {len(per_department)} department-quarters, "
        f"{len(per_employee)} employees, {len(dimensions)} dimension rows, "
        f"{len(results)} quarter results; satisfaction {satisfaction:.1f} %"
    )
