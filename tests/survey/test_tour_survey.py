"""A customer answers a post-visit or post-complaint survey in the browser,
without an account, and the dissatisfied answer opens its follow-up."""

from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSurveyTour(HttpCase):
    def test_public_answer_opens_a_follow_up(self):
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        rep = new_test_user(
            self.env,
            "cs_survey_tour_rep",
            name="Survey Tour Rep",
            email="tour.rep@example.com",
            groups="sales_team.group_sale_salesman,customer_service.group_customer_service_user",
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Survey Tour Customer",
                "is_company": True,
                "email": "tour.customer@example.com",
                "user_id": rep.id,
            }
        )
        visit = self.env["customer_service.visit"].create(
            {
                "partner_id": customer.id,
                "user_id": rep.id,
                "planned_start": datetime(2026, 3, 6, 2, 0),
            }
        )
        visit.write(
            {"actual_start": datetime(2026, 3, 6, 2, 30), "content": "Repair done"}
        )
        visit.action_done()
        answer = self.env["survey.user_input"].search(
            [("cs_res_model", "=", visit._name), ("cs_res_id", "=", visit.id)]
        )
        self.assertEqual(len(answer), 1)
        # The link of the invitation email, opened by a visitor who is not logged in.
        self.start_tour(answer.get_start_url(), "customer_service_survey_tour")
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.cs_level, 1)
        self.assertTrue(answer.cs_dissatisfied)
        followup = answer.cs_followup_ref
        self.assertEqual(followup._name, "customer_service.visit")
        self.assertEqual(followup.visit_type, "survey_followup")
        self.assertEqual(followup.user_id, rep)
        self.assertIn("two days late", followup.purpose)
        self.assertTrue(visit._cs_satisfaction_answered())

    def test_public_answer_about_a_complaint_opens_a_new_complaint(self):
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        handler = new_test_user(
            self.env,
            "cs_survey_tour_handler",
            name="Complaint Handler",
            groups="customer_service.group_customer_service_user",
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Complaint Tour Customer",
                "is_company": True,
                "email": "complaint.tour@example.com",
            }
        )
        category = self.env["customer_service.complaint.category"].create(
            {"name": "Tour service", "return_visit_count": 1}
        )
        complaint = self.env["customer_service.complaint"].create(
            {
                "partner_id": customer.id,
                "category_id": category.id,
                "user_id": handler.id,
                "description": "<p>Late delivery</p>",
            }
        )
        complaint.action_acknowledge()
        complaint.action_investigate()
        complaint.write(
            {
                "investigation_result": "founded",
                "responsibility": "company",
                "root_cause": "Dispatch",
                "solution": "<p>Deliver by express</p>",
                "remedy_type": "apology",
            }
        )
        complaint.action_propose()
        complaint.action_accept()
        complaint.action_implement()
        complaint.action_implemented()
        answer = self.env["survey.user_input"].search(
            [("cs_res_model", "=", complaint._name), ("cs_res_id", "=", complaint.id)]
        )
        self.assertEqual(len(answer), 1)
        self.start_tour(answer.get_start_url(), "customer_service_survey_tour")
        self.assertEqual(answer.state, "done")
        followup = answer.cs_followup_ref
        self.assertEqual(followup._name, "customer_service.complaint")
        self.assertEqual(followup.user_id, handler)
        self.assertEqual(followup.repeat_of_id, complaint)
        self.assertIn("two days late", followup.description)
        self.assertTrue(complaint._cs_satisfaction_answered())
