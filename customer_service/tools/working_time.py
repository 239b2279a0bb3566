"""The working-day engine's arithmetic, in plain Python (no ORM, no database).

A calendar's working time is a table per year: the sorted ordinals of its local
working days and each day's working hours as (start, stop) floats. The models
build the tables from Odoo's calendar and the addon's exceptions
(``resource.calendar._cs_year_table``); everything here only reads them, so it
is tested without a database.
"""

import bisect
from datetime import UTC, date, datetime, timedelta

# A calendar without a working day in this many years is a configuration error.
SEARCH_YEARS = 3
# Years within which a zone without changes of UTC offset converts by addition.
FIXED_RANGE = (datetime(2000, 1, 1), datetime(2100, 1, 1))


def hours_off(weekly, hour_from, hour_to):
    """The working intervals ``weekly`` left after the hours off of a half day."""
    remaining = []
    for start, stop in weekly:
        if stop <= hour_from or start >= hour_to:
            remaining.append((start, stop))
            continue
        if start < hour_from:
            remaining.append((start, hour_from))
        if stop > hour_to:
            remaining.append((hour_to, stop))
    return tuple(remaining)


def year_table(year, weekly, exception_intervals, leave_days):
    """(sorted working ordinals, {ordinal: intervals}) of ``year``.

    ``weekly(day)`` gives a day's hours from the weekly pattern;
    ``exception_intervals`` maps the days that have an exception to a function
    of those weekly hours; days in ``leave_days`` (whole days of global time
    off) have no working time unless an exception says otherwise.
    """
    table = {}
    day = date(year, 1, 1)
    while day.year == year:
        hours = weekly(day)
        exception = exception_intervals.get(day)
        if exception:
            hours = exception(hours)
        elif day in leave_days:
            hours = ()
        if hours:
            table[day.toordinal()] = hours
        day += timedelta(1)
    return tuple(sorted(table)), table


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
