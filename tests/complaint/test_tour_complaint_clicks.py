"""From a new complaint to closed as a customer-service user, counting the
user's actions (README), through the shortest way the screens offer."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintClicksTour(HttpCase):
    def test_new_to_closed_as_cs_user(self):
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        user = new_test_user(
            self.env,
            "cs_clicks_user",
            name="Clicks User",
            groups="customer_service.group_customer_service_user",
            tz="Asia/Shanghai",
        )
        customer = self.env["res.partner"].create(
            {"name": "Clicks Customer", "is_company": True}
        )
        # The category's handler takes every new complaint.
        self.env["customer_service.complaint.category"].create(
            {"name": "Clicks Category", "return_visit_count": 1, "user_id": user.id}
        )
        self.start_tour(
            "/odoo", "customer_service_complaint_clicks_tour", login="cs_clicks_user"
        )
        complaint = self.env["customer_service.complaint"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.user_id, user)
        self.assertEqual(complaint.first_responder_id, user)
        self.assertEqual(complaint.return_visits_done, 1)
        self.assertEqual(complaint.visit_ids.satisfaction, "5")
        # The refused stage click left nothing behind in the history: the
        # complaint went from New to Acknowledged, never straight on.
        jumps = complaint.message_ids.tracking_value_ids.filtered(
            lambda t: t.old_value_char == "New" and t.new_value_char != "Acknowledged"
        )
        self.assertFalse(jumps)
