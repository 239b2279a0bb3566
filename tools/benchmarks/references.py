"""References: what the rows an operation produces cost to create plainly.

``complaints.escalation_cron`` and ``surveys.campaign_dispatch`` are compared
with these, run with N = the rows they produced (see ``bench.py``).
"""

from odoo import fields

from . import operation
from .complaints import _insert_complaints


def _complaints(env, n):
    _insert_complaints(env, n)
    env.cr.execute(
        "SELECT id FROM customer_service_complaint WHERE name LIKE 'BENCH-%%'"
    )
    return [row[0] for row in env.cr.fetchall()]


@operation("references.activity_plain_create", setup=_complaints)
def activity_plain_create(env, n, complaint_ids):
    """N escalation activities in one create, without any notice."""
    activity_type = env.ref("customer_service.mail_activity_type_escalation")
    model_id = env["ir.model"]._get_id("customer_service.complaint")
    user = env.ref("base.user_admin")
    today = fields.Date.today()
    env["mail.activity"].with_context(mail_activity_quick_update=True).create(
        [
            {
                "res_model_id": model_id,
                "res_id": complaint_ids[i % len(complaint_ids)],
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": "Complaint acknowledgement deadline overdue",
                "date_deadline": today,
            }
            for i in range(n)
        ]
    )
    return f"{n} activities"


def _recipients(env, n):
    env.cr.execute(
        """
        INSERT INTO res_partner (name, active, type, autopost_bills, email,
                                 email_normalized, create_date, write_date)
        SELECT 'Bench recipient ' || i, true, 'contact', 'ask',
               'recipient' || i || '@example.com', 'recipient' || i || '@example.com',
               now(), now()
          FROM generate_series(1, %s) i
        RETURNING id
        """,
        [n],
    )
    return [row[0] for row in env.cr.fetchall()]


@operation("references.mail_plain_create", setup=_recipients)
def mail_plain_create(env, n, partner_ids):
    """N queued mails of one body in one create: the floor of a dispatch."""
    body = "<p>Dear customer, we are conducting a survey.</p>" * 10
    env["mail.mail"].create(
        [
            {
                "auto_delete": True,
                "body_html": body,
                "email_from": "service@example.com",
                "subject": "Customer Satisfaction",
                "recipient_ids": [(4, pid)],
            }
            for pid in partner_ids
        ]
    )
    return f"{n} mails"


@operation("references.invitation_plain_create", setup=_recipients)
def invitation_plain_create(env, n, partner_ids):
    """N survey answers, then N queued mails, each in one create: the rows a
    dispatch produces, as Odoo's survey creates an answer (its questions
    linked by its own create), without rendering anything."""
    survey = env.ref("customer_service.survey_default_questionnaire")
    env["survey.user_input"].create(
        [
            {
                "survey_id": survey.id,
                "partner_id": pid,
                "deadline": fields.Datetime.now(),
            }
            for pid in partner_ids
        ]
    )
    mail_plain_create(env, n, partner_ids)
    return f"{n} answers and {n} mails"
