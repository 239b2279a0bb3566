"""Customer visits: plan, record, report review, expenses, planning job, access."""

from contextlib import contextmanager
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVisit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman = ",".join(
            [
                "sales_team.group_sale_salesman",
                "customer_service.group_customer_service_user",
            ]
        )
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.boss = new_test_user(cls.env, "cs_visit_boss", groups=salesman)
        cls.rep = new_test_user(cls.env, "cs_visit_rep", groups=salesman)
        cls.other = new_test_user(cls.env, "cs_visit_other", groups=salesman)
        cls.auditor = new_test_user(
            cls.env,
            "cs_visit_auditor",
            groups="customer_service.group_customer_service_auditor",
        )
        boss_employee = cls.env["hr.employee"].create(
            {"name": "Boss", "user_id": cls.boss.id}
        )
        cls.env["hr.employee"].create(
            {"name": "Rep", "user_id": cls.rep.id, "parent_id": boss_employee.id}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "杭州明远科技", "is_company": True, "user_id": cls.rep.id}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Customer", "is_company": True, "user_id": cls.other.id}
        )
        cls.Visit = cls.env["customer_service.visit"]

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _visit(self, **values):
        return self.Visit.create(
            {
                "partner_id": self.customer.id,
                "user_id": self.rep.id,
                "planned_start": datetime(2026, 3, 6, 2, 0),
                **values,
            }
        )

    def _record(self, visit, when=datetime(2026, 3, 6, 2, 30)):
        visit.write({"actual_start": when, "content": "Discussed the new order"})
        visit.action_done()

    # -- plan -----------------------------------------------------------------
    def test_plan_numbers_and_puts_the_visit_in_the_calendar(self):
        visit = self._visit(duration=1.5)
        self.assertRegex(visit.name, r"^BF\d{4}-\d{5}$")
        event = visit.calendar_event_id
        self.assertEqual(event.start, datetime(2026, 3, 6, 2, 0))
        self.assertEqual(event.stop, datetime(2026, 3, 6, 3, 30))
        self.assertEqual(event.partner_ids, self.rep.partner_id)
        visit.planned_start = datetime(2026, 3, 9, 1, 0)
        self.assertEqual(event.start, datetime(2026, 3, 9, 1, 0))
        visit.action_cancel()
        self.assertFalse(event.active)

    def test_bad_plans_are_refused(self):
        with self.assertRaisesText(ValidationError, "must end after it starts"):
            self._visit(duration=0)
        self.customer.active = False
        with self.assertRaisesText(ValidationError, "is archived"):
            self._visit()
        self.assertFalse(self.Visit.search([("partner_id", "=", self.customer.id)]))

    # -- record and report ----------------------------------------------------
    def test_record_needs_content_and_not_on_cancelled_visits(self):
        visit = self._visit()
        with self.assertRaisesText(UserError, "Record when the visit took place"):
            visit.action_done()
        visit.action_cancel()
        with self.assertRaisesText(UserError, "cancelled visit cannot be recorded"):
            visit.write({"content": "late notes"})
        self.assertFalse(visit.content)

    def test_report_due_the_next_working_day(self):
        # Friday 6 March 2026, 10:30 in Shanghai: due Monday 9 March.
        visit = self._visit()
        self._record(visit)
        self.assertEqual(visit.report_deadline, date(2026, 3, 9))
        with freeze_time("2026-03-10 03:00:00"):
            self.assertTrue(visit.report_late)
            self.assertIn(visit, self.Visit.search([("report_late", "=", True)]))
            reminded = self.Visit._cron_remind_late_reports()
            self.assertIn(visit, reminded)
            self.assertNotIn(visit, self.Visit._cron_remind_late_reports())
        self.assertEqual(visit.activity_ids.user_id, self.rep)

    def test_supervisor_reviews_the_report(self):
        visit = self._visit()
        self._record(visit)
        visit.with_user(self.rep).action_submit_report()
        self.assertEqual(visit.reviewer_id, self.boss)
        self.assertEqual(visit.activity_ids.user_id, self.boss)
        with self.assertRaisesText(UserError, "your own visit"):
            visit.with_user(self.rep).action_approve_report()
        with self.assertRaisesText(UserError, "why the report"):
            visit.with_user(self.boss).action_return_report()
        self.assertEqual(visit.report_state, "submitted")
        visit.with_user(self.boss).write({"review_comment": "Add the customer's needs"})
        visit.with_user(self.boss).action_return_report()
        self.assertEqual(visit.report_state, "returned")
        visit.with_user(self.rep).action_submit_report()
        visit.with_user(self.boss).action_approve_report()
        self.assertEqual(visit.report_state, "approved")
        self.assertFalse(visit.activity_ids)

    def test_recorded_visits_are_cancelled_not_deleted(self):
        planned = self._visit()
        recorded = self._visit()
        self._record(recorded)
        with self.assertRaisesText(UserError, "cannot be deleted"):
            recorded.unlink()
        with self.assertRaisesText(UserError, "cannot be cancelled"):
            recorded.action_cancel()
        planned.unlink()
        self.assertTrue(recorded.exists())

    # -- expenses -------------------------------------------------------------
    def test_expenses_above_the_limit_are_borne_by_the_employee(self):
        self.env.company.cs_visit_expense_limit = 500
        visit = self._visit()
        visit.expense_ids = [
            (0, 0, {"name": "Taxi", "amount": 300}),
            (0, 0, {"name": "Dinner", "amount": 400}),
        ]
        self.assertEqual(visit.expense_total, 700)
        self.assertEqual(visit.expense_excess, 200)

    def test_expenses_within_the_limit_are_approved_at_once(self):
        visit = self._visit()
        visit.expense_ids = [(0, 0, {"name": "Taxi", "amount": 80})]
        visit.action_approve_expenses()
        self.assertEqual(visit.expense_state, "approved")
        self.assertFalse(visit.review_ids)

    def test_expenses_above_the_limit_need_the_managers_approval(self):
        self.env.company.cs_visit_expense_limit = 500
        manager = new_test_user(
            self.env,
            "cs_visit_manager",
            groups="customer_service.group_customer_service_manager",
        )
        visit = self._visit()
        visit.expense_ids = [(0, 0, {"name": "Banquet", "amount": 800})]
        self.assertEqual(visit.expense_borne_by_employee, 300)
        with self.assertRaisesText(UserError, "their approvers decide"):
            visit.with_user(self.rep).action_approve_expenses()
        self.assertEqual(visit.expense_state, "draft")
        visit.with_user(self.rep).request_validation()
        self.assertIn(manager, visit.review_ids.reviewer_ids)
        self.assertNotIn(self.rep, visit.review_ids.reviewer_ids)
        with self.assertRaisesText(UserError, "you requested it"):
            visit.with_user(self.rep).validate_tier()
        self.assertEqual(visit.expense_state, "draft")
        visit.with_user(manager).validate_tier()
        self.assertEqual(visit.expense_state, "approved")
        self.assertEqual(visit.expense_borne_by_employee, 0)

    def test_bad_expenses_are_refused(self):
        visit = self._visit()
        with self.assertRaisesText(ValidationError, "must be positive"):
            visit.expense_ids = [(0, 0, {"name": "Refund", "amount": -10})]
        currency = self.env["res.currency"].create(
            {"name": "XCS", "symbol": "X", "rate_ids": []}
        )
        with self.assertRaisesText(ValidationError, "No exchange rate"):
            visit.expense_ids = [
                (0, 0, {"name": "Hotel", "amount": 10, "currency_id": currency.id})
            ]
        self.assertFalse(visit.expense_ids)

    # -- planning job ---------------------------------------------------------
    @freeze_time("2026-03-07 01:00:00")
    def test_planning_job_plans_due_customers_once(self):
        grade = self.env.ref("customer_service.grade_general")
        grade.visit_interval_days = 30
        archived = self.env["res.partner"].create(
            {"name": "Archived", "user_id": self.rep.id, "active": False}
        )
        no_manager = self.env["res.partner"].create({"name": "No manager"})
        recent = self.env["res.partner"].create(
            {"name": "Recent", "user_id": self.rep.id}
        )
        ours = self.customer | archived | no_manager | recent
        ours.cs_grade_id = grade
        self._record(
            self._visit(partner_id=recent.id, planned_start=datetime(2026, 3, 1, 2)),
            when=datetime(2026, 3, 1, 2),
        )
        # Other graded customers of the database may be due too: look at ours.
        planned = self.Visit._cron_plan_routine_visits().filtered(
            lambda v: v.partner_id in ours
        )
        self.assertEqual(planned.partner_id, self.customer)
        # Saturday 7 March, two working days ahead: Tuesday 10 March, 10:00 Shanghai.
        self.assertEqual(planned.planned_start, datetime(2026, 3, 10, 2, 0))
        self.assertEqual(planned.user_id, self.rep)
        self.assertEqual(planned.visit_type, "routine")
        self.assertFalse(self.Visit._cron_plan_routine_visits())
        self.assertEqual(self.Visit.search_count([("partner_id", "in", ours.ids)]), 2)

    # -- access ---------------------------------------------------------------
    def test_salespeople_see_their_customers_supervisors_their_team(self):
        mine = self._visit()
        theirs = self._visit(partner_id=self.other_customer.id, user_id=self.other.id)
        self.assertEqual(self.Visit.with_user(self.rep).search([]), mine)
        self.assertEqual(self.Visit.with_user(self.boss).search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep).read(["name"])
        ours = [("partner_id", "in", (self.customer | self.other_customer).ids)]
        self.assertEqual(self.Visit.with_user(self.auditor).search(ours), mine | theirs)
        with self.assertRaises(AccessError):
            mine.with_user(self.auditor).write({"purpose": "edit"})

    def test_partner_counts_visits(self):
        self._visit()
        self._record(self._visit())
        self.assertEqual(self.customer.cs_visit_count, 2)
        self.assertTrue(self.customer.cs_last_visit)
        self.assertEqual(self.customer.cs_next_visit, datetime(2026, 3, 6, 2, 0))

    def test_policy_numbers_are_set_in_settings(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.cs_visit_expense_limit = 800
            settings.cs_credit_hold_days = 45
        settings.record.execute()
        self.assertEqual(self.env.company.cs_visit_expense_limit, 800)
        self.assertEqual(self.env.company.cs_credit_hold_days, 45)

    # -- reminders and reviews as activities ---------------------------------
    def test_late_report_reminder_in_the_employee_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.rep.lang = "zh_CN"
        visit = self._visit()
        self._record(visit)
        with freeze_time("2026-03-10 03:00:00"):
            # The cron runs in English; the employee reads Chinese.
            self.Visit.with_context(lang="en_US")._cron_remind_late_reports()
        activity = visit.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("customer_service.mail_activity_type_report_reminder"),
        )
        self.assertEqual(activity.user_id, self.rep)
        self.assertEqual(activity.summary, "拜访报告已逾期")

    def test_review_request_in_the_supervisor_language_closed_on_review(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.boss.lang = "en_US"
        visit = self._visit()
        self._record(visit)
        visit.with_user(self.rep).with_context(lang="zh_CN").action_submit_report()
        review = visit.activity_ids.filtered(lambda a: a.user_id == self.boss)
        self.assertEqual(review.summary, "Review the visit report")
        visit.with_user(self.boss).action_approve_report()
        self.assertFalse(visit.activity_ids)
