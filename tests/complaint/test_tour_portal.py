"""A customer follows a complaint on the portal in the browser: submits it,
sees it acknowledged, rejects a solution with a reason, accepts the next one
and answers the post-complaint survey. The handling between the steps is the
back office's, done on the server."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase):
    def test_customer_follows_a_complaint(self):
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        handler = new_test_user(
            self.env,
            "cs_portal_tour_handler",
            groups="customer_service.group_customer_service_user",
            email="tour.handler@example.com",
        )
        category = self.env["customer_service.complaint.category"].create(
            {
                "name": "Portal Tour Category",
                "user_id": handler.id,
                "return_visit_count": 1,
            }
        )
        customer = self.env["res.partner"].create(
            {"name": "Portal Tour Customer", "is_company": True}
        )
        portal = new_test_user(
            self.env,
            "cs_portal_tour",
            groups="base.group_portal",
            email="tour.portal@example.com",
        )
        portal.partner_id.parent_id = customer

        self.start_tour(
            "/my", "customer_service_portal_submit_tour", login=portal.login
        )
        complaint = self.env["customer_service.complaint"].search(
            [("commercial_partner_id", "=", customer.id)]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.category_id, category)
        self.assertEqual(complaint.channel, "web")
        self.assertEqual(complaint.user_id, handler)

        Complaint = complaint.with_user(handler)
        Complaint.action_acknowledge()
        self.start_tour(
            "/my/complaints",
            "customer_service_portal_acknowledged_tour",
            login=portal.login,
        )

        Complaint.action_investigate()
        Complaint.write(
            {
                "investigation_result": "founded",
                "responsibility": "company",
                "solution": "<p>We repair the pump</p>",
                "remedy_type": "repair",
            }
        )
        Complaint.action_propose()
        self.start_tour(
            "/my/complaints?filterby=answer",
            "customer_service_portal_reject_tour",
            login=portal.login,
        )
        self.assertEqual(complaint.state, "investigating")
        self.assertEqual(
            complaint.rejection_reason, "A repaired pump will leak again: replace it."
        )
        self.assertEqual(complaint.severity, "major")

        Complaint.write(
            {"solution": "<p>We replace the pump</p>", "remedy_type": "replace"}
        )
        Complaint.action_propose()
        self.start_tour(
            f"/my/complaints/{complaint.id}",
            "customer_service_portal_accept_tour",
            login=portal.login,
        )
        self.assertEqual(complaint.state, "accepted")
        question = complaint.message_ids.filtered(
            lambda m: "Can you come on Monday?" in (m.body or "")
        )
        self.assertEqual(question.author_id, portal.partner_id)
        self.assertEqual(question.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(handler.partner_id, question.notification_ids.res_partner_id)

        Complaint.action_implement()
        Complaint.action_implemented()
        answer = self.env["survey.user_input"].search(
            [("cs_res_model", "=", complaint._name), ("cs_res_id", "=", complaint.id)]
        )
        self.assertEqual(answer.state, "new")
        self.start_tour(
            "/my", "customer_service_portal_survey_tour", login=portal.login
        )
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.cs_level, 5)
