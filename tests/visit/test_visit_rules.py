from datetime import datetime

from common import RoleCase
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestVisitPlanningRules(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.rep = cls.users_by_role["salesman"]
        cls.grade = cls.env.ref("customer_service.grade_general")
        cls.grade.visit_interval_days = 30
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Due Customer",
                "is_company": True,
                "user_id": cls.rep.id,
                "cs_grade_id": cls.grade.id,
            }
        )
        cls.Visit = cls.env["customer_service.visit"].with_user(
            cls.env.ref("base.user_root")
        )

    def _plan(self):
        return self.Visit._cron_plan_routine_visits().filtered(
            lambda v: v.partner_id == self.customer
        )

    # Wednesday 4 March 2026, 15:00 in Shanghai.
    @freeze_time("2026-03-04 07:00:00")
    def test_plans_ahead_in_the_company_zone(self):
        self.env.company.cs_visit_lead_days = 2
        visit = self._plan()
        # Two working days after Wednesday: Friday 6 March, 10:00 Shanghai.
        self.assertEqual(visit.planned_start, datetime(2026, 3, 6, 2, 0))
        self.assertGreater(visit.planned_start, datetime(2026, 3, 4, 7, 0))

    @freeze_time("2026-03-04 07:00:00")
    def test_no_lead_never_plans_in_the_past(self):
        self.env.company.cs_visit_lead_days = 0
        visit = self._plan()
        # 10:00 today is gone: the next working day, Thursday 5 March.
        self.assertEqual(visit.planned_start, datetime(2026, 3, 5, 2, 0))

    @freeze_time("2026-03-04 07:00:00")
    def test_customer_company_differs_from_account_manager(self):
        other = self.env["res.company"].create({"name": "Other CS Company"})
        other.resource_calendar_id.tz = "Asia/Shanghai"
        self.rep.company_ids |= other
        self.customer.company_id = other
        broken = self.env["res.partner"].create(
            {
                "name": "No calendar",
                "user_id": self.rep.id,
                "cs_grade_id": self.grade.id,
                "company_id": self.env["res.company"]
                .create({"name": "No Calendar Co"})
                .id,
            }
        )
        broken.company_id.resource_calendar_id = False
        visit = self._plan()
        self.assertEqual(visit.company_id, other)
        self.assertFalse(
            self.env["customer_service.visit"].search([("partner_id", "=", broken.id)])
        )

    def test_lead_cannot_be_negative(self):
        company = self.env.company.with_user(self.users_by_role["cs_manager"])
        with self.assertRaises(ValidationError):
            company.sudo().cs_visit_lead_days = -1
        self.assertEqual(self.env.company.cs_visit_lead_days, 2)

    def test_visit_keeps_the_issues_raised_and_their_complaints(self):
        user = self.users_by_role["cs_user"]
        Visit = self.env["customer_service.visit"].with_user(user)
        visit = Visit.create(
            {
                "partner_id": self.customer.id,
                "user_id": user.id,
                "planned_start": datetime(2026, 3, 6, 2, 0),
            }
        )
        visit.write({"issues_raised": "Late deliveries in February"})
        category = self.env["customer_service.complaint.category"].create(
            {"name": "Visit issues", "reply_days": 5}
        )
        complaint = (
            self.env["customer_service.complaint"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "category_id": category.id,
                    "user_id": user.id,
                    "received_at": datetime(2026, 3, 6, 3, 0),
                    "description": "<p>Late deliveries</p>",
                    "visit_id": visit.id,
                }
            )
        )
        visit.invalidate_recordset()
        self.assertEqual(visit.issues_raised, "Late deliveries in February")
        self.assertEqual(visit.raised_complaint_ids, complaint)
