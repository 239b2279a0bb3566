"""Credit in the browser: a blocked order, its override, a two-level approval."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

CS = "customer_service.group_customer_service_"


@tagged("post_install", "-at_install")
class TestCreditTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.account_use_credit_limit = True
        cls.salesman = new_test_user(
            cls.env,
            "cs_tour_sales",
            name="Tour Sales",
            groups="sales_team.group_sale_salesman",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Credit Customer",
                "is_company": True,
                "user_id": cls.salesman.id,
            }
        )
        product = cls.env["product.product"].create(
            {"name": "Tour product", "list_price": 500.0, "taxes_id": []}
        )
        cls.order = (
            cls.env["sale.order"]
            .with_user(cls.salesman)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "price_unit": 500, "tax_id": []}
                        )
                    ],
                }
            )
        )

    def test_salesperson_blocked_then_overridden(self):
        self.start_tour(
            "/odoo", "customer_service_credit_block_tour", login="cs_tour_sales"
        )
        self.assertEqual(self.order.state, "draft")
        new_test_user(
            self.env,
            "cs_tour_override",
            groups=f"sales_team.group_sale_salesman_all_leads,{CS}credit_override",
        )
        self.start_tour(
            "/odoo", "customer_service_credit_override_tour", login="cs_tour_override"
        )
        self.assertEqual(self.order.state, "sale")
        self.assertEqual(
            self.order.cs_credit_override_reason, "Payment promised for Monday"
        )

    def test_application_through_two_levels(self):
        controller = new_test_user(
            self.env, "cs_tour_controller", groups=f"{CS}credit_controller"
        )
        new_test_user(self.env, "cs_tour_gm", groups=f"{CS}approver_gm")
        new_test_user(self.env, "cs_tour_deputy", groups=f"{CS}approver_deputy_gm")
        application = (
            self.env["customer_service.credit.application"]
            .with_user(controller)
            .create(
                {
                    "partner_id": self.customer.id,
                    "requested_limit": 20000,
                    "requested_term_days": 30,
                }
            )
        )
        # Only the invoices decide the new-customer flag: the test sets it.
        application.sudo().is_new_customer = False
        application.action_submit()
        self.start_tour(
            "/odoo", "customer_service_credit_approval_tour", login="cs_tour_gm"
        )
        self.assertEqual(application.state, "to_approve")
        self.start_tour(
            "/odoo", "customer_service_credit_approval_tour", login="cs_tour_deputy"
        )
        self.assertEqual(application.state, "active")
        self.assertEqual(
            self.customer.with_company(self.env.company).sudo().credit_limit, 20000
        )
