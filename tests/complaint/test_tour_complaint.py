"""A complaint registered, handled and closed in the browser."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintTour(HttpCase):
    def test_register_to_close(self):
        admin = self.env.ref("base.user_admin")
        admin.tz = "Asia/Shanghai"
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        customer = self.env["res.partner"].create(
            {"name": "Tour Complainant", "is_company": True}
        )
        self.env["customer_service.complaint.category"].create(
            {"name": "Tour Category", "return_visit_count": 1}
        )
        self.start_tour("/odoo", "customer_service_complaint_tour", login="admin")
        complaint = self.env["customer_service.complaint"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.first_responder_id, admin)
        self.assertEqual(complaint.return_visits_done, 1)
        self.assertTrue(complaint.visit_ids.satisfaction)
        self.assertIn("Replace the pump", complaint.solution)
