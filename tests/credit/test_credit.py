"""Credit: applications with tiered approval, exposure, blocking and override."""

import os
from contextlib import contextmanager
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.translate import TranslationImporter

CS = "customer_service.group_customer_service_"


@tagged("post_install", "-at_install")
class CreditCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.account_use_credit_limit = True
        cls.controller = new_test_user(
            cls.env, "cs_credit_controller", groups=f"{CS}credit_controller"
        )
        cls.gm = new_test_user(cls.env, "cs_credit_gm", groups=f"{CS}approver_gm")
        cls.deputy = new_test_user(
            cls.env, "cs_credit_deputy", groups=f"{CS}approver_deputy_gm"
        )
        cls.president = new_test_user(
            cls.env, "cs_credit_president", groups=f"{CS}approver_president"
        )
        cls.ceo = new_test_user(cls.env, "cs_credit_ceo", groups=f"{CS}approver_ceo")
        cls.salesman = new_test_user(
            cls.env, "cs_credit_sales", groups="sales_team.group_sale_salesman"
        )
        cls.overrider = new_test_user(
            cls.env,
            "cs_credit_override",
            groups=f"sales_team.group_sale_salesman_all_leads,{CS}credit_override",
        )
        cls.auditor = new_test_user(cls.env, "cs_credit_auditor", groups=f"{CS}auditor")
        cls.customer = cls.env["res.partner"].create(
            {"name": "苏州恒达贸易", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Credit test product", "list_price": 100.0, "taxes_id": []}
        )
        cls.Application = cls.env["customer_service.credit.application"]
        cls.env["res.lang"]._activate_lang("zh_CN")
        importer = TranslationImporter(cls.env.cr, verbose=False)
        importer.load_file(
            os.path.join(get_module_path("customer_service"), "i18n", "zh_CN.po"),
            "zh_CN",
        )
        importer.save(overwrite=True)

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught, self.env.cr.savepoint():
            yield
        self.assertIn(text, str(caught.exception))

    def assertRefused(self, exception, action, english, chinese):
        """``action(lang)`` fails with the message in English and in Chinese."""
        for lang, text in (("en_US", english), ("zh_CN", chinese)):
            with self.assertRaisesText(exception, text):
                action(lang)

    def _application(self, user=None, lang="en_US", **values):
        # Only the invoices decide the new-customer flag: the tests set it.
        is_new = values.pop("is_new_customer", None)
        application = (
            self.Application.with_user(user or self.controller)
            .with_context(lang=lang)
            .create(
                {
                    "partner_id": self.customer.id,
                    "requested_limit": 5000,
                    "requested_term_days": 15,
                    "expected_monthly_business": 10000,
                    **values,
                }
            )
            .sudo(False)
        )
        if is_new is not None:
            application.sudo().is_new_customer = is_new
        return application

    def _invoice(self, amount, due, partner=None):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or self.customer).id,
                "invoice_date": due - timedelta(days=30),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def _order(self, amount, partner=None, user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .create(
                {
                    "partner_id": (partner or self.customer).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_id": [],
                            }
                        )
                    ],
                }
            )
        )

    def _grant(self, limit):
        """Gives the customer a limit as an approved application would."""
        self.customer.with_company(self.env.company).write({"credit_limit": limit})


class TestCreditApplication(CreditCase):
    def test_required_level_is_the_highest_of_amount_and_term(self):
        cases = {
            (5000, 10): "gm",
            (20000, 10): "deputy_gm",
            (5000, 20): "deputy_gm",
            (40000, 10): "president_or_ceo",
            (5000, 45): "president_or_ceo",
            (5000, 100): "president",
            (50000, 130): "ceo",
        }
        app = self._application(is_new_customer=False)
        for (limit, days), level in cases.items():
            app.write({"requested_limit": limit, "requested_term_days": days})
            self.assertEqual(app.required_level, level, (limit, days))
        # The table is data: raising the General Manager's bound changes the level.
        self.env.ref("customer_service.credit_rule_amount_gm").upper_bound = 25000
        app.write({"requested_limit": 20000, "requested_term_days": 10})
        self.assertEqual(app.required_level, "gm")

    def test_two_levels_approve_and_activate(self):
        app = self._application(
            requested_limit=20000, requested_term_days=30, is_new_customer=False
        )
        app.action_submit()
        self.assertEqual(app.state, "to_approve")
        self.assertEqual(len(app.review_ids), 2)
        app.with_user(self.gm).validate_tier()
        self.assertEqual(app.state, "to_approve")
        app.with_user(self.deputy).validate_tier()
        self.assertEqual(app.state, "active")
        partner = self.customer.with_company(self.env.company)
        self.assertEqual(partner.credit_limit, 20000)
        term = partner.property_payment_term_id
        self.assertEqual(term.line_ids.nb_days, 30)
        self.assertEqual(app.payment_term_id, term)
        self.assertEqual(app.date_review, fields.Date.today() + relativedelta(months=6))
        # A second approved application supersedes the first; both stay.
        second = self._application(
            requested_limit=8000, requested_term_days=30, is_new_customer=False
        )
        second.action_submit()
        second.with_user(self.gm).validate_tier()
        second.with_user(self.deputy).validate_tier()
        self.assertEqual(second.state, "active")
        self.assertEqual(app.state, "superseded")
        self.assertEqual(app.superseded_by_id, second)
        self.assertEqual(partner.credit_limit, 8000)
        self.assertEqual(partner.property_payment_term_id, term)
        self.assertEqual(self.customer.cs_credit_application_count, 2)
        with self.assertRaisesText(UserError, "Only draft credit applications"):
            app.unlink()
        with self.assertRaisesText(UserError, "Only an active credit application"):
            app.action_expire()
        second.action_expire()
        self.assertEqual(second.state, "expired")
        self.assertEqual(partner.credit_limit, 0)

    def test_top_level_by_president_or_ceo(self):
        app = self._application(
            requested_limit=40000, requested_term_days=30, is_new_customer=False
        )
        app.action_submit()
        self.assertEqual(len(app.review_ids), 3)
        app.with_user(self.gm).validate_tier()
        app.with_user(self.deputy).validate_tier()
        app.with_user(self.ceo).validate_tier()
        self.assertEqual(app.state, "active")

    def test_rejection(self):
        app = self._application()
        app.action_submit()
        app.with_user(self.gm).reject_tier()
        self.assertEqual(app.state, "rejected")
        self.assertFalse(self.customer.with_company(self.env.company).credit_limit)

    # -- bad input --------------------------------------------------------------
    def test_negative_limit_refused(self):
        before = self.Application.search_count([])
        self.assertRefused(
            ValidationError,
            lambda lang: self._application(lang=lang, requested_limit=-1),
            "the credit limit cannot be negative",
            "信用额度不能为负数",
        )
        self.assertEqual(self.Application.search_count([]), before)

    def test_term_of_150_days_refused(self):
        app = self._application(is_new_customer=False)
        self.assertRefused(
            ValidationError,
            lambda lang: app.with_context(lang=lang).write(
                {"requested_term_days": 150}
            ),
            "150 days is not allowed",
            "不允许 150 天的账期",
        )
        self.assertEqual(app.requested_term_days, 15)

    def test_currency_mismatch_refused(self):
        other = self.env.ref("base.EUR")
        if other == self.env.company.currency_id:
            other = self.env.ref("base.USD")
        before = self.Application.search_count([])
        self.assertRefused(
            ValidationError,
            lambda lang: self._application(lang=lang, currency_id=other.id),
            "credit is granted in the company's currency",
            "信用额度须以公司本位币",
        )
        self.assertEqual(self.Application.search_count([]), before)

    def test_approving_own_application_refused(self):
        self.gm.groups_id += self.env.ref(f"{CS}credit_controller")
        app = self._application(user=self.gm)
        app.with_user(self.gm).action_submit()
        self.assertRefused(
            UserError,
            lambda lang: app.with_user(self.gm).with_context(lang=lang).validate_tier(),
            "you requested it",
            "这是您本人提交的申请",
        )
        self.assertEqual(app.review_ids.mapped("status"), ["pending"])
        self.assertEqual(app.state, "to_approve")

    def test_approving_out_of_tier_order_refused(self):
        app = self._application(
            requested_limit=20000, requested_term_days=30, is_new_customer=False
        )
        app.action_submit()
        self.assertRefused(
            UserError,
            lambda lang: app.with_user(self.deputy)
            .with_context(lang=lang)
            .validate_tier(),
            "must first be approved at the level “General Manager”",
            "须先经“总经理”级别审批",
        )
        self.assertEqual(
            sorted(app.review_ids.mapped("status")), ["pending", "waiting"]
        )
        with self.assertRaisesText(UserError, "not an approver"):
            app.with_user(self.salesman).sudo(False).validate_tier()
        self.assertEqual(app.state, "to_approve")

    def test_new_customer_caps_at_submission(self):
        app = self._application(requested_term_days=61)
        self.assertTrue(app.is_new_customer)
        with self.assertRaisesText(UserError, "may not exceed 60 days"):
            app.action_submit()
        app.write({"requested_term_days": 30, "requested_limit": 40000})
        with self.assertRaisesText(UserError, "3 months of expected business"):
            app.action_submit()
        self.assertEqual(app.state, "draft")
        self.assertFalse(app.review_ids)

    # -- access -----------------------------------------------------------------
    def test_credit_file_confidential(self):
        app = self._application()
        with self.assertRaises(AccessError):
            app.with_user(self.salesman).read(["requested_limit"])
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).read(["cs_credit_exposure"])
        status = self.customer.with_user(self.salesman).read(["cs_credit_status"])
        self.assertEqual(status[0]["cs_credit_status"], "none")
        self.assertEqual(app.with_user(self.auditor).requested_limit, 5000)
        with self.assertRaises(AccessError):
            app.with_user(self.auditor).write({"justification": "edit"})


class TestCreditExposure(CreditCase):
    def test_exposure_overdue_and_status(self):
        today = fields.Date.today()
        self._grant(3000)
        self._invoice(1000, today + timedelta(days=10))
        order = self._order(500)
        order.sudo().with_context(cs_credit_override=True).action_confirm()
        partner = self.customer
        partner.invalidate_recordset()
        self.assertAlmostEqual(partner.cs_credit_receivable, 1000)
        self.assertAlmostEqual(partner.cs_credit_to_invoice, 500)
        self.assertAlmostEqual(partner.cs_credit_exposure, 1500)
        self.assertAlmostEqual(partner.cs_credit_available, 1500)
        self.assertEqual(partner.cs_credit_overdue, 0)
        self.assertEqual(partner.cs_credit_status, "ok")
        Partner = self.env["res.partner"]
        self.assertIn(partner, Partner.search([("cs_credit_exposure", ">", 1400)]))
        self.assertNotIn(partner, Partner.search([("cs_credit_exposure", ">", 1600)]))
        self.assertIn(partner, Partner.search([("cs_credit_status", "=", "ok")]))
        self._invoice(1300, today - timedelta(days=5))
        partner.invalidate_recordset()
        self.assertAlmostEqual(partner.cs_credit_overdue, 1300)
        self.assertEqual(partner.cs_credit_status, "blocked")
        blocked = Partner.search([("cs_credit_status", "=", "blocked")])
        self.assertIn(partner, blocked)
        # Sorted in SQL by exposure.
        ordered = Partner.search(
            [("id", "in", (partner | self.salesman.partner_id).ids)],
            order="cs_credit_exposure desc",
        )
        self.assertEqual(ordered[0], partner)
        # The quotation shows the figures with itself included.
        quotation = self._order(100)
        self.assertAlmostEqual(quotation.sudo().cs_credit_exposure, 2900)
        self.assertEqual(quotation.cs_credit_status, "blocked")

    def test_order_over_the_limit_blocked_then_overridden(self):
        self._grant(2000)
        self._invoice(1500, fields.Date.today() + timedelta(days=20))
        order = self._order(1000)
        self.assertRefused(
            UserError,
            lambda lang: order.with_context(lang=lang).action_confirm(),
            "over their credit limit",
            "本单将使客户超出信用额度",
        )
        self.assertEqual(order.state, "draft")
        # Only the override group's context is honoured.
        with self.assertRaisesText(UserError, "cannot be confirmed"):
            order.with_context(cs_credit_override=True).action_confirm()
        self.assertEqual(order.state, "draft")
        with self.assertRaisesText(UserError, "Only members of Credit Override"):
            order.action_cs_credit_override()
        action = order.with_user(self.overrider).action_cs_credit_override()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.overrider)
            .with_context(action["context"])
            .create({"reason": "Payment promised by Friday"})
        )
        self.assertIn("2,500.00", wizard.block_message)
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.cs_credit_override_reason, "Payment promised by Friday")
        self.assertEqual(order.cs_credit_override_user_id, self.overrider)
        self.assertIn(
            "Payment promised by Friday",
            self.customer.message_ids[:1].body,
        )

    def test_block_message_gives_limit_exposure_overdue(self):
        self._grant(2000)
        self._invoice(300, fields.Date.today() - timedelta(days=3))
        order = self._order(100)
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        message = str(caught.exception)
        self.assertIn("overdue beyond their payment term", message)
        self.assertIn("2,000.00", message)
        self.assertIn("400.00", message)
        self.assertIn("300.00", message)
        self.assertEqual(order.state, "draft")

    def test_prepayment_customer_blocked_on_credit(self):
        order = self._order(100)
        # The controller's dashboard finds it: the customer itself is not blocked.
        self.assertEqual(self.customer.cs_credit_status, "none")
        SaleOrder = self.env["sale.order"]
        self.assertIn(order, SaleOrder.search([("cs_credit_status", "=", "blocked")]))
        self.assertNotIn(order, SaleOrder.search([("cs_credit_status", "=", "ok")]))
        with self.assertRaisesText(UserError, "pays in advance"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_within_the_limit_confirms(self):
        self._grant(2000)
        order = self._order(1900)
        self.assertEqual(order.cs_credit_status, "near")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_check_without_the_setting_does_nothing(self):
        self.env.company.account_use_credit_limit = False
        order = self._order(100)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_check_query_count_independent_of_history(self):
        self._grant(10**9)
        due = fields.Date.today() + timedelta(days=30)
        self._invoice(10, due)
        order = self._order(10)
        order._cs_credit_block_messages()
        self.env.invalidate_all()
        counts = []
        for extra in (0, 30):
            for _i in range(extra):
                self._invoice(10, due)
            order._cs_credit_block_messages()
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            self.assertFalse(order._cs_credit_block_messages())
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])


class TestCreditFileAndJobs(CreditCase):
    def test_reads_of_the_credit_file_are_logged_for_auditors(self):
        Log = self.env["customer_service.credit.read.log"]
        app = self._application()
        before = Log.search_count([])
        self.customer.with_user(self.controller).read(["cs_credit_exposure"])
        app.with_user(self.gm).read(["requested_limit"])
        logs = Log.search([], limit=Log.search_count([]) - before)
        self.assertEqual(logs.mapped("user_id"), self.gm | self.controller)
        self.assertEqual(logs.partner_id, self.customer)
        self.assertEqual(set(logs.mapped("source")), {"customer", "application"})
        # The status alone is not the credit file.
        self.customer.with_user(self.salesman).read(["cs_credit_status"])
        self.assertEqual(Log.search_count([]), before + 2)
        self.assertEqual(
            len(Log.with_user(self.auditor).search([("id", "in", logs.ids)])), 2
        )
        for user in (self.controller, self.gm, self.salesman):
            with self.assertRaises(AccessError):
                Log.with_user(user).search([])
        with self.assertRaises(AccessError):
            logs.with_user(self.auditor).unlink()

    def test_overdue_job_reminds_once_and_holds(self):
        company = self.env.company
        company.cs_credit_hold_days = 30
        self.customer.with_company(company).credit_limit = 100000
        today = fields.Date.today()
        invoice = self._invoice(500, today - timedelta(days=10))
        Partner = self.env["res.partner"]
        Partner._cron_credit_overdue()
        self.customer.invalidate_recordset()
        activities = self.customer.activity_ids
        self.assertEqual(activities.user_id, self.salesman)
        self.assertFalse(self.customer.cs_credit_hold)
        Partner._cron_credit_overdue()
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.activity_ids, activities)
        # Forty days overdue: on hold, blocked, released only by an approval.
        invoice.button_draft()
        invoice.invoice_date_due = today - timedelta(days=40)
        invoice.action_post()
        Partner._cron_credit_overdue()
        self.assertTrue(self.customer.cs_credit_hold)
        self.assertEqual(self.customer.cs_credit_status, "blocked")
        self.assertIn(self.customer, Partner.search([("cs_credit_hold", "=", True)]))
        self.assertRefused(
            UserError,
            lambda lang: self.customer.with_context(lang=lang).write(
                {"cs_credit_hold": False}
            ),
            "released only by approving a credit application",
            "只有批准客户的信用申请才能解除信用冻结",
        )
        self.assertTrue(self.customer.cs_credit_hold)
        app = self._application(is_new_customer=False, requested_limit=8000)
        app.action_submit()
        app.with_user(self.gm).validate_tier()
        self.assertEqual(app.state, "active")
        self.assertFalse(self.customer.cs_credit_hold)
        # The same overdue does not hold the customer again.
        Partner._cron_credit_overdue()
        self.assertFalse(self.customer.cs_credit_hold)

    def test_review_job_opens_one_draft_per_credit_due(self):
        app = self._application(is_new_customer=False)
        app.action_submit()
        app.with_user(self.gm).validate_tier()
        Application = self.Application.sudo()
        self.assertFalse(
            Application._cron_review_credit().filtered(
                lambda a: a.partner_id == self.customer
            )
        )
        app.date_review = fields.Date.today()
        drafts = Application._cron_review_credit()
        draft = drafts.filtered(lambda a: a.partner_id == self.customer)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.requested_limit, 5000)
        # Salespeople cannot open applications: the requesting controller reviews.
        self.assertEqual(draft.user_id, self.controller)
        self.assertEqual(draft.activity_ids.user_id, self.controller)
        self.assertEqual(app.review_application_id, draft)
        self.assertFalse(
            Application._cron_review_credit().filtered(
                lambda a: a.partner_id == self.customer
            )
        )


class TestGuaranteeAndSettlement(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env.company.resource_calendar_id
        calendar.tz = "Asia/Shanghai"
        cls.Guarantee = cls.env["customer_service.credit.guarantee"]

    def _ordered(self, amount):
        """Confirmed orders worth ``amount`` for the customer."""
        order = self._order(amount)
        order.sudo().with_context(cs_credit_override=True).action_confirm()
        return order

    def _guarantee(self, amount, **values):
        return self.Guarantee.with_user(self.controller).create(
            {
                "partner_id": self.customer.id,
                "amount": amount,
                "date_topup": date(2026, 9, 30),
                **values,
            }
        )

    def test_due_five_working_days_after_the_top_up_day(self):
        # Wednesday 30 September 2026: the 5th working day after is Wednesday
        # 7 October on the plain weekly calendar (no holidays configured here).
        guarantee = self._guarantee(1000)
        calendar = self.env.company.resource_calendar_id
        expected = date(2026, 9, 30)
        for _i in range(5):
            expected = calendar.cs_next_working_day(expected)
        self.assertEqual(guarantee.date_due, expected)

    def test_approval_by_total_and_effect_on_the_credit_check(self):
        self._ordered(2500)
        small = self._guarantee(3000)
        small.action_submit()
        self.assertEqual(small.approval_level, "gm")
        self.assertEqual(small.review_ids.reviewer_ids, self.gm)
        small.with_user(self.gm).validate_tier()
        self.assertEqual(small.state, "approved")
        big = self._guarantee(3000)
        big.action_submit()
        self.assertEqual(big.approval_total, 6000)
        self.assertEqual(big.approval_level, "deputy_gm")
        with self.assertRaisesText(UserError, "not an approver"):
            big.with_user(self.gm).validate_tier()
        big.with_user(self.deputy).validate_tier()
        self.assertEqual(big.state, "approved")
        # The prepayment customer may now order up to the guarantees, less what
        # it already owes (the confirmed 2,500 counts as exposure).
        self.assertEqual(self.customer.cs_credit_limit, 6000)
        self._order(3000).action_confirm()
        with self.assertRaisesText(UserError, "over their credit limit"):
            self._order(1000).action_confirm()
        big.action_repaid()
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.cs_credit_limit, 3000)

    def test_ineligible_customer_refused(self):
        self._ordered(1500)
        guarantee = self._guarantee(1000)
        self.assertRefused(
            UserError,
            lambda lang: guarantee.with_context(lang=lang).action_submit(),
            "needs at least",
            "累计已确认订单至少",
        )
        self.assertEqual(guarantee.state, "draft")
        self.assertFalse(guarantee.review_ids)

    def test_fourth_guarantee_refused(self):
        self._ordered(2500)
        for _i in range(3):
            self._guarantee(500).action_submit()
        fourth = self._guarantee(500)
        self.assertRefused(
            UserError,
            lambda lang: fourth.with_context(lang=lang).action_submit(),
            "at most 3 are allowed",
            "每个客户最多 3 次",
        )
        self.assertEqual(fourth.state, "draft")
        self.assertFalse(fourth.review_ids)

    def test_total_over_ten_thousand_refused(self):
        self._ordered(2500)
        self._guarantee(6000).action_submit()
        second = self._guarantee(4500)
        self.assertRefused(
            UserError,
            lambda lang: second.with_context(lang=lang).action_submit(),
            "may not exceed",
            "担保总额不得超过",
        )
        self.assertEqual(second.state, "draft")
        self.assertFalse(second.approval_total)

    def test_overdue_guarantee_holds_the_customer(self):
        self._ordered(2500)
        guarantee = self._guarantee(1000)
        guarantee.action_submit()
        guarantee.with_user(self.gm).validate_tier()
        with freeze_time(guarantee.date_due + timedelta(days=1)):
            self.Guarantee._cron_guarantee_overdue()
            self.assertFalse(self.Guarantee._cron_guarantee_overdue())
        self.assertEqual(guarantee.state, "overdue")
        self.assertTrue(self.customer.cs_credit_hold)
        self.assertEqual(guarantee.activity_ids.user_id, self.salesman)

    def test_monthly_settlement_due_on_the_tenth_working_day(self):
        self.customer.with_company(self.env.company).cs_monthly_settlement = True
        invoice = self._invoice(100, date(2026, 10, 20))
        calendar = self.env.company.resource_calendar_id
        expected = date(2026, 9, 30)
        for _i in range(10):
            expected = calendar.cs_next_working_day(expected)
        self.assertEqual(invoice.invoice_date_due, expected)
        self.assertEqual(
            invoice.line_ids.filtered("date_maturity").mapped("date_maturity"),
            [expected],
        )

    def test_guarantee_in_another_currency_refused(self):
        other = self.env.ref("base.EUR")
        if other == self.env.company.currency_id:
            other = self.env.ref("base.USD")
        before = self.Guarantee.search_count([])
        self.assertRefused(
            ValidationError,
            lambda lang: self.Guarantee.with_context(lang=lang).create(
                {
                    "partner_id": self.customer.id,
                    "amount": 1000,
                    "currency_id": other.id,
                }
            ),
            "granted in the company's currency",
            "担保须以公司本位币",
        )
        self.assertEqual(self.Guarantee.search_count([]), before)

    def test_ageing_analysis_for_credit_roles_only(self):
        today = fields.Date.today()
        self._invoice(700, today - timedelta(days=45))
        self._invoice(300, today + timedelta(days=5))
        # A report on an SQL view: the invoices must be written first.
        self.env.flush_all()
        Ageing = self.env["customer_service.credit.ageing"]
        rows = Ageing.with_user(self.controller).search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(
            sorted(rows.mapped(lambda r: (r.bucket, r.amount_residual))),
            [("0_current", 300.0), ("2_60", 700.0)],
        )
        self.assertEqual(rows.user_id, self.salesman)
        with self.assertRaises(AccessError):
            Ageing.with_user(self.salesman).search([])
