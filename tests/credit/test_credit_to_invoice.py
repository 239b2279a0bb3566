"""Credit: what a confirmed order line has still to invoice, stored in company
currency on the line (``cs_credit_to_invoice``), the customer's ordered-not-
invoiced amount being the sum of it. The stored amount must be what the lines
give at every step: confirmation, a changed quantity, invoicing, cancelling,
an order in another currency and a new rate, and a database whose lines are
filled in SQL. Orders are confirmed and changed as salesman and sales manager;
the credit controller reads the figures."""

from datetime import date

from common import RoleCase

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.customer_service.models.credit.credit_decision import (
    line_to_invoice_sql,
)


@tagged("post_install", "-at_install")
class TestCreditToInvoice(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.account_use_credit_limit = True
        cls.salesman = cls.users_by_role["salesman"]
        cls.manager = cls.users_by_role["sale_manager"]
        cls.controller = cls.users_by_role["credit_controller"]
        cls.customer = cls.env["res.partner"].create(
            {"name": "常州华信机电", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.customer.with_company(cls.company).credit_limit = 10**6
        cls.tax = cls.env["account.tax"].create(
            {"name": "CS 10%", "amount": 10.0, "type_tax_use": "sale"}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "To invoice product",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )
        company_currency = cls.company.currency_id
        cls.foreign = (
            cls.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", company_currency.id)], limit=1)
        )
        cls.foreign.active = True
        # The rates of the test alone: 2, then 4, units per company unit.
        (cls.foreign | company_currency).rate_ids.unlink()
        cls.env["res.currency.rate"].create(
            {"currency_id": cls.foreign.id, "name": date(2020, 1, 1), "rate": 2.0}
        )
        cls.foreign_pricelist = cls.env["product.pricelist"].create(
            {"name": "CS foreign", "currency_id": cls.foreign.id}
        )

    def _order(self, qty=2, price=100.0, user=None, pricelist=None):
        values = {
            "partner_id": self.customer.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product.id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                        "tax_id": [Command.set(self.tax.ids)],
                    }
                )
            ],
        }
        if pricelist:
            values["pricelist_id"] = pricelist.id
        return self.env["sale.order"].with_user(user or self.salesman).create(values)

    def _to_invoice(self):
        """The customer's ordered-not-invoiced amount, read by the controller."""
        self.env.invalidate_all()
        return self.customer.with_user(self.controller).cs_credit_to_invoice

    def assertStoredAsComputed(self):
        """Every line of the customer stores what its figures give now, as the
        exposure computed it from them before it was stored."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """SELECT sol.id, COALESCE(sol.cs_credit_to_invoice, 0), %s
                     FROM sale_order_line sol
                     JOIN sale_order so ON so.id = sol.order_id
                     JOIN res_company c ON c.id = sol.company_id
                    WHERE sol.order_partner_id = %s""",
                line_to_invoice_sql("sol", "so", SQL("c.currency_id")),
                self.customer.id,
            )
        )
        self.assertTrue(rows)
        for line_id, stored, computed in rows:
            self.assertAlmostEqual(float(stored), float(computed), 6, line_id)

    def test_stored_amount_follows_the_order_and_its_invoices(self):
        quotation = self._order()
        line = quotation.order_line
        # A quotation is not exposure yet.
        self.assertEqual(line.cs_credit_to_invoice, 0.0)
        self.assertEqual(self._to_invoice(), 0.0)
        quotation.action_confirm()
        self.assertEqual(line.cs_credit_to_invoice, 220.0)
        self.assertEqual(self._to_invoice(), 220.0)
        self.assertStoredAsComputed()
        # More sold on the confirmed order, by the sales manager.
        line.with_user(self.manager).product_uom_qty = 3
        self.assertEqual(self._to_invoice(), 330.0)
        self.assertStoredAsComputed()
        # A draft invoice does not invoice the line yet, and the amount it
        # drafts is not counted a second time beside the line's.
        invoice = quotation.with_user(self.manager)._create_invoices()
        self.assertEqual(line.cs_credit_to_invoice, 330.0)
        self.assertEqual(self._to_invoice(), 330.0)
        self.assertStoredAsComputed()
        # Posted: the receivable, and nothing left to invoice.
        invoice.action_post()
        self.assertEqual(line.cs_credit_to_invoice, 0.0)
        self.assertEqual(self._to_invoice(), 0.0)
        self.env.invalidate_all()
        customer = self.customer.with_user(self.controller)
        self.assertEqual(customer.cs_credit_receivable, 330.0)
        self.assertEqual(customer.cs_credit_exposure, 330.0)
        # A credit note of the invoice: the line is to invoice again.
        reversal = invoice._reverse_moves()
        reversal.action_post()
        self.assertEqual(line.cs_credit_to_invoice, 330.0)
        self.assertStoredAsComputed()
        # A cancelled order is no exposure.
        other = self._order(qty=1, user=self.manager)
        other.action_confirm()
        self.assertEqual(self._to_invoice(), 330.0 + 110.0)
        other.with_user(self.manager)._action_cancel()
        self.assertEqual(other.order_line.cs_credit_to_invoice, 0.0)
        self.assertEqual(self._to_invoice(), 330.0)
        self.assertStoredAsComputed()

    def _draft_invoice_line(self, price):
        return Command.create(
            {
                "name": "Installation",
                "quantity": 1,
                "price_unit": price,
                "tax_ids": [Command.set(self.tax.ids)],
            }
        )

    def test_draft_invoices_count_what_no_order_counts(self):
        """Exposure counts a draft invoice for what it invoices besides the
        orders: an invoice typed in counts whole, an invoice of an order only
        for its lines of its own, and a posted invoice as receivable."""
        accountant = self.users_by_role["accountant"]
        typed = (
            self.env["account.move"]
            .with_user(accountant)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_line_ids": [self._draft_invoice_line(50.0)],
                }
            )
        )
        self.assertEqual(self._to_invoice(), 55.0)
        order = self._order(qty=2, user=self.manager)
        order.action_confirm()
        self.assertEqual(self._to_invoice(), 55.0 + 220.0)
        # The order's invoice, with a line of its own added by the accountant.
        invoice = order.with_user(self.manager)._create_invoices()
        invoice.with_user(accountant).invoice_line_ids = [
            self._draft_invoice_line(100.0)
        ]
        self.assertEqual(invoice.amount_total, 330.0)
        self.assertAlmostEqual(self._to_invoice(), 55.0 + 220.0 + 110.0)
        invoice.with_user(accountant).action_post()
        self.assertAlmostEqual(self._to_invoice(), 55.0)
        self.env.invalidate_all()
        customer = self.customer.with_user(self.controller)
        self.assertAlmostEqual(customer.cs_credit_receivable, 330.0)
        self.assertAlmostEqual(customer.cs_credit_exposure, 330.0 + 55.0)
        # A typed invoice cancelled is nothing any more.
        typed.with_user(accountant).button_cancel()
        self.assertAlmostEqual(self._to_invoice(), 0.0)

    def test_order_in_another_currency_at_its_own_rate(self):
        order = self._order(
            qty=1, price=200.0, user=self.manager, pricelist=self.foreign_pricelist
        )
        self.assertEqual(order.currency_id, self.foreign)
        order.action_confirm()
        self.assertEqual(order.currency_rate, 2.0)
        # 220 in the order's currency, at 2 per unit of the company's.
        self.assertAlmostEqual(order.order_line.cs_credit_to_invoice, 110.0)
        self.assertAlmostEqual(self._to_invoice(), 110.0)
        # A new rate leaves the confirmed order at its own rate...
        self.env["res.currency.rate"].create(
            {"currency_id": self.foreign.id, "name": date.today(), "rate": 4.0}
        )
        self.assertAlmostEqual(self._to_invoice(), 110.0)
        self.assertStoredAsComputed()
        # ...and orders confirmed from then on take the new one.
        later = self._order(qty=1, price=200.0, pricelist=self.foreign_pricelist)
        later.action_confirm()
        self.assertEqual(later.currency_rate, 4.0)
        self.assertAlmostEqual(later.order_line.cs_credit_to_invoice, 55.0)
        self.assertAlmostEqual(self._to_invoice(), 165.0)
        self.assertStoredAsComputed()
        # The figures the salesperson's check uses are the same.
        quotation = self._order(qty=1, price=10.0)
        figures = self.customer._cs_credit_figures()
        self.assertAlmostEqual(figures[self.customer.id]["to_invoice"], 165.0)
        self.assertFalse(quotation.with_user(self.salesman)._cs_credit_block_messages())

    def test_lines_of_an_existing_database_are_filled_in_sql(self):
        orders = self._order(qty=3) | self._order(
            qty=1, price=200.0, pricelist=self.foreign_pricelist
        )
        orders.action_confirm()
        self._order(qty=5)  # a quotation: nothing to fill
        expected = self._to_invoice()
        self.assertAlmostEqual(expected, 330.0 + 110.0)
        # As a database installed before the field has it: no value at all.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order_line SET cs_credit_to_invoice = NULL "
            "WHERE order_partner_id = %s",
            [self.customer.id],
        )
        self.env.invalidate_all()
        self.assertEqual(self._to_invoice(), 0.0)
        self.env["sale.order.line"]._cs_fill_credit_to_invoice()
        self.assertAlmostEqual(self._to_invoice(), expected)
        self.assertStoredAsComputed()
        lines = orders.order_line
        self.assertAlmostEqual(sum(lines.mapped("cs_credit_to_invoice")), expected)
