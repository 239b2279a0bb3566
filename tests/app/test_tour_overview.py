"""The overview in the browser: a CS user and a manager click through to the
list behind a counter."""

from datetime import timedelta

from common import ROLE_GROUPS

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOverviewTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.cs_user = new_test_user(
            cls.env, "cs_tour_overview_user", groups=ROLE_GROUPS["cs_user"]
        )
        cls.manager = new_test_user(
            cls.env, "cs_tour_overview_manager", groups=ROLE_GROUPS["cs_manager"]
        )
        Partner = cls.env["res.partner"]
        category = cls.env.ref("customer_service.complaint_category_other")
        now = fields.Datetime.now()

        def complaint(name, user, received):
            return cls.env["customer_service.complaint"].create(
                {
                    "partner_id": Partner.create({"name": name, "is_company": True}).id,
                    "category_id": category.id,
                    "user_id": user.id,
                    "received_at": received,
                    "description": "<p>Overview tour</p>",
                }
            )

        cls.own = complaint("Tour Own Customer", cls.cs_user, now)
        cls.other = complaint("Tour Other Customer", cls.manager, now)
        cls.late = complaint(
            "Tour Late Customer", cls.manager, now - timedelta(days=20)
        )
        cls.fresh = complaint("Tour Fresh Customer", cls.manager, now)

    def test_cs_user_opens_his_complaints_from_the_overview(self):
        self.assertEqual(self.late.sla_state, "overdue")
        self.start_tour(
            "/odoo", "customer_service_overview_user_tour", login=self.cs_user.login
        )

    def test_manager_opens_the_overdue_complaints_from_the_overview(self):
        self.assertNotEqual(self.fresh.sla_state, "overdue")
        self.start_tour(
            "/odoo",
            "customer_service_overview_manager_tour",
            login=self.manager.login,
        )
