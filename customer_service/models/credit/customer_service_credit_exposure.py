from odoo import fields, models
from odoo.tools import SQL

TOP_CUSTOMERS = 20


class CustomerServiceCreditExposure(models.Model):
    """Exposure beside the credit limit of the customers owing most in the
    user's company, for the overview's graph: two rows per customer (its limit,
    its exposure), computed by the same SQL as the customer's credit figures."""

    _name = "customer_service.credit.exposure"
    _description = "Credit Exposure and Limit"
    _auto = False
    _order = "amount desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    figure = fields.Selection(
        [("1_limit", "Credit Limit"), ("2_exposure", "Credit Exposure")],
        readonly=True,
    )
    amount = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        Partner = self.env["res.partner"]
        # The documents the figures sum, written before they are read.
        Partner._cs_flush_credit_models()
        company = self.env.company
        limit = Partner._cs_credit_sql("p", "credit", "cs_credit_limit", company)
        exposure = Partner._cs_credit_sql("p", "credit", "cs_credit_exposure", company)
        return SQL(
            """
            SELECT top.partner_id * 2 + f.n AS id, top.partner_id,
                   %(company)s AS company_id, %(currency)s AS currency_id,
                   CASE f.n WHEN 0 THEN '1_limit' ELSE '2_exposure' END AS figure,
                   CASE f.n WHEN 0 THEN top.credit_limit ELSE top.exposure END
                       AS amount
              FROM (SELECT p.id AS partner_id, %(limit)s AS credit_limit,
                           %(exposure)s AS exposure
                      FROM res_partner p %(join)s
                     WHERE p.id = p.commercial_partner_id AND p.active
                       AND credit.pid IS NOT NULL
                     ORDER BY %(exposure)s DESC, p.id
                     LIMIT %(top)s) top
             CROSS JOIN (VALUES (0), (1)) f(n)
            """,
            company=company.id,
            currency=company.currency_id.id,
            limit=limit,
            exposure=exposure,
            join=Partner._cs_credit_join_sql("p", company),
            top=TOP_CUSTOMERS,
        )
