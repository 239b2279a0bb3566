from odoo import fields, models, tools
from odoo.tools import SQL

from .credit_decision import receivable_lines_sql


class CustomerServiceCreditAgeing(models.Model):
    """Unpaid receivables by customer and days overdue (R4.8), for analysis."""

    _name = "customer_service.credit.ageing"
    _description = "Receivable Ageing"
    _auto = False
    _order = "days_overdue desc"
    _rec_name = "move_id"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(readonly=True)
    bucket = fields.Selection(
        [
            ("0_current", "Not Due"),
            ("1_30", "1-30 Days"),
            ("2_60", "31-60 Days"),
            ("3_90", "61-90 Days"),
            ("4_older", "Over 90 Days"),
        ],
        string="Ageing",
        readonly=True,
    )
    amount_residual = fields.Monetary(string="Unpaid", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(table)s AS (
                SELECT l.id, p.commercial_partner_id AS partner_id,
                       cp.user_id, l.company_id, c.currency_id, l.move_id,
                       l.date_maturity,
                       GREATEST(CURRENT_DATE - l.date_maturity, 0) AS days_overdue,
                       CASE WHEN l.date_maturity >= CURRENT_DATE THEN '0_current'
                            WHEN CURRENT_DATE - l.date_maturity <= 30 THEN '1_30'
                            WHEN CURRENT_DATE - l.date_maturity <= 60 THEN '2_60'
                            WHEN CURRENT_DATE - l.date_maturity <= 90 THEN '3_90'
                            ELSE '4_older' END AS bucket,
                       l.amount_residual
                  FROM account_move_line l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                  JOIN res_company c ON c.id = l.company_id
                 WHERE %(receivable_lines)s AND l.amount_residual <> 0
            )""",
                table=SQL.identifier(self._table),
                receivable_lines=receivable_lines_sql("l"),
            )
        )
