from datetime import datetime

from common import RoleCase, office_calendar
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestWorkingDaysEdges(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = office_calendar(cls.env, "Shanghai edge office")

    def _calendar_as(self, role, lang="en_US"):
        user = self.users_by_role[role]
        return self.calendar.with_user(user).with_context(lang=lang)

    def test_zero_days_after_work_is_the_next_morning(self):
        calendar = self._calendar_as("cs_user")
        # Wednesday 4 March 2026, 20:00 in Shanghai.
        start = datetime(2026, 3, 4, 12, 0)
        deadline = calendar.cs_add_working_days(start, 0)
        self.assertGreaterEqual(deadline, start)
        # Thursday 5 March, 08:00 in Shanghai.
        self.assertEqual(deadline, datetime(2026, 3, 5, 0, 0))

    def test_zero_days_within_work_is_the_moment_itself(self):
        calendar = self._calendar_as("salesman")
        # Wednesday 4 March 2026, 10:00 in Shanghai.
        start = datetime(2026, 3, 4, 2, 0)
        self.assertEqual(calendar.cs_add_working_days(start, 0), start)

    def test_errors_of_the_engine_are_in_the_users_language(self):
        calendar = self._calendar_as("cs_manager", lang="zh_CN")
        with self.assertRaises(UserError) as caught:
            calendar.cs_add_working_days("2026-03-04", 1)
        self.assertIn("需要日期和时间", str(caught.exception))


@tagged("post_install", "-at_install")
class TestMissingHolidays(RoleCase):
    def _todos(self, calendar):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", calendar.company_id.partner_id.id),
                ("user_id", "=", self.users_by_role["cs_manager"].id),
            ]
        )

    def test_cs_managers_are_warned_in_december_once(self):
        calendar = self.env.company.resource_calendar_id
        calendar.cs_exception_ids.filtered(lambda e: e.date.year == 2027).unlink()
        Calendar = self.env["resource.calendar"].with_user(
            self.env.ref("base.user_root")
        )
        with freeze_time("2026-11-30 12:00:00"):
            Calendar._cron_warn_missing_holidays()
            self.assertFalse(self._todos(calendar))
        with freeze_time("2026-12-01 12:00:00"):
            self.assertTrue(
                calendar.with_user(
                    self.users_by_role["cs_manager"]
                ).cs_next_year_without_holidays
            )
            Calendar._cron_warn_missing_holidays()
            Calendar._cron_warn_missing_holidays()
        self.assertEqual(len(self._todos(calendar)), 1)

    def test_warning_is_a_working_calendar_activity_in_the_managers_language(self):
        calendar = self.env.company.resource_calendar_id
        calendar.cs_exception_ids.filtered(lambda e: e.date.year == 2027).unlink()
        self.env["res.lang"]._activate_lang("zh_CN")
        self.users_by_role["cs_manager"].lang = "zh_CN"
        with freeze_time("2026-12-01 12:00:00"):
            self.env["resource.calendar"]._cron_warn_missing_holidays()
        todo = self._todos(calendar)
        self.assertEqual(
            todo.activity_type_id,
            self.env.ref("customer_service.mail_activity_type_calendar"),
        )
        self.assertEqual(todo.date_deadline.isoformat(), "2026-12-20")
        self.assertIn("2027", todo.summary)
        self.assertIn("节假日", todo.summary)

    def test_no_warning_when_next_year_has_holidays(self):
        calendar = self.env.company.resource_calendar_id
        self.env["customer_service.calendar.exception"].create(
            {"calendar_id": calendar.id, "date": "2027-01-01", "name": "元旦"}
        )
        with freeze_time("2026-12-01 12:00:00"):
            self.assertFalse(calendar.cs_next_year_without_holidays)
            self.env["resource.calendar"]._cron_warn_missing_holidays()
        self.assertFalse(self._todos(calendar))

    def test_calendar_form_shows_the_warning(self):
        Calendar = self.env["resource.calendar"].with_user(
            self.users_by_role["cs_manager"]
        )
        arch = Calendar.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("not cs_next_year_without_holidays", arch)


@tagged("post_install", "-at_install")
class TestWorkingTimeCache(RoleCase):
    """A change of one calendar's working time renews only that calendar's
    cached day tables."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.changed = office_calendar(cls.env, "Changed office")
        cls.untouched = office_calendar(cls.env, "Untouched office")

    def _deadline_queries(self, calendar):
        calendar.env.invalidate_all()
        before = self.env.cr.sql_log_count
        deadline = calendar.cs_add_working_days(datetime(2026, 9, 29, 2, 0), 1)
        return deadline, self.env.cr.sql_log_count - before

    def test_exception_renews_only_its_calendar(self):
        calendar = self.changed.with_user(self.users_by_role["cs_manager"])
        for warm_up in (self.changed, self.untouched):
            self._deadline_queries(warm_up)
        _deadline, warm = self._deadline_queries(self.untouched)
        version = self.changed.cs_working_time_version
        # Wednesday 30 September 2026 becomes a holiday.
        calendar.env["customer_service.calendar.exception"].create(
            {"calendar_id": calendar.id, "date": "2026-09-30", "name": "中秋节"}
        )
        self.assertNotEqual(self.changed.cs_working_time_version, version)
        deadline, rebuilt = self._deadline_queries(self.changed)
        self.assertEqual(deadline, datetime(2026, 10, 1, 2, 0))
        _deadline, cached = self._deadline_queries(self.untouched)
        self.assertGreater(rebuilt, cached, "the changed calendar rebuilds its tables")
        self.assertEqual(cached, warm, "the other calendar's tables stay cached")

    def test_changed_hours_are_seen_at_once(self):
        self._deadline_queries(self.changed)
        # Tuesday 29 September 10:00 in Shanghai + 1 working day, with Wednesday
        # mornings now off: clamped into Wednesday's afternoon.
        self.changed.attendance_ids.filtered(
            lambda a: a.dayofweek == "2" and a.day_period == "morning"
        ).unlink()
        deadline, _queries = self._deadline_queries(self.changed)
        self.assertEqual(deadline, datetime(2026, 9, 30, 5, 0))
