from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, create_index

from .credit_decision import line_to_invoice, line_to_invoice_sql

TO_INVOICE_COLUMN = "cs_credit_to_invoice"


class SaleOrderLine(models.Model):
    """What a confirmed line has still to invoice in company currency, stored:
    the exposure sums it rather than converting every line of the customer at
    each credit check."""

    _inherit = "sale.order.line"

    cs_credit_to_invoice = fields.Float(
        string="Not Invoiced in Company Currency",
        # Unrounded, as the exposure summed it from the lines before.
        digits=0,
        compute="_compute_cs_credit_to_invoice",
        store=True,
        help="What the confirmed line has still to invoice, taxes included, in "
        "the company's currency: the line's share of the customer's credit "
        "exposure.",
    )

    @api.depends(
        "state",
        "untaxed_amount_to_invoice",
        "price_subtotal",
        "price_total",
        "currency_id",
        "company_id.currency_id",
        "order_id.currency_rate",
    )
    def _compute_cs_credit_to_invoice(self):
        for line in self:
            line.cs_credit_to_invoice = line_to_invoice(line)

    def _auto_init(self):
        # A database with orders gets the column filled in one statement, not
        # computed line by line on install or update.
        if not column_exists(self.env.cr, self._table, TO_INVOICE_COLUMN):
            create_column(self.env.cr, self._table, TO_INVOICE_COLUMN, "numeric")
            self._cs_fill_credit_to_invoice()
        return super()._auto_init()

    def init(self):
        result = super().init()
        # The credit check reads the open lines of a customer only.
        create_index(
            self.env.cr,
            "sale_order_line_cs_credit_to_invoice_index",
            self._table,
            ["order_partner_id"],
            where=f"{TO_INVOICE_COLUMN} <> 0",
        )
        return result

    @api.model
    def _cs_fill_credit_to_invoice(self):
        """Sets ``cs_credit_to_invoice`` of the lines in SQL, as computed: the
        confirmed lines with something to invoice; the others (most lines of a
        database) are left empty, which reads as 0."""
        self.env.cr.execute(
            SQL(
                """UPDATE sale_order_line sol
                      SET cs_credit_to_invoice = %s
                     FROM sale_order so, res_company c
                    WHERE so.id = sol.order_id AND c.id = sol.company_id
                      AND sol.state = 'sale' AND sol.untaxed_amount_to_invoice > 0""",
                line_to_invoice_sql("sol", "so", SQL("c.currency_id")),
            )
        )
