"""The working-day arithmetic on its own: plain Python, no database, no ORM.

The tables are built here by hand (Monday to Friday, 9:00-12:00 and
13:00-18:00 in Shanghai, with a holiday, a half day and a make-up Saturday),
so these tests pin the engine's rules whatever the calendar models do.
"""

import zoneinfo
from datetime import date, datetime

import pytest

from odoo.addons.customer_service.tools.working_time import (
    WorkingTime,
    WorkingTimeState,
    hours_off,
    year_table,
)

WEEKDAY = ((9.0, 12.0), (13.0, 18.0))
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def weekly(day):
    return WEEKDAY if day.weekday() < 5 else ()


def engine(zone=SHANGHAI, exceptions=None, leave_days=()):
    """An engine over tables built from ``weekly``, counting the years it loads."""
    loaded = []

    def load_year(year):
        loaded.append(year)
        return year_table(year, weekly, exceptions or {}, set(leave_days))

    working_time = WorkingTime(WorkingTimeState(zone), load_year)
    return working_time, loaded


def utc(*args):
    """Naive UTC of a Shanghai wall-clock time (UTC+8 all year)."""
    return (
        datetime(*args)
        .replace(tzinfo=SHANGHAI)
        .astimezone(zoneinfo.ZoneInfo("UTC"))
        .replace(tzinfo=None)
    )


def test_half_day_removes_only_its_hours():
    assert hours_off(WEEKDAY, 13.0, 18.0) == ((9.0, 12.0),)
    assert hours_off(WEEKDAY, 10.0, 14.0) == ((9.0, 10.0), (14.0, 18.0))
    assert hours_off(WEEKDAY, 0.0, 24.0) == ()


def test_year_table_applies_exceptions_over_time_off():
    holiday = date(2026, 10, 1)
    makeup = date(2026, 9, 27)  # a Sunday worked for the National Day week
    leave = date(2026, 10, 2)
    ordinals, days = year_table(
        2026,
        weekly,
        {holiday: lambda hours: (), makeup: lambda hours: ((9.0, 18.0),)},
        {leave, makeup},
    )
    assert holiday.toordinal() not in days
    assert leave.toordinal() not in days
    # An exception wins over time off of the same day.
    assert days[makeup.toordinal()] == ((9.0, 18.0),)
    assert list(ordinals) == sorted(days)
    assert len(days) == 261 - 2 + 1


def test_nth_working_day_skips_holidays_and_counts_makeup_days():
    national_day = {date(2026, 10, d): (lambda hours: ()) for d in range(1, 8)}
    makeup = {date(2026, 10, 10): (lambda hours: WEEKDAY)}
    working_time, _loaded = engine(exceptions=national_day | makeup)
    start = date(2026, 9, 30).toordinal()
    # 1st working day after 30 September is Thursday 8 October, then Friday 9,
    # then the make-up Saturday 10 October.
    assert working_time.nth_working_day(start, 1) == date(2026, 10, 8).toordinal()
    assert working_time.nth_working_day(start, 3) == date(2026, 10, 10).toordinal()
    # Zero days: the day itself when it is a working day, else the next one.
    assert working_time.nth_working_day(start, 0) == start
    assert working_time.nth_working_day(date(2026, 10, 1).toordinal(), 0) == (
        date(2026, 10, 8).toordinal()
    )


def test_add_days_keeps_the_time_of_day_within_working_hours():
    working_time, _loaded = engine()
    # Friday 11:00 + 1 working day = Monday 11:00.
    assert working_time.add_days(utc(2026, 3, 6, 11), 1) == utc(2026, 3, 9, 11)
    # Friday 20:00 + 1 working day is clamped to Monday's end of work.
    assert working_time.add_days(utc(2026, 3, 6, 20), 1) == utc(2026, 3, 9, 18)
    # Zero days after work: the next working day's start.
    assert working_time.add_days(utc(2026, 3, 6, 20), 0) == utc(2026, 3, 9, 9)


def test_add_hours_spans_lunch_nights_and_weekends():
    working_time, _loaded = engine()
    # Friday 11:00 + 2 h: one before lunch, one after.
    assert working_time.add_hours(utc(2026, 3, 6, 11), 2) == utc(2026, 3, 6, 14)
    # Friday 17:00 + 3 h: one on Friday, two on Monday morning.
    assert working_time.add_hours(utc(2026, 3, 6, 17), 3) == utc(2026, 3, 9, 11)
    assert working_time.hours_between(utc(2026, 3, 6, 17), utc(2026, 3, 9, 11)) == 3


def test_years_load_once_and_across_new_year():
    working_time, loaded = engine()
    # 31 December 2026 (Thursday) + 2 working days = Monday 4 January 2027.
    target = working_time.nth_working_day(date(2026, 12, 31).toordinal(), 2)
    assert target == date(2027, 1, 4).toordinal()
    assert loaded == [2026, 2026, 2027]
    working_time.nth_working_day(date(2027, 3, 1).toordinal(), 5)
    working_time.nth_working_day(date(2026, 6, 1).toordinal(), 5)
    assert loaded == [2026, 2026, 2027], "covered years are not loaded again"


def test_no_working_day_ahead_is_none():
    def load_year(year):
        return (), {}

    working_time = WorkingTime(WorkingTimeState(SHANGHAI), load_year)
    assert working_time.nth_working_day(date(2026, 1, 1).toordinal(), 1) is None
    assert working_time.add_hours(utc(2026, 1, 1, 9), 1) is None


@pytest.mark.parametrize(
    ("zone", "fixed"), [(SHANGHAI, True), (NEW_YORK, False)], ids=["fixed", "dst"]
)
def test_time_zone_conversions(zone, fixed):
    state = WorkingTimeState(zone)
    assert (state.offset is not None) == fixed
    working_time = WorkingTime(state, lambda year: year_table(year, weekly, {}, set()))
    # Summer in New York (UTC-4): 13:00 UTC is 9:00 local.
    moment = datetime(2026, 7, 1, 13, 0)
    ordinal, hour = working_time.local(moment)
    expected = moment.replace(tzinfo=zoneinfo.ZoneInfo("UTC")).astimezone(zone)
    assert ordinal == expected.toordinal()
    assert hour == expected.hour
    assert working_time.utc(ordinal, hour) == moment
