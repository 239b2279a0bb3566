"""The working-day engine against Odoo's own ``resource.calendar.plan_days``."""

import time
from datetime import date, datetime, timedelta

from . import operation

DAYS = 5
# plan_days costs milliseconds a call: it runs on a sample of the same inputs.
ODOO_SAMPLE = 2000


def _calendar_with_holidays(env, n):
    """A Shanghai calendar with a Spring Festival week and its make-up Saturday,
    and N datetimes spread over the year."""
    calendar = env.ref("resource.resource_calendar_std").copy(
        {"name": "Bench calendar", "tz": "Asia/Shanghai"}
    )
    env["customer_service.calendar.exception"].create(
        [
            {"calendar_id": calendar.id, "date": date(2026, 2, 15) + timedelta(i)}
            | {"name": "Spring Festival"}
            for i in range(9)
        ]
        + [
            {
                "calendar_id": calendar.id,
                "date": date(2026, 2, 28),
                "kind": "workday",
                "name": "Make-up day",
                "hour_from": 8.0,
                "hour_to": 17.0,
            }
        ]
    )
    start = datetime(2026, 1, 1)
    return calendar, [start + timedelta(minutes=(i * 337) % 525600) for i in range(n)]


@operation("working_days.engine_add_days", setup=_calendar_with_holidays)
def engine_add_days(env, n, context):
    """N deadlines as a compute or a job asks for them: one batch per calendar."""
    calendar, moments = context
    calendar.cs_add_working_days(moments[0], DAYS)  # builds the year's table
    start = time.perf_counter()
    calendar.cs_add_working_days_batch(moments, DAYS)
    elapsed = time.perf_counter() - start
    return f"{n} deadlines (+{DAYS} working days) in {elapsed:.3f} s"


@operation("working_days.engine_single_calls", setup=_calendar_with_holidays)
def engine_single_calls(env, n, context):
    """N deadlines asked one by one: each call looks the calendar's tables up."""
    calendar, moments = context
    calendar.cs_add_working_days(moments[0], DAYS)
    start = time.perf_counter()
    for moment in moments:
        calendar.cs_add_working_days(moment, DAYS)
    elapsed = time.perf_counter() - start
    return f"{n} deadlines (+{DAYS} working days) in {elapsed:.3f} s"


@operation("working_days.odoo_plan_days", setup=_calendar_with_holidays)
def odoo_plan_days(env, n, context):
    calendar, moments = context
    sample = moments[:ODOO_SAMPLE]
    start = time.perf_counter()
    for moment in sample:
        calendar.plan_days(DAYS + 1, moment, compute_leaves=True)
    elapsed = time.perf_counter() - start
    return (
        f"{len(sample)} deadlines in {elapsed:.3f} s; "
        f"{n} at that pace: {elapsed / len(sample) * n:.1f} s "
        "(no make-up days: Odoo's calendar cannot add a working Saturday)"
    )
