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
import zoneinfo
from datetime import UTC, date, datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import ormcache

# A calendar without a working day in this many years is a configuration error.
SEARCH_YEARS = 3
# Years within which a zone without changes of UTC offset converts by addition.
FIXED_RANGE = (datetime(2000, 1, 1), datetime(2100, 1, 1))


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "customer_service.working.time.cache"]

    cs_exception_ids = fields.One2many(
        "customer_service.calendar.exception",
        "calendar_id",
        string="Holidays and Make-up Days",
    )
    cs_next_year_without_holidays = fields.Boolean(
        string="Next Year Without Holidays",
        compute="_compute_cs_next_year_without_holidays",
    )

    def _cs_next_year(self):
        return fields.Date.today().year + 1

    @api.depends("cs_exception_ids.date", "cs_exception_ids.kind")
    @api.depends_context("uid")
    def _compute_cs_next_year_without_holidays(self):
        year = self._cs_next_year()
        for calendar in self:
            calendar.cs_next_year_without_holidays = not any(
                exception.kind == "holiday" and exception.date.year == year
                for exception in calendar.cs_exception_ids
            )

    @api.model
    def _cron_warn_missing_holidays(self):
        """In December, a to-do for every CS manager of a company whose calendar
        has no holiday of next year: without them the weekly pattern is used."""
        if fields.Date.today().month != 12:
            return self.browse()
        managers = self.env.ref("customer_service.group_customer_service_manager").users
        calendars = self.env["res.company"].search([]).resource_calendar_id
        missing = calendars.filtered("cs_next_year_without_holidays")
        summary = _("No holidays loaded for %(year)s", year=self._cs_next_year())
        for calendar in missing:
            for user in managers.filtered(
                lambda u, c=calendar: c.company_id in u.company_ids or not c.company_id
            ):
                calendar._cs_warn_manager(user, summary)
        return missing

    def _cs_warn_manager(self, user, summary):
        # Calendars have no chatter: the to-do goes on the company's contact.
        partner = self.company_id.partner_id
        if not partner or self.env["mail.activity"].search_count(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("user_id", "=", user.id),
                ("summary", "=", summary),
            ],
            limit=1,
        ):
            return
        partner.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=date(self._cs_next_year() - 1, 12, 20),
            summary=summary,
            note=_(
                "Load the holidays and make-up days in calendar %(calendar)s.",
                calendar=self.name,
            ),
            user_id=user.id,
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
        zone = zoneinfo.ZoneInfo(self.tz or "UTC")
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
            start = leave.date_from.replace(tzinfo=UTC).astimezone(zone)
            stop = leave.date_to.replace(tzinfo=UTC).astimezone(zone)
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

    @ormcache("self.id")
    def _cs_working_time_state(self):
        self.ensure_one()
        return WorkingTimeState(zoneinfo.ZoneInfo(self.tz or "UTC"))

    def _cs_engine(self):
        """The calendar's engine; callers with many deadlines keep it for all."""
        # Missing years load through this environment's cursor, never a cached one.
        return WorkingTime(self._cs_working_time_state(), self._cs_year_table)

    def _cs_no_working_day(self):
        return UserError(
            _(
                "The working calendar %(calendar)s has no working day ahead: check "
                "its working hours and exceptions.",
                calendar=self.display_name,
            )
        )

    def _cs_check_moment(self, value):
        # A method, not a static helper: ``self.env._`` translates the error
        # into the user's language.
        if not isinstance(value, datetime):
            raise UserError(
                self.env._("A date and time is expected, not %(value)s.", value=value)
            )

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    def cs_is_working_day(self, day):
        """Whether the local date ``day`` has working time."""
        return bool(self._cs_engine().intervals(day.toordinal()))

    def cs_next_working_day(self, day):
        """The first working day strictly after the local date ``day``."""
        return self.cs_working_day_after(day, 1)

    def cs_working_day_after(self, day, count):
        """The ``count``-th working day after the local date ``day`` (e.g. a
        debt due on the 10th working day of the next month)."""
        if count is None or count < 1 or int(count) != count:
            raise UserError(
                _(
                    "Count working days from one: %(count)s is not a number of "
                    "working days.",
                    count=count,
                )
            )
        ordinal = self._cs_engine().nth_working_day(day.toordinal(), int(count))
        if ordinal is None:
            raise self._cs_no_working_day()
        return date.fromordinal(ordinal)

    def cs_add_working_days(self, dt, days):
        """``days`` working days after ``dt``, at the same local time of day
        clamped into that day's working hours. With zero days, ``dt`` itself
        when it falls on a working day, else the start of the next one."""
        return self.cs_add_working_days_batch([dt], days)[0]

    def cs_add_working_days_batch(self, datetimes, days):
        """:meth:`cs_add_working_days` for many datetimes of one calendar."""
        if days is None or days < 0:
            raise UserError(
                _(
                    "A deadline cannot be %(amount)s working days away: give zero "
                    "or more.",
                    amount=days,
                )
            )
        if int(days) != days:
            raise UserError(_("Working days are counted in whole days."))
        engine = self._cs_engine()
        results = []
        for dt in datetimes:
            self._cs_check_moment(dt)
            result = engine.add_days(dt, int(days))
            if result is None:
                raise self._cs_no_working_day()
            results.append(result)
        return results

    def cs_add_working_hours(self, dt, hours):
        """The moment when ``hours`` of working time after ``dt`` have passed."""
        if hours is None or hours < 0:
            raise UserError(
                _(
                    "A deadline cannot be %(amount)s working hours away: give zero "
                    "or more.",
                    amount=hours,
                )
            )
        self._cs_check_moment(dt)
        result = self._cs_engine().add_hours(dt, hours)
        if result is None:
            raise self._cs_no_working_day()
        return result

    def cs_working_hours_between(self, start, end):
        """Working hours between two datetimes (e.g. time spent waiting on the
        customer, to pause a deadline)."""
        self._cs_check_moment(start)
        self._cs_check_moment(end)
        if end < start:
            raise UserError(
                _(
                    "The end %(end)s is before the start %(start)s.",
                    end=end,
                    start=start,
                )
            )
        return self._cs_engine().hours_between(start, end)


class WorkingTimeState:
    """What a calendar's engine keeps between calls: its time zone and the day
    tables of a contiguous range of years, merged. The tables are replaced in one
    assignment, never changed in place, as threads share the state."""

    __slots__ = ("offset", "tables", "zone")

    def __init__(self, zone):
        self.zone = zone
        self.offset = self._fixed_offset(zone)
        # (first ordinal, last ordinal, sorted working ordinals, {ordinal: hours})
        self.tables = None

    @staticmethod
    def _fixed_offset(zone):
        """The zone's UTC offset when it never changes within FIXED_RANGE (as in
        China), so that conversions are one addition; None for zones with
        daylight saving time. Twice a month catches every change of offset."""
        offsets = {
            datetime(year, month, day, tzinfo=zone).utcoffset()
            for year in range(FIXED_RANGE[0].year, FIXED_RANGE[1].year)
            for month in range(1, 13)
            for day in (1, 16)
        }
        return offsets.pop() if len(offsets) == 1 else None


class WorkingTime:
    """A calendar's working time as plain Python, for deadlines in microseconds.

    Datetimes in and out are naive UTC; days are local ordinals; hours are local
    floats. Methods return None when no working day lies within reach.
    """

    __slots__ = ("load_year", "offset", "state", "zone")

    def __init__(self, state, load_year):
        self.state = state
        self.zone = state.zone
        self.offset = state.offset
        self.load_year = load_year

    def _cover(self, ordinal):
        """The merged tables, extended to the year of ``ordinal``."""
        tables = self.state.tables
        if tables and tables[0] <= ordinal <= tables[1]:
            return tables
        year = date.fromordinal(ordinal).year
        if tables:
            first = min(year, date.fromordinal(tables[0]).year)
            last = max(year, date.fromordinal(tables[1]).year)
        else:
            first = last = year
        ordinals, days = [], {}
        for each in range(first, last + 1):
            year_ordinals, year_days = self.load_year(each)
            ordinals.extend(year_ordinals)
            days.update(year_days)
        tables = self.state.tables = (
            date(first, 1, 1).toordinal(),
            date(last, 12, 31).toordinal(),
            ordinals,
            days,
        )
        return tables

    def intervals(self, ordinal):
        return self._cover(ordinal)[3].get(ordinal, ())

    def local(self, utc_naive):
        """(local ordinal, local hour as a float) of a naive UTC datetime."""
        if self.offset is not None and FIXED_RANGE[0] <= utc_naive < FIXED_RANGE[1]:
            local = utc_naive + self.offset
        else:
            local = utc_naive.replace(tzinfo=UTC).astimezone(self.zone)
        return (
            local.toordinal(),
            local.hour + local.minute / 60 + local.second / 3600,
        )

    def utc(self, ordinal, hour):
        local = datetime.fromordinal(ordinal) + timedelta(seconds=round(hour * 3600))
        if self.offset is not None and FIXED_RANGE[0] <= local < FIXED_RANGE[1]:
            return local - self.offset
        return local.replace(tzinfo=self.zone).astimezone(UTC).replace(tzinfo=None)

    def nth_working_day(self, ordinal, count):
        """Ordinal of the ``count``-th working day after ``ordinal`` (0: the day
        itself when it is a working day, else the next one)."""
        if count == 0:
            if self.intervals(ordinal):
                return ordinal
            count = 1
        tables = self._cover(ordinal)
        for _year in range(SEARCH_YEARS + count // 200):
            ordinals = tables[2]
            index = bisect.bisect_right(ordinals, ordinal) + count - 1
            if index < len(ordinals):
                return ordinals[index]
            tables = self._cover(tables[1] + 1)
        return None

    def add_days(self, dt, days):
        ordinal, hour = self.local(dt)
        target = self.nth_working_day(ordinal, days)
        if target is None:
            return None
        intervals = self.intervals(target)
        if not days and target == ordinal and hour > intervals[-1][1]:
            # After the day's work, a 0-day deadline is the next working
            # day's start: clamping would put it before its own start.
            target = self.nth_working_day(ordinal, 1)
            if target is None:
                return None
            intervals = self.intervals(target)
        if not days and target != ordinal:
            hour = intervals[0][0]
        return self.utc(target, min(max(hour, intervals[0][0]), intervals[-1][1]))

    def add_hours(self, dt, hours):
        ordinal, hour = self.local(dt)
        remaining = hours
        while ordinal is not None:
            for start, stop in self.intervals(ordinal):
                if stop <= hour:
                    continue
                begin = max(start, hour)
                if begin + remaining <= stop:
                    return self.utc(ordinal, begin + remaining)
                remaining -= stop - begin
            ordinal = self.nth_working_day(ordinal, 1)
            hour = 0.0
        return None

    def hours_between(self, start, end):
        first, first_hour = self.local(start)
        last, last_hour = self.local(end)
        total = 0.0
        ordinal = first
        while ordinal is not None and ordinal <= last:
            low = first_hour if ordinal == first else 0.0
            high = last_hour if ordinal == last else 24.0
            for begin, stop in self.intervals(ordinal):
                total += max(0.0, min(stop, high) - max(begin, low))
            ordinal = self.nth_working_day(ordinal, 1)
        return total
