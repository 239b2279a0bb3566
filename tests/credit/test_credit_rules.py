"""Credit: confidentiality of the credit file (R1.5) and the credit flow rules
(R4.4, R4.5, R4.7, R4.8), each tested as the role that meets it."""

from contextlib import contextmanager
from datetime import timedelta

from common import RoleCase
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

FIGURES = (
    "cs_credit_exposure",
    "cs_credit_available",
    "cs_credit_receivable",
    "cs_credit_to_invoice",
    "cs_credit_overdue",
)


@tagged("post_install", "-at_install")
class CreditRulesCase(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.account_use_credit_limit = True
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.salesman = cls.users_by_role["salesman"]
        cls.controller = cls.users_by_role["credit_controller"]
        cls.auditor = cls.users_by_role["auditor"]
        cls.overrider = cls.users_by_role["credit_override"]
        cls.gm = cls.users_by_role["approver_gm"]
        cls.other_salesman = new_test_user(
            cls.env, "cs_rules_other_sales", groups="sales_team.group_sale_salesman"
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {"name": "苏州恒达贸易", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.other_customer = Partner.create(
            {
                "name": "无锡远洋物流",
                "is_company": True,
                "user_id": cls.other_salesman.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Credit rules product", "list_price": 100.0, "taxes_id": []}
        )
        cls.Log = cls.env["customer_service.credit.read.log"]

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught, self.env.cr.savepoint():
            yield
        self.assertIn(text, str(caught.exception))

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

    def _order(self, amount, partner=None, user=None, company=None):
        env = self.env(user=user or self.salesman)
        if company:
            env = env(context={**env.context, "allowed_company_ids": company.ids})
        return env["sale.order"].create(
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

    def _grant(self, limit, partner=None):
        (partner or self.customer).with_company(self.company).credit_limit = limit

    def _approve_application(self, limit):
        """A credit application approved by the General Manager today."""
        app = (
            self.env["customer_service.credit.application"]
            .with_user(self.controller)
            .create(
                {
                    "partner_id": self.customer.id,
                    "requested_limit": limit,
                    "requested_term_days": 15,
                    "expected_monthly_business": 10000,
                    "is_new_customer": False,
                }
            )
        )
        app.action_submit()
        app.with_user(self.gm).validate_tier()
        self.assertEqual(app.state, "active")
        return app


class TestCreditConfidentiality(CreditRulesCase):
    def test_salesperson_cannot_search_sort_or_group_credit_figures(self):
        self._grant(5000)
        self._invoice(1200, fields.Date.today() + timedelta(days=10))
        Partner = self.env["res.partner"].with_user(self.salesman)
        for fname in FIGURES:
            with self.assertRaises(AccessError):
                Partner.search([(fname, ">", 1000)])
            with self.assertRaises(AccessError):
                Partner.search([], order=f"{fname} desc")
        for fname in ("cs_credit_hold", "credit_limit"):
            with self.assertRaises(AccessError):
                Partner.search([(fname, "=", True if fname == "cs_credit_hold" else 0)])
            with self.assertRaises(AccessError):
                Partner._read_group([], [fname], ["__count"])
        # The credit controller does search on them: the check is a real one.
        Controller = self.env["res.partner"].with_user(self.controller)
        found = Controller.search([("cs_credit_exposure", ">", 1000)])
        self.assertIn(self.customer, found)
        self.assertNotIn(
            self.customer, Controller.search([("cs_credit_exposure", ">", 1300)])
        )

    def test_read_without_field_list_is_logged(self):
        # Reading every field of a partner also reads its invoices and visits.
        controller = new_test_user(
            self.env,
            "cs_rules_controller_accountant",
            groups="customer_service.group_customer_service_credit_controller,"
            "customer_service.group_customer_service_user,"
            "account.group_account_invoice,base.group_allow_export",
        )
        before = self.Log.search_count([])
        values = self.customer.with_user(controller).read()[0]
        self.assertEqual(values["cs_credit_limit"], 0.0)
        logs = self.Log.search([("id", ">", 0)], limit=1)
        self.assertEqual(self.Log.search_count([]), before + 1)
        self.assertEqual(logs.user_id, controller)
        self.assertEqual(logs.partner_id, self.customer)
        # A salesperson's read of everything returns no credit file, logs nothing.
        values = self.customer.with_user(self.salesman).read()[0]
        self.assertNotIn("cs_credit_exposure", values)
        self.assertEqual(values["cs_credit_status"], "none")
        self.assertEqual(self.Log.search_count([]), before + 1)
        # An export of a credit figure is a read as well.
        exported = self.customer.with_user(controller).export_data(
            ["name", "cs_credit_exposure"]
        )
        self.assertEqual(exported["datas"][0][1], 0.0)
        self.assertEqual(self.Log.search_count([]), before + 2)
        exporter = new_test_user(
            self.env,
            "cs_rules_sales_export",
            groups="sales_team.group_sale_salesman,base.group_allow_export",
        )
        with self.assertRaises(AccessError):
            self.customer.with_user(exporter).export_data(["cs_credit_exposure"])
        self.assertEqual(self.Log.search_count([]), before + 2)

    def test_salesperson_sees_status_of_own_customers_only(self):
        self._invoice(300, fields.Date.today() - timedelta(days=5))
        self._invoice(300, fields.Date.today() - timedelta(days=5), self.other_customer)
        Partner = self.env["res.partner"].with_user(self.salesman)
        own, other = (self.customer | self.other_customer).with_user(self.salesman)
        self.assertEqual(own.cs_credit_status, "blocked")
        self.assertFalse(other.cs_credit_status)
        blocked = Partner.search([("cs_credit_status", "=", "blocked")])
        self.assertIn(self.customer, blocked)
        self.assertNotIn(self.other_customer, blocked)
        # Sorting by status does not place the other customer among the blocked.
        ordered = Partner.search(
            [("id", "in", (self.customer | self.other_customer).ids)],
            order="cs_credit_status desc nulls last",
        )
        self.assertEqual(ordered[0], self.customer)
        # The credit controller sees every customer's status.
        controller_blocked = (
            self.env["res.partner"]
            .with_user(self.controller)
            .search([("cs_credit_status", "=", "blocked")])
        )
        self.assertIn(self.other_customer, controller_blocked)
        self.assertEqual(
            self.other_customer.with_user(self.controller).cs_credit_status, "blocked"
        )

    def test_auditor_reads_override_reasons(self):
        own_customer = self.env["res.partner"].create(
            {"name": "杭州新港机械", "is_company": True, "user_id": self.overrider.id}
        )
        order = self._order(500, partner=own_customer, user=self.overrider)
        with self.assertRaisesText(UserError, "cannot be confirmed"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        wizard = (
            self.env["customer_service.credit.override"]
            .with_user(self.overrider)
            .create(
                {"order_ids": [Command.set(order.ids)], "reason": "Paid by wire today"}
            )
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        audited = order.with_user(self.auditor)
        values = audited.read(
            ["cs_credit_override_reason", "cs_credit_override_user_id"]
        )
        self.assertEqual(values[0]["cs_credit_override_reason"], "Paid by wire today")
        self.assertEqual(values[0]["cs_credit_override_user_id"][0], self.overrider.id)
        self.assertIn(
            order,
            self.env["sale.order"]
            .with_user(self.auditor)
            .search([("cs_credit_override_reason", "!=", False)]),
        )
        with self.assertRaises(AccessError):
            audited.write({"note": "changed"})
        order.invalidate_recordset()
        self.assertFalse(order.note)


class TestCreditFlows(CreditRulesCase):
    def test_review_reaches_a_credit_controller_and_informs_the_account_manager(self):
        app = self._approve_application(5000)
        app.date_review = fields.Date.today()
        Application = self.env["customer_service.credit.application"].sudo()
        draft = Application._cron_review_credit().filtered(
            lambda a: a.partner_id == self.customer
        )
        self.assertEqual(draft.user_id, self.controller)
        self.assertEqual(draft.activity_ids.user_id, self.controller)
        # The controller opens the draft; the account manager may not, but knows.
        draft.with_user(self.controller).read(["requested_limit"])
        with self.assertRaises(AccessError):
            draft.with_user(self.salesman).read(["requested_limit"])
        self.customer.invalidate_recordset()
        informed = self.customer.activity_ids.filtered(
            lambda a: a.user_id == self.salesman
        )
        self.assertEqual(len(informed), 1)
        self.assertIn(draft.name, informed.note)

    def _pay_online(self, order, amount):
        """A done transaction of the online payment, before any payment exists."""
        provider = self.env["payment.provider"].create(
            {"name": "Test provider", "state": "test"}
        )
        method = self.env["payment.method"].create(
            {"name": "Test method", "code": "cs_test_method"}
        )
        return self.env["payment.transaction"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": method.id,
                "amount": amount,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_id.id,
                "reference": f"CS-TEST-{order.id}-{amount}",
                "sale_order_ids": [Command.set(order.ids)],
                "state": "done",
            }
        )

    def test_paid_order_of_prepayment_customer_confirms(self):
        order = self._order(800)
        with self.assertRaisesText(UserError, "pays in advance"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self._pay_online(order, 300)
        # Partly paid: the rest is still a credit sale.
        with self.assertRaisesText(UserError, "pays in advance"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        # Paid in full: the transaction confirms it, before any payment is posted.
        transaction = self._pay_online(order, 500)
        order.invalidate_recordset()
        self.assertEqual(transaction._check_amount_and_confirm_order(), order)
        self.assertEqual(order.state, "sale")

    def test_default_limit_of_the_orders_company(self):
        company2 = self.env["res.company"].create(
            {"name": "CS Credit Company 2", "account_use_credit_limit": True}
        )
        self.env["ir.default"].set(
            "res.partner", "credit_limit", 10000.0, company_id=company2.id
        )
        seller = new_test_user(
            self.env,
            "cs_rules_two_companies",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set((self.company | company2).ids)],
        )
        self.customer.user_id = seller
        order = self._order(500, user=seller, company=company2)
        self.assertEqual(order.company_id, company2)
        # Company 1 active first: the limit is still company 2's default.
        order.with_context(
            allowed_company_ids=(self.company | company2).ids
        ).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_hold_by_overdue_guarantee_says_why(self):
        confirmed = self._order(2500)
        confirmed.sudo().with_context(cs_credit_override=True).action_confirm()
        guarantee = (
            self.env["customer_service.credit.guarantee"]
            .with_user(self.controller)
            .create({"partner_id": self.customer.id, "amount": 1000})
        )
        guarantee.action_submit()
        guarantee.with_user(self.gm).validate_tier()
        with freeze_time(guarantee.date_due + timedelta(days=1)):
            self.env["customer_service.credit.guarantee"]._cron_guarantee_overdue()
            order = self._order(100)
            with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                order.action_confirm()
        self.assertEqual(guarantee.state, "overdue")
        self.assertEqual(order.state, "draft")
        message = str(caught.exception)
        self.assertIn(guarantee.name, message)
        self.assertIn("is not repaid", message)
        # The hold released by a new credit application while the guarantee
        # is still unpaid: the guarantee itself still holds the customer.
        self._approve_application(8000)
        self.customer.invalidate_recordset()
        self.assertFalse(self.customer.cs_credit_hold)
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            order.action_confirm()
        self.assertIn(guarantee.name, str(caught.exception))
        self.assertEqual(order.state, "draft")

    def test_approval_on_the_day_the_hold_delay_is_reached_still_holds(self):
        self.company.cs_credit_hold_days = 30
        self._invoice(500, fields.Date.today() - timedelta(days=30))
        # Approved before the job ran today: there was no hold to release.
        self._approve_application(8000)
        self.env["res.partner"]._cron_credit_overdue()
        self.customer.invalidate_recordset()
        self.assertTrue(self.customer.cs_credit_hold)
        self.assertEqual(
            self.customer.with_user(self.salesman).cs_credit_status, "blocked"
        )

    def test_guarantee_eligibility_counts_pending_orders(self):
        contact = self.env["res.partner"].create({"name": "李经理"})
        order = self._order(2500, partner=contact)
        order.sudo().with_context(cs_credit_override=True).action_confirm()
        # The contact joins the customer: its commercial partner is recomputed.
        contact.parent_id = self.customer
        guarantee = (
            self.env["customer_service.credit.guarantee"]
            .with_user(self.controller)
            .create({"partner_id": self.customer.id, "amount": 1000})
        )
        guarantee.action_submit()
        self.assertEqual(guarantee.state, "to_approve")

    def test_credit_control_off_changes_nothing_on_applies_regulations(self):
        self.company.account_use_credit_limit = False
        self._invoice(300, fields.Date.today() - timedelta(days=5))
        free = self._order(1000)
        free.action_confirm()
        self.assertEqual(free.state, "sale")
        self.company.account_use_credit_limit = True
        blocked = self._order(1000)
        with self.assertRaisesText(UserError, "overdue beyond their payment term"):
            blocked.action_confirm()
        self.assertEqual(blocked.state, "draft")
