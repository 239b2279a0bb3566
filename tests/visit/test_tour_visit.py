"""A visit planned, recorded, reported and approved in the browser."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVisitTour(HttpCase):
    def test_plan_record_report_approve(self):
        admin = self.env.ref("base.user_admin")
        admin.tz = "Asia/Shanghai"
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        rep = new_test_user(
            self.env,
            "cs_tour_rep",
            name="Tour Rep",
            groups="sales_team.group_sale_salesman,customer_service.group_customer_service_user",
        )
        # Demo data may already give the administrator an employee.
        boss = admin.employee_id or self.env["hr.employee"].create(
            {"name": "Tour Boss", "user_id": admin.id}
        )
        self.env["hr.employee"].create(
            {"name": "Tour Rep", "user_id": rep.id, "parent_id": boss.id}
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True, "user_id": rep.id}
        )
        self.start_tour("/odoo", "customer_service_visit_tour", login="admin")
        visit = self.env["customer_service.visit"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.report_state, "approved")
        self.assertEqual(visit.user_id, rep)
        self.assertEqual(visit.content, "The customer wants a faster delivery.")
