from datetime import datetime

from common import RoleCase

from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestWorkingDaysEdges(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Shanghai edge office",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": period,
                        },
                    )
                    for day in range(5)
                    for start, stop, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )

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
