"""Complaints and satisfaction surveys: invitation, closing rule, follow-up."""

from datetime import datetime

from complaint_common import ComplaintCase
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.customer_service.models.survey.survey_question import DIMENSIONS

SCALE = [key for key, _label in DIMENSIONS]


@tagged("post_install", "-at_install")
class TestComplaintSurvey(ComplaintCase):
    def _implemented(self):
        complaint = self._founded(self._complaint())
        complaint.action_propose()
        complaint.action_accept()
        complaint.action_implement()
        complaint.action_implemented()
        return complaint

    def _answers(self, complaint):
        return self.env["survey.user_input"].search(
            [("cs_res_model", "=", complaint._name), ("cs_res_id", "=", complaint.id)]
        )

    def _answer(self, answer, level, comment=None):
        for key in SCALE:
            question = self.env.ref(f"customer_service.survey_question_{key}")
            choice = question.suggested_answer_ids.filtered(
                lambda a, level=level: a.cs_level == level
            )
            answer._save_lines(question, choice.id)
        if comment:
            answer._save_lines(
                self.env.ref("customer_service.survey_question_comment"), comment
            )
        answer._mark_done()

    def _visits_done(self, complaint):
        for visit in complaint.visit_ids:
            visit.write({"actual_start": datetime(2026, 3, 10, 2), "content": "Ok"})
            visit.action_done()

    def test_implemented_solution_invites_the_customer_once(self):
        complaint = self._implemented()
        answer = self._answers(complaint)
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.partner_id, self.customer)
        self.assertEqual(answer.cs_user_id, self.handler)
        # The return visits of a complaint send no survey of their own.
        self._visits_done(complaint)
        visit_answers = self.env["survey.user_input"].search(
            [
                ("cs_res_model", "=", "customer_service.visit"),
                ("cs_res_id", "in", complaint.visit_ids.ids),
            ]
        )
        self.assertFalse(visit_answers)
        complaint._cs_send_satisfaction_survey()
        self.assertEqual(self._answers(complaint), answer)

    def test_a_completed_survey_is_the_satisfaction_closing_needs(self):
        complaint = self._implemented()
        self._visits_done(complaint)
        with self.assertRaisesText(UserError, "satisfaction"):
            complaint.action_close()
        self.assertEqual(complaint.state, "return_visit")
        self._answer(self._answers(complaint), 4)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.cs_survey_level, 4)

    def test_a_dissatisfied_answer_opens_a_new_complaint(self):
        complaint = self._implemented()
        answer = self._answers(complaint)
        with freeze_time("2026-03-12 03:00:00"):
            self._answer(answer, 1, comment="Still leaking")
        followup = answer.cs_followup_ref
        self.assertEqual(followup._name, "customer_service.complaint")
        self.assertNotEqual(followup, complaint)
        self.assertEqual(followup.partner_id, self.customer)
        self.assertEqual(followup.category_id, self.category)
        self.assertEqual(followup.user_id, self.handler)
        # Received within the repeat window: flagged and linked as a repeat.
        self.assertEqual(followup.repeat_of_id, complaint)
        self.assertEqual(followup.severity, "major")
        self.assertIn("Still leaking", followup.description)
        # Once per answer.
        answer._cs_open_followups()
        self.assertEqual(
            self.Complaint.search_count([("repeat_of_id", "=", complaint.id)]), 1
        )
