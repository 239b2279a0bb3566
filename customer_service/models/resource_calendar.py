"""The working-day engine: every deadline of the addon is computed here.

Odoo's calendar is a weekly pattern minus leaves; Chinese calendars also move
working days onto weekends (调休). A calendar's working time is therefore its
weekly pattern, minus whole days of its global leaves, overridden day by day by
its exceptions (holidays, half days, make-up working days). The result is kept
per calendar and year in the registry cache, as sorted day ordinals and each
day's working hours, so that a deadline costs a few dictionary look-ups.

All public methods take and return naive UTC datetimes (Odoo's storage) and
work in the calendar's time zone.
"""

import bisect
from datetime import date, datetime, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import ormcache

# A calendar without a working day in this many years is a configuration error.
SEARCH_YEARS = 3


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "customer_service.working.time.cache"]

    cs_exception_ids = fields.One2many(
        "customer_service.calendar.exception",
        "calendar_id",
        string="Holidays and Make-up Days",
    )

    # ------------------------------------------------------------------
    # Day table
    # ------------------------------------------------------------------
    def _cs_weekly_intervals(self, day, attendances=None):
        """Working hours of ``day`` from the weekly pattern alone."""
        self.ensure_one()
        if attendances is None:
            attendances = self.attendance_ids
        weekday = str(day.weekday())
        week_type = (
            str(self.env["resource.calendar.attendance"].get_week_type(day))
            if self.two_weeks_calendar
            else None
        )
        return tuple(
            sorted(
                (attendance.hour_from, attendance.hour_to)
                for attendance in attendances
                if attendance.dayofweek == weekday
                and not attendance.display_type
                and not attendance.resource_id
                and attendance.day_period != "lunch"
                and (not attendance.date_from or attendance.date_from <= day)
                and (not attendance.date_to or day <= attendance.date_to)
                and (week_type is None or attendance.week_type == week_type)
            )
        )

    def _cs_leave_days(self, year):
        """Local days of ``year`` wholly covered by the calendar's global leaves."""
        tz = self._cs_tz()
        days = set()
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.id),
                ("resource_id", "=", False),
                ("date_from", "<", datetime(year + 1, 1, 2)),
                ("date_to", ">", datetime(year - 1, 12, 31)),
            ]
        )
        for leave in leaves:
            start = pytz.utc.localize(leave.date_from).astimezone(tz)
            stop = pytz.utc.localize(leave.date_to).astimezone(tz)
            # Only whole days count; a leave ending at 23:59:59 covers its last day.
            day = start.date() + timedelta(
                1 if start.time() != datetime.min.time() else 0
            )
            last = (stop + timedelta(seconds=1)).date() - timedelta(1)
            while day <= last:
                if day.year == year:
                    days.add(day)
                day += timedelta(1)
        return days

    @ormcache("self.id", "year")
    def _cs_year_table(self, year):
        """(sorted ordinals of the working days, {ordinal: working hours}) of a year."""
        self.ensure_one()
        attendances = self.attendance_ids
        exceptions = {
            exception.date: exception
            for exception in self.env["customer_service.calendar.exception"].search(
                [
                    ("calendar_id", "=", self.id),
                    ("date", ">=", date(year, 1, 1)),
                    ("date", "<=", date(year, 12, 31)),
                ]
            )
        }
        leave_days = self._cs_leave_days(year)
        table = {}
        day = date(year, 1, 1)
        while day.year == year:
            weekly = self._cs_weekly_intervals(day, attendances)
            exception = exceptions.get(day)
            if exception:
                intervals = exception._intervals(weekly)
            else:
                intervals = () if day in leave_days else weekly
            if intervals:
                table[day.toordinal()] = intervals
            day += timedelta(1)
        return tuple(sorted(table)), table

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _cs_tz(self):
        return pytz.timezone(self.tz or "UTC")

    def _cs_local(self, utc_naive):
        """(local ordinal, local hour as a float) of a naive UTC datetime."""
        if not isinstance(utc_naive, datetime):
            raise UserError(
                _("A date and time is expected, not %(value)s.", value=utc_naive)
            )
        local = pytz.utc.localize(utc_naive).astimezone(self._cs_tz())
        return (
            local.toordinal(),
            local.hour + local.minute / 60 + local.second / 3600,
        )

    def _cs_utc(self, ordinal, hour):
        local = datetime.fromordinal(ordinal) + timedelta(seconds=round(hour * 3600))
        return self._cs_tz().localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _cs_intervals(self, ordinal):
        return self._cs_year_table(date.fromordinal(ordinal).year)[1].get(ordinal, ())

    def _cs_nth_working_day(self, ordinal, count):
        """Ordinal of the ``count``-th working day after ``ordinal`` (0: the day
        itself when it is a working day, else the next one)."""
        if count == 0:
            if self._cs_intervals(ordinal):
                return ordinal
            count = 1
        year = date.fromordinal(ordinal).year
        for _year in range(SEARCH_YEARS + count // 200):
            ordinals = self._cs_year_table(year)[0]
            index = bisect.bisect_right(ordinals, ordinal) + count - 1
            if index < len(ordinals):
                return ordinals[index]
            count -= len(ordinals) - bisect.bisect_right(ordinals, ordinal)
            year += 1
            ordinal = date(year, 1, 1).toordinal() - 1
        raise UserError(
            _(
                "The working calendar %(calendar)s has no working day ahead: check "
                "its working hours and exceptions.",
                calendar=self.display_name,
            )
        )

    @api.model
    def _cs_check_amount(self, amount, unit):
        if amount is None or amount < 0:
            raise UserError(
                _(
                    "A deadline cannot be %(amount)s %(unit)s away: give zero or more.",
                    amount=amount,
                    unit=unit,
                )
            )

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    def cs_is_working_day(self, day):
        """Whether the local date ``day`` has working time."""
        self.ensure_one()
        return bool(self._cs_intervals(day.toordinal()))

    def cs_next_working_day(self, day):
        """The first working day strictly after the local date ``day``."""
        self.ensure_one()
        return date.fromordinal(self._cs_nth_working_day(day.toordinal(), 1))

    def cs_add_working_days(self, dt, days):
        """``days`` working days after ``dt``, at the same local time of day
        clamped into that day's working hours. With zero days, ``dt`` itself
        when it falls on a working day, else the start of the next one."""
        self.ensure_one()
        self._cs_check_amount(days, _("working days"))
        if int(days) != days:
            raise UserError(_("Working days are counted in whole days."))
        ordinal, hour = self._cs_local(dt)
        target = self._cs_nth_working_day(ordinal, int(days))
        intervals = self._cs_intervals(target)
        if not days and target != ordinal:
            hour = intervals[0][0]
        return self._cs_utc(target, min(max(hour, intervals[0][0]), intervals[-1][1]))

    def cs_add_working_days_batch(self, datetimes, days):
        """:meth:`cs_add_working_days` for many datetimes of one calendar."""
        return [self.cs_add_working_days(dt, days) for dt in datetimes]

    def cs_add_working_hours(self, dt, hours):
        """The moment when ``hours`` of working time after ``dt`` have passed."""
        self.ensure_one()
        self._cs_check_amount(hours, _("working hours"))
        ordinal, hour = self._cs_local(dt)
        remaining = hours
        while True:
            for start, stop in self._cs_intervals(ordinal):
                if stop <= hour:
                    continue
                begin = max(start, hour)
                if begin + remaining <= stop:
                    return self._cs_utc(ordinal, begin + remaining)
                remaining -= stop - begin
            ordinal = self._cs_nth_working_day(ordinal, 1)
            hour = 0.0

    def cs_working_hours_between(self, start, end):
        """Working hours between two datetimes (e.g. time spent waiting on the
        customer, to pause a deadline)."""
        self.ensure_one()
        if end < start:
            raise UserError(
                _(
                    "The end %(end)s is before the start %(start)s.",
                    end=end,
                    start=start,
                )
            )
        first, first_hour = self._cs_local(start)
        last, last_hour = self._cs_local(end)
        total = 0.0
        ordinal = first
        while ordinal <= last:
            low = first_hour if ordinal == first else 0.0
            high = last_hour if ordinal == last else 24.0
            for begin, stop in self._cs_intervals(ordinal):
                total += max(0.0, min(stop, high) - max(begin, low))
            ordinal = self._cs_nth_working_day(ordinal, 1)
        return total
