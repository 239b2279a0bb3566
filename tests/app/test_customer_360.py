"""The customer's 360° summary: complaints, visits and surveys in grouped queries."""

from datetime import datetime

from complaint_common import ComplaintCase

from odoo.tests import tagged

SUMMARY = [
    "cs_complaint_count",
    "cs_complaint_open_count",
    "cs_complaint_repeat_count",
    "cs_visit_count",
    "cs_last_visit",
    "cs_next_visit",
    "cs_survey_done_count",
    "cs_survey_last_answer",
    "cs_survey_satisfaction",
]


@tagged("post_install", "-at_install")
class TestCustomer360(ComplaintCase):
    def _queries_to_read_summary(self, partners):
        partners.invalidate_recordset()
        before = self.env.cr.sql_log_count
        partners.read(SUMMARY)
        return self.env.cr.sql_log_count - before

    def test_summary_of_the_customer(self):
        first = self._complaint()
        repeat = self._complaint(received_at=datetime(2026, 3, 9, 2, 0))
        self.assertEqual(repeat.repeat_of_id, first)
        first.action_cancel()
        Visit = self.env["customer_service.visit"]
        done, planned = Visit.create(
            [
                {
                    "partner_id": self.customer.id,
                    "user_id": self.handler.id,
                    "planned_start": datetime(2026, 3, day, 2, 0),
                }
                for day in (3, 20)
            ]
        )
        done.write({"actual_start": datetime(2026, 3, 3, 3, 0), "content": "Met"})
        done.action_done()
        answer = self.env["survey.user_input"].search(
            [("cs_res_model", "=", done._name), ("cs_res_id", "=", done.id)]
        )
        answer._mark_done()

        contact = self.env["res.partner"].create(
            {"name": "李娜", "parent_id": self.customer.id}
        )
        for partner in (self.customer, contact):
            self.assertEqual(partner.cs_complaint_count, 2)
            self.assertEqual(partner.cs_complaint_open_count, 1)
            self.assertEqual(partner.cs_complaint_repeat_count, 1)
            self.assertEqual(partner.cs_survey_done_count, 1)
            self.assertEqual(partner.cs_survey_last_answer, answer.end_datetime)
        self.assertEqual(self.customer.cs_last_visit, datetime(2026, 3, 3, 3, 0))
        self.assertEqual(self.customer.cs_next_visit, datetime(2026, 3, 20, 2, 0))

    def test_summary_queries_do_not_grow_with_the_customers(self):
        customers = self.env["res.partner"].create(
            [{"name": f"Customer {i}", "is_company": True} for i in range(12)]
        )
        for customer in customers:
            self._complaint(partner_id=customer.id)
        self._queries_to_read_summary(customers[:2])  # warm the caches
        self.assertEqual(
            self._queries_to_read_summary(customers[:2]),
            self._queries_to_read_summary(customers),
        )

    def test_salespeople_read_their_own_customers_history_only(self):
        other = self.env["res.partner"].create(
            {"name": "Other customer", "is_company": True, "user_id": self.boss.id}
        )
        survey = self.env.ref("customer_service.survey_default_questionnaire")
        for customer in (self.customer, other):
            self._complaint(partner_id=customer.id)
            survey._create_answer(
                partner=customer, cs_partner_id=customer.id
            )._mark_done()
        mine, theirs = (self.customer | other).with_user(self.salesman)
        self.assertTrue(mine.cs_archive_readable)
        self.assertEqual(mine.cs_complaint_count, 1)
        self.assertEqual(mine.cs_survey_done_count, 1)
        self.assertFalse(theirs.cs_archive_readable)
        self.assertEqual(theirs.cs_complaint_count, 0)
        self.assertEqual(theirs.cs_survey_done_count, 0)
        self.assertFalse(theirs.cs_survey_last_answer)
        # Customer-service users read every customer's history.
        theirs = other.with_user(self.handler)
        self.assertTrue(theirs.cs_archive_readable)
        self.assertEqual(theirs.cs_survey_done_count, 1)
