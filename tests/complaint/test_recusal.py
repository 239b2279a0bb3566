"""Recusal (R2.7): the employee complained about never handles, changes,
follows or reads the complaint and its records, unless a manager grants reading."""

from datetime import date

from complaint_common import ComplaintCase

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestRecusal(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Without recusal the accused would read everything about the complaint:
        # he is the customer's salesperson and a member of its department.
        cls.customer.user_id = cls.accused
        cls.department = cls.env["hr.department"].create(
            {"name": "Quality", "member_ids": [(6, 0, cls.accused_employee.ids)]}
        )

    def _named(self, **values):
        return self._complaint(
            department_id=self.department.id,
            complained_employee_ids=[(6, 0, self.accused_employee.ids)],
            **values,
        )

    def _in_return_visit(self, complaint):
        """Founded, with a CAPA action, up to its return visits and survey."""
        self._founded(complaint)
        action = self.env["customer_service.complaint.action"].create(
            {
                "name": "Train 王强 on seal fitting",
                "complaint_id": complaint.id,
                "owner_id": self.handler.id,
                "deadline": date(2026, 3, 20),
            }
        )
        complaint.action_propose()
        complaint.action_accept()
        complaint.action_implement()
        complaint.action_implemented()
        answers = self.env["survey.user_input"].search(
            [("cs_res_model", "=", complaint._name), ("cs_res_id", "=", complaint.id)]
        )
        self.assertTrue(complaint.visit_ids and answers)
        return action, answers

    # -- granting -------------------------------------------------------------
    def test_only_a_manager_grants_reading_and_it_is_tracked(self):
        complaint = self._named()
        with self.assertRaisesText(AccessError, "customer-service manager"):
            complaint.with_user(self.handler).recusal_granted_user_ids = self.accused
        complaint.invalidate_recordset()
        self.assertFalse(complaint.recusal_granted_user_ids)
        with self.assertRaises(AccessError):
            self.Complaint.with_user(self.handler).create(
                {
                    "partner_id": self.customer.id,
                    "category_id": self.category.id,
                    "user_id": self.handler.id,
                    "complained_employee_ids": [(6, 0, self.accused_employee.ids)],
                    "recusal_granted_user_ids": [(6, 0, self.accused.ids)],
                }
            )
        self.assertFalse(
            self.Complaint.search([("recusal_granted_user_ids", "=", self.accused.id)])
        )

        complaint.with_user(self.boss).recusal_granted_user_ids = self.accused
        self.assertEqual(complaint.recusal_granted_user_ids, self.accused)
        # Tracking values are written when the transaction ends.
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = complaint.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "recusal_granted_user_ids"
        )
        self.assertTrue(tracked)
        self.assertEqual(tracked.create_uid, self.boss)

    def test_granted_accused_reads_but_never_changes(self):
        complaint = self._named()
        complaint.action_acknowledge()
        complaint.action_investigate()
        complaint.with_user(self.boss).recusal_granted_user_ids = self.accused
        as_accused = complaint.with_user(self.accused)
        self.assertEqual(as_accused.read(["name"])[0]["name"], complaint.name)

        with self.assertRaisesText(AccessError, "you may not change it"):
            as_accused.write(
                {"investigation_result": "unfounded", "root_cause": "Customer misuse"}
            )
        with self.assertRaises(AccessError):
            as_accused.action_cancel()
        with self.assertRaises(AccessError):
            as_accused.with_context(lang="zh_CN").action_unfounded()
        with self.assertRaises(AccessError):
            as_accused.recusal_granted_user_ids = False
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "investigating")
        self.assertFalse(complaint.investigation_result)
        self.assertFalse(complaint.root_cause)
        self.assertEqual(complaint.recusal_granted_user_ids, self.accused)

    def test_accused_not_granted_neither_reads_nor_changes(self):
        complaint = self._named()
        as_accused = complaint.with_user(self.accused)
        self.assertFalse(as_accused.search([("id", "=", complaint.id)]))
        with self.assertRaises(AccessError):
            as_accused.write({"severity": "normal", "subject": "Not me"})
        with self.assertRaises(AccessError):
            as_accused.action_cancel()
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "new")
        self.assertFalse(complaint.subject)

    # -- related records -------------------------------------------------------
    def test_accused_reads_no_capa_visit_or_answer_unless_granted(self):
        complaint = self._named()
        action, answers = self._in_return_visit(complaint)
        visits = complaint.visit_ids
        env = self.env(user=self.accused)
        Action = env["customer_service.complaint.action"]
        Visit = env["customer_service.visit"]
        Answer = env["survey.user_input"]
        self.assertFalse(Action.search([("id", "=", action.id)]))
        self.assertFalse(Visit.search([("id", "in", visits.ids)]))
        self.assertFalse(Answer.search([("id", "in", answers.ids)]))
        self.assertFalse(
            env["survey.user_input.line"].search([("user_input_id", "in", answers.ids)])
        )
        expense = self.env["customer_service.visit.expense"].create(
            {
                "visit_id": visits[0].id,
                "name": "Taxi",
                "amount": 30,
                "currency_id": self.env.company.currency_id.id,
            }
        )
        self.assertFalse(
            env["customer_service.visit.expense"].search([("id", "=", expense.id)])
        )
        with self.assertRaises(AccessError):
            action.with_user(self.accused).read(["name"])
        with self.assertRaises(AccessError):
            visits[:1].with_user(self.accused).read(["purpose"])
        with self.assertRaises(AccessError):
            answers.with_user(self.accused).read(["cs_res_id"])
        # A colleague in the same position still reads them.
        self.customer.user_id = self.colleague
        self.assertTrue(
            self.env(user=self.colleague)["customer_service.visit"].search(
                [("id", "in", visits.ids)]
            )
        )
        self.assertTrue(
            self.env(user=self.colleague)["survey.user_input"].search(
                [("id", "in", answers.ids)]
            )
        )
        self.customer.user_id = self.accused

        complaint.with_user(self.boss).recusal_granted_user_ids = self.accused
        self.assertEqual(Action.search([("id", "=", action.id)]), action)
        self.assertEqual(Visit.search([("id", "in", visits.ids)]), visits)
        self.assertEqual(Answer.search([("id", "in", answers.ids)]), answers)
        # Granted, he reads them but does not change them.
        with self.assertRaises(AccessError):
            action.with_user(self.accused).name = "Nothing to do"
        with self.assertRaises(AccessError):
            visits[:1].with_user(self.accused).purpose = "Skip"
        action.invalidate_recordset()
        visits.invalidate_recordset()
        self.assertEqual(action.name, "Train 王强 on seal fitting")
        self.assertNotEqual(visits[:1].purpose, "Skip")

    def test_accused_reads_no_message_or_attachment(self):
        complaint = self._named()
        message = complaint.message_post(body="Internal: 王强 fitted the seal")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "photo.txt",
                "raw": b"leak",
                "res_model": complaint._name,
                "res_id": complaint.id,
            }
        )
        with self.assertRaises(AccessError):
            message.with_user(self.accused).read(["body"])
        with self.assertRaises(AccessError):
            attachment.with_user(self.accused).read(["raw"])

    # -- followers --------------------------------------------------------------
    def test_named_accused_stops_following_and_is_not_notified(self):
        complaint = self._complaint(department_id=self.department.id)
        partner = self.accused.partner_id
        complaint.message_subscribe(partner_ids=partner.ids)
        self.assertIn(partner, complaint.message_partner_ids)

        complaint.complained_employee_ids = self.accused_employee
        self.assertNotIn(partner, complaint.message_partner_ids)
        complaint.with_user(self.handler).message_subscribe(partner_ids=partner.ids)
        self.assertNotIn(partner, complaint.message_partner_ids)
        message = complaint.message_post(
            body="Seal replaced", partner_ids=partner.ids, message_type="comment"
        )
        self.assertNotIn(partner, message.notification_ids.res_partner_id)

    def test_accused_named_at_creation_never_follows(self):
        complaint = self._named(user_id=self.handler.id)
        self.assertNotIn(self.accused.partner_id, complaint.message_partner_ids)
        self.assertIn(self.handler.partner_id, complaint.message_partner_ids)

    def test_recused_user_ids(self):
        complaint = self._named()
        self.assertEqual(complaint._recused_user_ids(), self.accused)
        self.assertFalse(self._complaint()._recused_user_ids())

    # -- transfer ----------------------------------------------------------------
    def _transfer(self, complaint, department):
        self.env["customer_service.complaint.transfer"].with_user(self.handler).create(
            {
                "complaint_id": complaint.id,
                "department_id": department.id,
                "note": "Please answer",
            }
        ).action_apply()
        return complaint.activity_ids.filtered(
            lambda a: a.summary == "Answer the complaint with a solution"
        )

    def test_transfer_to_the_accused_as_handler_is_refused(self):
        complaint = self._named()
        # The form does not offer him as the new handler.
        form = Form(
            self.env["customer_service.complaint.transfer"]
            .with_user(self.handler)
            .with_context(default_complaint_id=complaint.id)
        )
        form.department_id = self.department
        form.note = "Please answer"
        self.assertEqual(form.save().recused_user_ids, self.accused)
        wizard = self.env["customer_service.complaint.transfer"].with_user(self.handler)
        with self.assertRaisesText(ValidationError, "cannot handle it"):
            wizard.create(
                {
                    "complaint_id": complaint.id,
                    "department_id": self.department.id,
                    "user_id": self.accused.id,
                    "note": "Please answer",
                }
            ).action_apply()
        complaint.invalidate_recordset()
        self.assertEqual(complaint.user_id, self.handler)
        self.assertFalse(complaint.transfer_note)
        self.assertFalse(complaint.activity_ids)

    def test_transfer_skips_the_accused_department_manager(self):
        self.accused_employee.parent_id = self.boss_employee
        self.department.manager_id = self.accused_employee
        complaint = self._named()
        activity = self._transfer(complaint, self.department)
        self.assertEqual(activity.user_id, self.boss)

        # No manager above him: the handler answers.
        self.accused_employee.parent_id = False
        other = self._named()
        activity = self._transfer(other, self.department)
        self.assertEqual(activity.user_id, self.handler)

        # Not complained about, the department's manager answers.
        unrelated = self._complaint()
        activity = self._transfer(unrelated, self.department)
        self.assertEqual(activity.user_id, self.accused)
