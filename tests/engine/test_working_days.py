"""The working-day engine: holidays, make-up days (调休), time zones, errors."""

from contextlib import contextmanager
from datetime import date, datetime

from common import office_calendar
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWorkingDays(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = office_calendar(cls.env, "Shanghai office")
        cls.Exception = cls.env["customer_service.calendar.exception"]

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _holidays(self, first, last, name):
        day = first
        values = []
        while day <= last:
            values.append({"calendar_id": self.calendar.id, "date": day, "name": name})
            day = date.fromordinal(day.toordinal() + 1)
        return self.Exception.create(values)

    def _makeup(self, day, name="补班"):
        return self.Exception.create(
            {
                "calendar_id": self.calendar.id,
                "date": day,
                "kind": "workday",
                "name": name,
                "hour_from": 8,
                "hour_to": 17,
            }
        )

    def test_plain_weeks(self):
        cal = self.calendar
        # Friday 6 March 2026, 10:00 in Shanghai = 02:00 UTC.
        friday = datetime(2026, 3, 6, 2, 0)
        self.assertEqual(cal.cs_add_working_days(friday, 1), datetime(2026, 3, 9, 2, 0))
        self.assertEqual(
            cal.cs_add_working_days(friday, 5), datetime(2026, 3, 13, 2, 0)
        )
        self.assertEqual(cal.cs_add_working_days(friday, 0), friday)
        self.assertTrue(cal.cs_is_working_day(date(2026, 3, 6)))
        self.assertFalse(cal.cs_is_working_day(date(2026, 3, 7)))
        self.assertEqual(cal.cs_next_working_day(date(2026, 3, 6)), date(2026, 3, 9))

    def test_time_zone_of_the_calendar_not_utc(self):
        # Monday 9 March 01:00 Shanghai is Sunday 8 March 17:00 UTC: the local
        # day counts, and the time is clamped to the start of work.
        late_sunday_utc = datetime(2026, 3, 8, 17, 0)
        self.assertEqual(
            self.calendar.cs_add_working_days(late_sunday_utc, 1),
            datetime(2026, 3, 10, 0, 0),  # Tuesday 08:00 Shanghai
        )
        # Received after hours on Friday 18:30: one working hour is Monday 09:00.
        self.assertEqual(
            self.calendar.cs_add_working_hours(datetime(2026, 3, 6, 10, 30), 1),
            datetime(2026, 3, 9, 1, 0),
        )

    def test_daylight_saving_time(self):
        brussels = self.calendar.copy(
            {"name": "Brussels office", "tz": "Europe/Brussels"}
        )
        # Friday 27 March 2026 10:00 CET; summer time starts on Sunday the 29th.
        friday = datetime(2026, 3, 27, 9, 0)
        self.assertEqual(
            brussels.cs_add_working_days(friday, 1),
            datetime(2026, 3, 30, 8, 0),  # Monday 10:00 CEST
        )
        self.assertEqual(
            brussels.cs_working_hours_between(friday, datetime(2026, 3, 30, 8, 0)),
            8.0,  # 10-12 and 13-17 on Friday, 8-10 on Monday
        )

    def test_holiday_moves_the_deadline_and_spans_the_weekend(self):
        # Qingming example: Saturday 4 to Monday 6 April 2026.
        self._holidays(date(2026, 4, 4), date(2026, 4, 6), "清明节")
        friday = datetime(2026, 4, 3, 2, 0)
        self.assertEqual(
            self.calendar.cs_add_working_days(friday, 1), datetime(2026, 4, 7, 2)
        )
        self.assertFalse(self.calendar.cs_is_working_day(date(2026, 4, 6)))
        # A deadline computed from the holiday itself starts on the next working day.
        self.assertEqual(
            self.calendar.cs_add_working_days(datetime(2026, 4, 6, 2), 0),
            datetime(2026, 4, 7, 0, 0),
        )

    def test_make_up_saturday_counts(self):
        self._makeup(date(2026, 2, 28))
        self.assertTrue(self.calendar.cs_is_working_day(date(2026, 2, 28)))
        friday = datetime(2026, 2, 27, 2, 0)
        self.assertEqual(
            self.calendar.cs_add_working_days(friday, 1), datetime(2026, 2, 28, 2)
        )
        self.assertEqual(
            self.calendar.cs_next_working_day(date(2026, 2, 27)), date(2026, 2, 28)
        )

    def test_range_across_the_spring_festival(self):
        # Example schedule: 15-23 February 2026 off, Saturdays 14 and 28 worked.
        self._holidays(date(2026, 2, 15), date(2026, 2, 23), "春节")
        self._makeup(date(2026, 2, 14))
        self._makeup(date(2026, 2, 28))
        thursday = datetime(2026, 2, 12, 2, 0)
        # Fri 13, Sat 14 (make-up), Tue 24, Wed 25, Thu 26: 5 working days.
        self.assertEqual(
            self.calendar.cs_add_working_days(thursday, 5), datetime(2026, 2, 26, 2)
        )
        hours = self.calendar.cs_working_hours_between(
            datetime(2026, 2, 13, 0, 0), datetime(2026, 2, 25, 9, 0)
        )
        # Fri 13: 8 h; Sat 14 (make-up, 8:00-17:00): 9 h; Tue 24: 8 h;
        # Wed 25 until 17:00: 8 h.
        self.assertEqual(hours, 33)

    def test_half_day_holiday(self):
        self.Exception.create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2026, 3, 6),
                "name": "妇女节半天",
                "hour_from": 13,
                "hour_to": 17,
            }
        )
        self.assertTrue(self.calendar.cs_is_working_day(date(2026, 3, 6)))
        hours = self.calendar.cs_working_hours_between(
            datetime(2026, 3, 6, 0, 0), datetime(2026, 3, 6, 10, 0)
        )
        self.assertEqual(hours, 4)
        # Four hours from Friday 11:00 end on Monday 11:00.
        self.assertEqual(
            self.calendar.cs_add_working_hours(datetime(2026, 3, 6, 3, 0), 4),
            datetime(2026, 3, 9, 3, 0),
        )

    def test_global_leaves_of_odoo_count_as_holidays(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company day",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 9, 16, 0),
                "date_to": datetime(2026, 3, 10, 15, 59, 59),
            }
        )
        self.assertFalse(self.calendar.cs_is_working_day(date(2026, 3, 10)))
        self.assertTrue(self.calendar.cs_is_working_day(date(2026, 3, 9)))

    def test_cache_follows_changes(self):
        self.assertTrue(self.calendar.cs_is_working_day(date(2026, 5, 1)))
        holiday = self._holidays(date(2026, 5, 1), date(2026, 5, 1), "劳动节")
        self.assertFalse(self.calendar.cs_is_working_day(date(2026, 5, 1)))
        holiday.unlink()
        self.assertTrue(self.calendar.cs_is_working_day(date(2026, 5, 1)))

    def test_deadlines_cost_no_query_once_the_year_is_loaded(self):
        self._makeup(date(2026, 2, 28))
        start = datetime(2026, 2, 2, 1, 0)
        self.calendar.cs_add_working_days(start, 1)
        with self.assertQueryCount(0):
            deadlines = self.calendar.cs_add_working_days_batch(
                [start.replace(day=day) for day in range(2, 28)], 5
            )
        # Friday the 27th plus five working days crosses the make-up Saturday.
        self.assertEqual(deadlines[-1], datetime(2026, 3, 5, 1, 0))

    def test_bad_input_is_refused(self):
        start = datetime(2026, 3, 6, 2, 0)
        with self.assertRaisesText(UserError, "before the start"):
            self.calendar.cs_working_hours_between(start, datetime(2026, 3, 5, 2, 0))
        with self.assertRaisesText(UserError, "zero or more"):
            self.calendar.cs_add_working_days(start, -1)
        with self.assertRaisesText(UserError, "whole days"):
            self.calendar.cs_add_working_days(start, 1.5)
        with self.assertRaisesText(ValidationError, "already a working day"):
            self._makeup(date(2026, 3, 4))
        with self.assertRaisesText(ValidationError, "end after they start"):
            self.Exception.create(
                {
                    "calendar_id": self.calendar.id,
                    "date": date(2026, 3, 7),
                    "kind": "workday",
                    "name": "Bad",
                    "hour_from": 17,
                    "hour_to": 8,
                }
            )
        self._holidays(date(2026, 5, 1), date(2026, 5, 1), "劳动节")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._holidays(date(2026, 5, 1), date(2026, 5, 1), "Again")
        self.assertEqual(
            self.Exception.search_count([("calendar_id", "=", self.calendar.id)]), 1
        )

    def test_company_and_department_calendars(self):
        company = self.env.company
        self.assertEqual(company._cs_working_calendar(), company.resource_calendar_id)
        department = self.env["hr.department"].create({"name": "质量部"})
        self.assertEqual(
            department._cs_working_calendar(), company.resource_calendar_id
        )
        department.cs_resource_calendar_id = self.calendar
        self.assertEqual(department._cs_working_calendar(), self.calendar)

    def test_a_year_is_imported_from_a_file(self):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": "__import__.shanghai_calendar", "record": self.calendar}]
        )
        result = self.Exception.load(
            ["calendar_id/id", "date", "kind", "name", "hour_from", "hour_to"],
            [
                [
                    "__import__.shanghai_calendar",
                    "2026-10-01",
                    "holiday",
                    "国庆节",
                    "",
                    "",
                ],
                [
                    "__import__.shanghai_calendar",
                    "2026-10-10",
                    "workday",
                    "国庆调休",
                    "8",
                    "17",
                ],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertFalse(self.calendar.cs_is_working_day(date(2026, 10, 1)))
        self.assertTrue(self.calendar.cs_is_working_day(date(2026, 10, 10)))

    def test_users_read_only_managers_edit(self):
        user = new_test_user(
            self.env,
            "cs_wd_user",
            groups="customer_service.group_customer_service_user",
        )
        manager = new_test_user(
            self.env,
            "cs_wd_manager",
            groups="customer_service.group_customer_service_manager",
        )
        holiday = self._holidays(date(2026, 5, 1), date(2026, 5, 1), "劳动节")
        self.assertEqual(holiday.with_user(user).name, "劳动节")
        with self.assertRaises(AccessError):
            holiday.with_user(user).name = "changed"
        holiday.with_user(manager).name = "劳动节（五一）"
        self.assertEqual(holiday.name, "劳动节（五一）")
