"""Loading the State Council's holiday schedule into a working calendar."""

from datetime import UTC, date, datetime

from common import RoleCase, office_calendar, role_login

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users


@tagged("post_install", "-at_install")
class TestOfficialSchedule(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = office_calendar(
            cls.env, "Hangzhou office", morning=(8.5, 12), afternoon=(13, 17.5)
        )
        cls.Exception = cls.env["customer_service.calendar.exception"]

    def _load(self, year, user=None):
        Load = self.env["customer_service.calendar.load"]
        if user:
            # As the web client does: the user's language is the context's.
            Load = Load.with_user(user).with_context(lang=user.lang)
        wizard = Load.create({"calendar_id": self.calendar.id, "year": year})
        wizard.action_load()
        return wizard

    def _exceptions(self, year):
        return self.Exception.search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("date", ">=", date(year, 1, 1)),
                ("date", "<=", date(year, 12, 31)),
            ]
        )

    def _time_off(self):
        return self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id), ("resource_id", "=", False)]
        )

    @users(role_login("cs_manager"))
    def test_load_2026_matches_the_state_council_notice(self):
        manager = self.env.user
        wizard = self._load(2026, manager)
        workdays = self._exceptions(2026)
        self.assertEqual(set(workdays.mapped("kind")), {"workday"})
        # 国庆节: one time off from Thursday 1 to Wednesday 7 October (Shanghai
        # days, stored in UTC); Saturday 10 October is worked.
        national_day = self._time_off().filtered(
            lambda leave: leave.date_from == datetime(2026, 9, 30, 16, 0)
        )
        self.assertEqual(national_day.date_to, datetime(2026, 10, 7, 15, 59, 59))
        self.assertEqual(len(self._time_off()), 7)
        self.assertEqual(
            sorted(workdays.mapped("date")),
            [
                date(2026, 1, 4),
                date(2026, 2, 14),
                date(2026, 2, 28),
                date(2026, 5, 9),
                date(2026, 9, 20),
                date(2026, 10, 10),
            ],
        )
        make_up = workdays.filtered(lambda e: e.date == date(2026, 10, 10))
        # Core sees the holidays too, as it does for any time off.
        self.assertEqual(
            self.calendar.plan_days(
                2, datetime(2026, 9, 30, 9, 0, tzinfo=UTC), compute_leaves=True
            ).date(),
            date(2026, 10, 8),
        )
        self.assertEqual((make_up.hour_from, make_up.hour_to), (8.5, 17.5))
        self.assertIn("2026", wizard.result)
        # The engine counts on them: the working day after 30 September is 8
        # October, and the one after Friday 9 October is Saturday 10 October.
        self.assertEqual(
            self.calendar.cs_working_day_after(date(2026, 9, 30), 1), date(2026, 10, 8)
        )
        self.assertEqual(
            self.calendar.cs_working_day_after(date(2026, 10, 9), 1),
            date(2026, 10, 10),
        )

    def test_names_follow_the_user_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        manager = self.users_by_role["cs_manager"]
        manager.lang = "zh_CN"
        self._load(2026, manager)
        names = set(self._time_off().mapped("name"))
        self.assertIn("国庆节", names)
        exceptions = self._exceptions(2026)
        make_up = exceptions.filtered(lambda e: e.date == date(2026, 10, 10))
        self.assertEqual(make_up.name, "国庆节调休上班")

    def test_loading_twice_adds_nothing_and_keeps_manual_days(self):
        manual = self.Exception.create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2026, 10, 8),
                "name": "Company day off",
            }
        )
        national_day = self.Exception.create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2026, 10, 1),
                "name": "National Day, entered by hand",
            }
        )
        self._load(2026)
        counts = (len(self._exceptions(2026)), len(self._time_off()))
        second = self._load(2026)
        self.assertEqual((len(self._exceptions(2026)), len(self._time_off())), counts)
        self.assertIn("2026: 0 days off", second.result)
        self.assertEqual(national_day.name, "National Day, entered by hand")
        self.assertTrue(manual.exists())
        # The day entered by hand is not covered twice: time off starts on 2 October.
        self.assertIn(
            datetime(2026, 10, 1, 16, 0), self._time_off().mapped("date_from")
        )

    def test_year_not_covered_is_refused_naming_the_package_version(self):
        wizard = self.env["customer_service.calendar.load"].create(
            {"calendar_id": self.calendar.id, "year": 2099}
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_load()
        self.assertIn("chinesecalendar", str(caught.exception))
        self.assertIn(wizard._package_version(), str(caught.exception))
        self.assertFalse(self._exceptions(2099))
        self.assertFalse(self._time_off())

    def test_only_managers_load(self):
        for role in ("cs_user", "salesman", "employee"):
            with self.assertRaises(AccessError):
                self._load(2026, self.users_by_role[role])
        self.assertFalse(self._exceptions(2026))
        self.assertFalse(self._time_off())
