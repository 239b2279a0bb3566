"""The working-day engine: every deadline of the addon is computed here.

Odoo's calendar is a weekly pattern minus leaves; Chinese calendars also move
working days onto weekends (调休). A calendar's working time is therefore its
weekly pattern, minus whole days of its global leaves, overridden day by day by
its exceptions (holidays, half days, make-up working days). The result is kept
per calendar and year in the registry cache, as sorted day ordinals and each
day's working hours, so that a deadline costs a few dictionary look-ups; the
arithmetic on those tables is plain Python in ``tools/working_time.py``.

All public methods take and return naive UTC datetimes (Odoo's storage) and
work in the calendar's time zone.
"""

import zoneinfo
from datetime import UTC, date, datetime, timedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, ormcache

from ...tools.working_time import WorkingTime, WorkingTimeState, year_table

# Working-time versions (see resource_calendar_cache.py) come from a sequence.
VERSION_SEQUENCE = "customer_service_working_time_seq"


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "customer_service.working.time.cache"]

    cs_exception_ids = fields.One2many(
        "customer_service.calendar.exception",
        "calendar_id",
        string="Holidays and Make-up Days",
    )
    cs_working_time_version = fields.Integer(
        string="Working Time Version",
        readonly=True,
        copy=False,
        help="Changes whenever the calendar's working time does (hours, time off, "
        "exceptions): the key of the working-day engine's cached tables.",
    )
    cs_next_year_without_holidays = fields.Boolean(
        string="Next Year Without Holidays",
        compute="_compute_cs_next_year_without_holidays",
    )

    def init(self):
        result = super().init()
        self.env.cr.execute(
            SQL("CREATE SEQUENCE IF NOT EXISTS %s", SQL.identifier(VERSION_SEQUENCE))
        )
        return result

    def _cs_working_calendars(self):
        return self

    def _cs_renew_working_time(self):
        if not self:
            return
        # SQL, not write(): a new version is no change a user made to the calendar.
        self.env.cr.execute(
            SQL(
                "UPDATE resource_calendar SET cs_working_time_version = nextval(%s) "
                "WHERE id = ANY(%s)",
                VERSION_SEQUENCE,
                self.ids,
            )
        )
        self.invalidate_recordset(["cs_working_time_version"])

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
        """In December, an activity for every CS manager of a company whose
        calendar has no holiday of next year (without them the weekly pattern
        is used), once: a second run schedules none while it is open."""
        if fields.Date.today().month != 12:
            return self.browse()
        managers = self.env.ref("customer_service.group_customer_service_manager").users
        calendars = self.env["res.company"].search([]).resource_calendar_id
        missing = calendars.filtered("cs_next_year_without_holidays")
        self.env["res.partner"]._cs_activity_schedule_batch(
            [
                calendar._cs_missing_holidays_notice(user)
                for calendar in missing.filtered("company_id.partner_id")
                for user in managers.filtered(
                    lambda u, c=calendar: c.company_id in u.company_ids
                    or not c.company_id
                )
            ]
        )
        return missing

    def _cs_missing_holidays_notice(self, user):
        """The activity of :meth:`_cron_warn_missing_holidays` for ``user``,
        as an item of ``_cs_activity_schedule_batch``. Calendars have no
        chatter: it goes on the company's contact."""
        self.ensure_one()
        year = self._cs_next_year()
        return (
            self.company_id.partner_id,
            "calendar",
            user,
            _lt("No holidays loaded for %(year)s", year=year),
            {
                "date_deadline": date(year - 1, 12, 20),
                "note": _lt(
                    "Load the holidays and make-up days in calendar %(calendar)s.",
                    calendar=self.name,
                ),
            },
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

    # The cache keys carry the calendar's working-time version, so that a change
    # of one calendar's working time leaves every other cached table in place.
    @ormcache("self.id", "self.cs_working_time_version", "year")
    def _cs_year_table(self, year):
        """(sorted ordinals of the working days, {ordinal: working hours}) of a year."""
        self.ensure_one()
        attendances = self.attendance_ids
        exceptions = self.env["customer_service.calendar.exception"].search(
            [
                ("calendar_id", "=", self.id),
                ("date", ">=", date(year, 1, 1)),
                ("date", "<=", date(year, 12, 31)),
            ]
        )
        return year_table(
            year,
            lambda day: self._cs_weekly_intervals(day, attendances),
            {exception.date: exception._intervals for exception in exceptions},
            self._cs_leave_days(year),
        )

    @ormcache("self.id", "self.cs_working_time_version")
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
