"""Server-side rules: states change only through the actions, approvals are
guarded in the tier hooks (comment wizard included), approved records locked."""

from contextlib import contextmanager
from datetime import date, datetime

from complaint_common import ComplaintCase
from test_credit import CS, CreditCase

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCreditRules(CreditCase):
    def _submitted(self, limit=20000):
        app = self._application(requested_limit=limit, requested_term_days=30)
        app.sudo().is_new_customer = False
        app.action_submit()
        return app

    def test_state_is_not_written_directly(self):
        app = self._application()
        with self.assertRaisesText(UserError, "only through the buttons"):
            app.with_user(self.controller).write({"state": "active"})
        app.invalidate_recordset()
        self.assertEqual(app.state, "draft")
        with self.assertRaisesText(UserError, "only through the buttons"):
            self.Application.with_user(self.controller).create(
                {"partner_id": self.customer.id, "state": "approved"}
            )

    def test_approve_action_needs_the_approvers(self):
        app = self._submitted()
        with self.assertRaisesText(UserError, "approvers' decisions only"):
            app.with_user(self.gm).action_approve()
        app.invalidate_recordset()
        self.assertEqual(app.state, "to_approve")
        self.assertFalse(self.customer.with_company(self.env.company).credit_limit)

    def test_active_application_is_locked(self):
        app = self._submitted(limit=8000)
        app.with_user(self.gm).validate_tier()
        app.with_user(self.deputy).validate_tier()
        self.assertEqual(app.state, "active")
        with self.assertRaisesText(UserError, "can no longer be changed"):
            app.with_user(self.gm).write(
                {"requested_limit": 80000, "requested_term_days": 120}
            )
        app.invalidate_recordset()
        self.assertEqual(app.requested_limit, 8000)
        self.assertEqual(app.requested_term_days, 30)

    def test_new_customer_flag_is_not_writable(self):
        app = self._application()
        self.assertTrue(app.is_new_customer)
        with self.assertRaisesText(UserError, "posted invoices"):
            app.with_user(self.controller).write({"is_new_customer": False})
        app.invalidate_recordset()
        self.assertTrue(app.is_new_customer)
        created = self.Application.with_user(self.controller).create(
            {"partner_id": self.customer.id, "is_new_customer": False}
        )
        self.assertTrue(created.is_new_customer)

    def test_wizard_path_refuses_the_requester_and_the_order(self):
        app = self._submitted()
        requester = app.with_user(self.controller)
        with self.assertRaisesText(UserError, "you requested it"):
            requester._validate_tier()
        with self.assertRaisesText(UserError, "must first be approved at the level"):
            app.with_user(self.deputy)._validate_tier()
        self.assertEqual(set(app.review_ids.mapped("status")), {"waiting", "pending"})

    def test_one_person_approves_one_level_unless_allowed(self):
        both = new_test_user(
            self.env, "cs_rules_both", groups=f"{CS}approver_gm,{CS}approver_deputy_gm"
        )
        app = self._submitted()
        app.with_user(both).validate_tier()
        self.assertEqual(
            app.review_ids.filtered(lambda r: r.status == "approved").done_by, both
        )
        self.assertEqual(app.state, "to_approve")
        with self.assertRaisesText(UserError, "already approved"):
            app.with_user(both).validate_tier()
        self.assertEqual(app.state, "to_approve")
        self.assertTrue(
            any(
                f"Approved by {both.name} at level" in body
                for body in app.message_ids.mapped("body")
            )
        )
        self.env.company.cs_multi_level_approval = True
        other = self._application(requested_limit=20000, requested_term_days=30)
        other.sudo().is_new_customer = False
        other.action_submit()
        other.with_user(both).validate_tier()
        other.with_user(both).validate_tier()
        self.assertEqual(other.state, "active")

    def test_guarantee_state_and_lock(self):
        guarantee = (
            self.env["customer_service.credit.guarantee"]
            .with_user(self.controller)
            .create(
                {
                    "partner_id": self.customer.id,
                    "amount": 1000,
                    "date_topup": date(2026, 9, 30),
                }
            )
        )
        with self.assertRaisesText(UserError, "only through the buttons"):
            guarantee.write({"state": "approved"})
        with self.assertRaisesText(UserError, "approvers' decisions only"):
            guarantee.with_user(self.gm).action_approve()
        guarantee.invalidate_recordset()
        self.assertEqual(guarantee.state, "draft")


@tagged("post_install", "-at_install")
class TestVisitRules(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = (
            "sales_team.group_sale_salesman,"
            "customer_service.group_customer_service_user"
        )
        cls.boss = new_test_user(cls.env, "cs_rules_boss", groups=groups)
        cls.rep = new_test_user(cls.env, "cs_rules_rep", groups=groups)
        cls.account = new_test_user(cls.env, "cs_rules_account", groups=groups)
        boss = cls.env["hr.employee"].create({"name": "Boss", "user_id": cls.boss.id})
        cls.env["hr.employee"].create(
            {"name": "Rep", "user_id": cls.rep.id, "parent_id": boss.id}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Rules customer", "is_company": True, "user_id": cls.account.id}
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught, self.env.cr.savepoint():
            yield
        self.assertIn(text, str(caught.exception))

    def _visit(self):
        return self.env["customer_service.visit"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.rep.id,
                "planned_start": datetime(2026, 3, 6, 2, 0),
            }
        )

    def test_done_and_report_only_through_the_actions(self):
        visit = self._visit().with_user(self.rep)
        with self.assertRaisesText(UserError, "only through the buttons"):
            visit.write({"state": "done"})
        visit.write({"actual_start": datetime(2026, 3, 6, 2, 30), "content": "Talk"})
        visit.action_done()
        with self.assertRaisesText(UserError, "only through the buttons"):
            visit.write({"report_state": "approved"})
        visit.invalidate_recordset()
        self.assertEqual(visit.report_state, "draft")

    def test_only_the_supervisor_approves_and_the_report_is_locked(self):
        visit = self._visit().with_user(self.rep)
        visit.write({"actual_start": datetime(2026, 3, 6, 2, 30), "content": "Talk"})
        visit.action_done()
        visit.action_submit_report()
        with self.assertRaisesText(UserError, "Only the supervisor"):
            visit.with_user(self.account).action_approve_report()
        self.assertEqual(visit.report_state, "submitted")
        visit.with_user(self.boss).action_approve_report()
        self.assertEqual(visit.report_state, "approved")
        with self.assertRaisesText(UserError, "can no longer be changed"):
            visit.write({"content": "Something else"})
        visit.invalidate_recordset()
        self.assertEqual(visit.content, "Talk")

    def test_no_expense_after_the_expense_approval(self):
        visit = self._visit()
        visit.expense_ids = [(0, 0, {"name": "Taxi", "amount": 150})]
        visit.with_user(self.boss).action_approve_expenses()
        self.assertEqual(visit.expense_state, "approved")
        with self.assertRaisesText(UserError, "expenses of"):
            self.env["customer_service.visit.expense"].with_user(self.rep).create(
                {"visit_id": visit.id, "name": "Banquet", "amount": 1500}
            )
        with self.assertRaisesText(UserError, "expenses of"):
            visit.expense_ids.with_user(self.rep).write({"amount": 650})
        visit.invalidate_recordset()
        self.assertEqual(visit.expense_total, 150)


@tagged("post_install", "-at_install")
class TestComplaintRules(ComplaintCase):
    def test_accused_refused_through_the_comment_wizard_path(self):
        self.accused.groups_id |= self.env.ref(
            "customer_service.group_customer_service_manager"
        )
        complaint = self._founded(
            self._complaint(
                complained_employee_ids=[(6, 0, self.accused_employee.ids)],
                recusal_granted_user_ids=[(6, 0, self.accused.ids)],
            ),
            remedy_type="refund",
            amount=2000,
        )
        complaint.request_validation()
        # Though a manager, he is never listed among the reviewers, nor asked.
        reviews = complaint.review_ids
        self.assertTrue(reviews.reviewer_ids)
        self.assertNotIn(self.accused, reviews.reviewer_ids)
        self.assertNotIn(self.accused, complaint.activity_ids.user_id)
        with self.assertRaisesText(UserError, "it concerns you"):
            complaint.with_user(self.accused)._validate_tier()
        with self.assertRaisesText(UserError, "it concerns you"):
            complaint.with_user(self.accused)._rejected_tier()
        self.assertEqual(complaint.approval_state, "draft")
        self.assertFalse(complaint.review_ids.filtered("done_by"))
        with self.assertRaisesText(UserError, "only through the buttons"):
            complaint.with_user(self.boss).write({"approval_state": "approved"})
        complaint.invalidate_recordset()
        self.assertEqual(complaint.approval_state, "draft")

    def test_capa_verified_only_through_its_action(self):
        complaint = self._founded(self._complaint())
        action = (
            self.env["customer_service.complaint.action"]
            .with_user(self.handler)
            .create(
                {
                    "complaint_id": complaint.id,
                    "name": "Fix the seal supplier",
                    "owner_id": self.handler.id,
                    "deadline": "2026-03-05",
                    "description": "Changed supplier",
                }
            )
        )
        with self.assertRaisesText(UserError, "only through the buttons"):
            action.write({"state": "verified"})
        action.invalidate_recordset()
        self.assertEqual(action.state, "open")
        action.action_done()
        action.verification = "Three batches checked"
        action.with_user(self.boss).action_verify()
        self.assertEqual(action.state, "verified")
        with self.assertRaisesText(UserError, "can no longer be changed"):
            action.write({"description": "Nothing done"})
        action.invalidate_recordset()
        self.assertEqual(action.description, "Changed supplier")
