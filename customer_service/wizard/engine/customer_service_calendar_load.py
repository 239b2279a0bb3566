"""Load the State Council's holiday schedule of a year into a working calendar.

The schedule comes from the ``chinesecalendar`` package, which follows the
yearly notice of the General Office of the State Council (public holidays and
the make-up working days, 调休).
"""

import datetime
import zoneinfo
from importlib.metadata import version

import chinese_calendar

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
ONE_DAY = datetime.timedelta(days=1)

# The package names its holidays in English; shown in the user's language.
HOLIDAY_NAMES = {
    "New Year's Day": _lt("New Year's Day"),
    "Spring Festival": _lt("Spring Festival"),
    "Tomb-sweeping Day": _lt("Tomb-sweeping Day"),
    "Labour Day": _lt("Labour Day"),
    "Dragon Boat Festival": _lt("Dragon Boat Festival"),
    "National Day": _lt("National Day"),
    "Mid-autumn Festival": _lt("Mid-autumn Festival"),
    "Anti-Fascist 70th Day": _lt("Anti-Fascist War Victory Day"),
}


def official_schedule(year):
    """``{date: (kind, holiday name)}`` of ``year``, ``kind`` holiday or workday.

    Holidays include the weekend days inside a holiday period, so that the
    period reads as one time off (1–7 October, not three pieces).
    """
    schedule = {}
    for day, name in chinese_calendar.holidays.items():
        if day.year == year and name:
            schedule[day] = ("holiday", name)
    for day, name in chinese_calendar.workdays.items():
        if day.year == year and day.weekday() >= 5:
            schedule[day] = ("workday", name)
    return schedule


def covered_years():
    years = {day.year for day in chinese_calendar.holidays}
    return min(years), max(years)


class CustomerServiceCalendarLoad(models.TransientModel):
    _name = "customer_service.calendar.load"
    _description = "Load the Official Holiday Schedule"

    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar", required=True
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year + 1
    )
    result = fields.Text(readonly=True)

    @api.model
    def _package_version(self):
        return version("chinesecalendar")

    def _check_year(self):
        first, last = covered_years()
        if not first <= self.year <= last:
            raise UserError(
                _(
                    "The official schedule of %(year)s is not known yet: the installed "
                    "chinesecalendar %(version)s covers %(first)s to %(last)s. Upgrade "
                    "the package once the State Council has published the year.",
                    year=self.year,
                    version=self._package_version(),
                    first=first,
                    last=last,
                )
            )

    def _holiday_label(self, name):
        lazy = HOLIDAY_NAMES.get(name)
        return self.env._(lazy) if lazy else name or ""

    def _make_up_hours(self, day):
        """A make-up day works the hours of a usual Monday of the calendar."""
        monday = day - datetime.timedelta(days=day.weekday())
        intervals = self.calendar_id._cs_weekly_intervals(monday)
        if not intervals:
            return (9.0, 18.0)
        return (intervals[0][0], intervals[-1][1])

    def _make_up_values(self, day, name):
        hour_from, hour_to = self._make_up_hours(day)
        return {
            "calendar_id": self.calendar_id.id,
            "date": day,
            "kind": "workday",
            "name": _(
                "%(holiday)s make-up working day", holiday=self._holiday_label(name)
            ),
            "hour_from": hour_from,
            "hour_to": hour_to,
        }

    def _time_off_values(self, first, last, name):
        """Global time off of the calendar, whole local days ``first`` to ``last``."""
        zone = zoneinfo.ZoneInfo(self.calendar_id.tz or "UTC")

        def utc(day, moment):
            local = datetime.datetime.combine(day, moment, tzinfo=zone)
            return local.astimezone(datetime.UTC).replace(tzinfo=None)

        return {
            "name": self._holiday_label(name) or _("Public holiday"),
            "calendar_id": self.calendar_id.id,
            "company_id": self.calendar_id.company_id.id,
            "resource_id": False,
            "time_type": "leave",
            "date_from": utc(first, datetime.time.min),
            "date_to": utc(last, datetime.time(23, 59, 59)),
        }

    @staticmethod
    def _periods(days, schedule):
        """Consecutive days of one holiday as (first, last, name) periods."""
        periods = []
        for day in days:
            name = schedule[day][1]
            if periods and periods[-1][1] == day - ONE_DAY and periods[-1][2] == name:
                periods[-1][1] = day
            else:
                periods.append([day, day, name])
        return periods

    @api.model
    def load_years(self, calendar_ids, years):
        """Load ``years`` into the calendars (demo data, scripts)."""
        for calendar_id in calendar_ids:
            for year in years:
                self.create({"calendar_id": calendar_id, "year": year}).action_load()

    def action_load(self):
        """Add the year's official days the calendar lacks; keep every existing one.

        Public holidays become global time off of the calendar, which the rest
        of Odoo (time off, planning, ``plan_days``) and our engine both read;
        make-up working days, which core cannot express, become exceptions.
        Days the calendar already has (an exception entered by hand, time off,
        or a previous load) are left as they are, so running it again adds
        nothing.
        """
        self.ensure_one()
        self._check_year()
        calendar = self.calendar_id
        known = calendar._cs_leave_days(self.year) | set(
            self.env["customer_service.calendar.exception"]
            .search(
                [
                    ("calendar_id", "=", calendar.id),
                    ("date", ">=", datetime.date(self.year, 1, 1)),
                    ("date", "<=", datetime.date(self.year, 12, 31)),
                ]
            )
            .mapped("date")
        )
        schedule = official_schedule(self.year)
        missing = sorted(day for day in schedule if day not in known)
        holidays = [day for day in missing if schedule[day][0] == "holiday"]
        workdays = [day for day in missing if schedule[day][0] == "workday"]
        self.env["resource.calendar.leaves"].create(
            [
                self._time_off_values(first, last, name)
                for first, last, name in self._periods(holidays, schedule)
            ]
        )
        self.env["customer_service.calendar.exception"].create(
            [self._make_up_values(day, schedule[day][1]) for day in workdays]
        )
        self.result = self._summary(schedule, missing)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _summary(self, schedule, added):
        holidays = [day for day in added if schedule[day][0] == "holiday"]
        workdays = [day for day in added if schedule[day][0] == "workday"]
        kept = len(schedule) - len(added)
        lines = [
            _(
                "%(year)s: %(holidays)s days off (global time off of the calendar) and "
                "%(workdays)s make-up working days added, %(kept)s days already in the "
                "calendar kept as they are.",
                year=self.year,
                holidays=len(holidays),
                workdays=len(workdays),
                kept=kept,
            )
        ]
        lines += [
            f"{day.isoformat()}  {self._holiday_label(schedule[day][1])}"
            for day in added
        ]
        return "\n".join(lines)
