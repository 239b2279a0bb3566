"""A refused stage click in the browser, on a saved form and on one with
unsaved edits, as a customer-service user."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintStageRefusalTour(HttpCase):
    def test_refused_stage_keeps_the_record(self):
        user = new_test_user(
            self.env,
            "cs_refusal_user",
            name="Refusal User",
            groups="customer_service.group_customer_service_user",
        )
        category = self.env["customer_service.complaint.category"].create(
            {"name": "Refusal Category", "user_id": user.id}
        )
        complaint = (
            self.env["customer_service.complaint"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.env["res.partner"]
                    .create({"name": "Refusal Customer"})
                    .id,
                    "subject": "The pump leaks",
                    "category_id": category.id,
                }
            )
        )
        self.start_tour(
            "/odoo/action-customer_service.customer_service_complaint_action_my/"
            f"{complaint.id}",
            "customer_service_complaint_stage_refusal_tour",
            login="cs_refusal_user",
        )
        complaint = complaint.with_env(self.env)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.subject, "The pump still leaks")
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.stage_id.state, "acknowledged")
        skipped = complaint.message_ids.tracking_value_ids.filtered(
            lambda t: t.old_value_char == "New" and t.new_value_char != "Acknowledged"
        )
        self.assertFalse(skipped)
