from datetime import timedelta
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .credit_decision import (
    credit_decision,
    decision_sql,
    near_ratio,
    receivable_lines_sql,
)
from .customer_service_credit_application import CREDIT_GROUPS

_lt = LazyTranslate(__name__)
OVERDUE_SUMMARY = _lt("Overdue receivables: follow up the payment")

OVERRIDE_GROUP = "customer_service.group_customer_service_credit_override"

CREDIT_STATUS = [
    ("none", "Prepayment"),
    ("ok", "OK"),
    ("near", "Near Limit"),
    ("blocked", "Blocked"),
]
NUMERIC_OPERATORS = {"=", "!=", "<", "<=", ">", ">="}
# Reminders and holds set per company and run of the overdue job.
OVERDUE_BATCH = 1000
# Reading any of these is reading the credit file (R1.5) and is logged.
CREDIT_FILE_FIELDS = {
    "cs_credit_application_ids",
    "cs_credit_limit",
    "cs_credit_receivable",
    "cs_credit_to_invoice",
    "cs_credit_exposure",
    "cs_credit_overdue",
    "cs_credit_available",
    "cs_credit_hold",
}
# Stored fields of the credit file: searching, sorting or grouping on them is
# reading them.
CREDIT_STORED_FIELDS = {
    "credit_limit",
    "cs_credit_hold",
    "cs_credit_reminded",
    "cs_credit_hold_released",
    "cs_monthly_settlement",
}
# The documents the credit figures sum, by branch, and the tables each branch
# reads: a branch is summed again in a transaction that wrote one of them.
CREDIT_BRANCHES = {
    "receivable": ("account_move_line", "account_account", "res_partner"),
    "to_invoice": (
        "sale_order_line",
        "sale_order",
        "account_move",
        "account_move_line",
        "sale_order_line_invoice_rel",
        "res_partner",
    ),
    "guarantee": ("customer_service_credit_guarantee",),
}
CREDIT_TABLES = tuple(dict.fromkeys(t for ts in CREDIT_BRANCHES.values() for t in ts))
CREDIT_MEMO = "customer_service.credit_sums"
# Figures computed in SQL for the current company, per commercial partner.
CREDIT_FIGURES = (
    "cs_credit_receivable",
    "cs_credit_to_invoice",
    "cs_credit_exposure",
    "cs_credit_overdue",
    "cs_credit_available",
)


class ResPartner(models.Model):
    """Credit file of a customer (R4.1, R4.4, R1.5), on top of core's credit fields.

    Exposure, overdue and status are expressions in SQL over the receivables and
    the confirmed orders of the current company: the form computes them in one
    query for all partners shown, the list searches and sorts on them without
    computing any partner in Python.
    """

    _inherit = "res.partner"

    cs_credit_application_ids = fields.One2many(
        "customer_service.credit.application",
        "partner_id",
        string="Credit Applications",
        groups=CREDIT_GROUPS,
    )
    cs_credit_application_count = fields.Integer(
        compute="_compute_cs_credit_application_count",
        string="Credit Applications Count",
        groups=CREDIT_GROUPS,
    )
    cs_credit_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_cs_credit_currency_id",
        string="Credit Currency",
    )
    cs_credit_limit = fields.Monetary(
        string="Credit Limit with Guarantees",
        help="The approved credit limit plus approved, unpaid guarantee credit.",
        compute="_compute_cs_credit",
        currency_field="cs_credit_currency_id",
        groups=CREDIT_GROUPS,
    )
    cs_credit_receivable = fields.Monetary(
        string="Unpaid Receivables",
        compute="_compute_cs_credit",
        search="_search_cs_credit_receivable",
        currency_field="cs_credit_currency_id",
        groups=CREDIT_GROUPS,
    )
    cs_credit_to_invoice = fields.Monetary(
        string="Ordered, Not Invoiced",
        compute="_compute_cs_credit",
        search="_search_cs_credit_to_invoice",
        currency_field="cs_credit_currency_id",
        groups=CREDIT_GROUPS,
    )
    cs_credit_exposure = fields.Monetary(
        string="Credit Exposure",
        compute="_compute_cs_credit",
        search="_search_cs_credit_exposure",
        currency_field="cs_credit_currency_id",
        groups=CREDIT_GROUPS,
    )
    cs_credit_overdue = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_cs_credit",
        search="_search_cs_credit_overdue",
        currency_field="cs_credit_currency_id",
        groups=CREDIT_GROUPS,
    )
    cs_credit_available = fields.Monetary(
        string="Available Credit",
        compute="_compute_cs_credit",
        search="_search_cs_credit_available",
        currency_field="cs_credit_currency_id",
        groups=CREDIT_GROUPS,
    )
    cs_credit_hold = fields.Boolean(
        string="Credit Hold",
        company_dependent=True,
        copy=False,
        groups=CREDIT_GROUPS,
        help="Orders of a customer on credit hold are blocked until a credit "
        "application is approved.",
    )
    cs_credit_reminded = fields.Boolean(
        string="Overdue Reminder Sent",
        company_dependent=True,
        copy=False,
        groups=CREDIT_GROUPS,
    )
    cs_credit_hold_released = fields.Date(
        string="Credit Hold Released On",
        company_dependent=True,
        copy=False,
        groups=CREDIT_GROUPS,
        help="Overdue invoices that had already reached the hold delay on this date "
        "do not put the customer on hold again.",
    )
    cs_monthly_settlement = fields.Boolean(
        string="Monthly Settlement",
        company_dependent=True,
        groups=CREDIT_GROUPS,
        help="Invoices are settled monthly: each is due on the configured working "
        "day of the following month (R4.6).",
    )
    cs_credit_status = fields.Selection(
        CREDIT_STATUS,
        string="Credit Status",
        compute="_compute_cs_credit_status",
        search="_search_cs_credit_status",
        help="What salespeople see of the credit file, for their own customers: "
        "prepayment, OK, near the limit or blocked.",
    )

    # ------------------------------------------------------------------
    # SQL expressions, correlated on a partner table alias
    # ------------------------------------------------------------------
    def _cs_credit_company(self):
        return self.env.company

    def _cs_overdue_date(self, company):
        return fields.Date.context_today(self) - timedelta(
            days=company.cs_credit_overdue_grace_days
        )

    def _cs_credit_sums_sql(
        self, company, partner_ids=None, branches=None, member_ids=None
    ):
        """Per commercial partner of ``company``, the sums of the documents of
        ``branches`` (of ``CREDIT_BRANCHES``, all by default) as columns
        ``pid, receivable, overdue, to_invoice, guarantee``, restricted to
        ``partner_ids`` when given; the columns of the other branches are 0.
        ``member_ids``, when given, are the ids of every partner whose
        commercial partner is one of ``partner_ids``, read just before.

        The documents are summed per partner first and the few sums then per
        commercial partner, so that no document is joined to its partner."""
        if branches is None:
            branches = CREDIT_BRANCHES

        def only(column):
            if partner_ids is None:
                return SQL()
            if member_ids is not None:
                return SQL("AND %s = ANY(%s)", SQL.identifier(*column), member_ids)
            return SQL(
                """AND %s IN (SELECT id FROM res_partner
                               WHERE commercial_partner_id = ANY(%s))""",
                SQL.identifier(*column),
                partner_ids,
            )

        documents = []
        if "receivable" in branches:
            documents.append(
                SQL(
                    """SELECT l.partner_id, SUM(l.amount_residual) AS receivable,
                              SUM(CASE WHEN l.date_maturity < %(overdue_before)s
                                            AND l.amount_residual > 0
                                       THEN l.amount_residual ELSE 0 END)
                                  AS overdue,
                              0 AS to_invoice
                         FROM account_move_line l
                        WHERE l.company_id = %(company)s AND %(receivable_lines)s
                              %(only)s
                     GROUP BY l.partner_id""",
                    overdue_before=self._cs_overdue_date(company),
                    company=company.id,
                    receivable_lines=receivable_lines_sql("l"),
                    only=only(("l", "partner_id")),
                )
            )
        if "to_invoice" in branches:
            # The lines keep what they have to invoice in company currency.
            documents.append(
                SQL(
                    """SELECT sol.order_partner_id AS partner_id, 0 AS receivable,
                              0 AS overdue,
                              SUM(sol.cs_credit_to_invoice) AS to_invoice
                         FROM sale_order_line sol
                        WHERE sol.company_id = %(company)s
                          AND sol.cs_credit_to_invoice <> 0 %(only)s
                     GROUP BY sol.order_partner_id""",
                    company=company.id,
                    only=only(("sol", "order_partner_id")),
                )
            )
            # Draft invoices count for their share not invoicing an order
            # line: what they invoice of an order is still the order's to
            # invoice until they are posted, and counts once.
            documents.append(
                SQL(
                    """SELECT m.partner_id, 0 AS receivable, 0 AS overdue,
                              SUM(m.amount_total_signed * COALESCE(own.share, 1))
                                  AS to_invoice
                         FROM account_move m
                    LEFT JOIN LATERAL (
                              SELECT COALESCE(SUM(l.balance) FILTER (
                                         WHERE NOT EXISTS (
                                               SELECT 1
                                                 FROM sale_order_line_invoice_rel r
                                                WHERE r.invoice_line_id = l.id)),
                                         0) / NULLIF(SUM(l.balance), 0) AS share
                                FROM account_move_line l
                               WHERE l.move_id = m.id AND l.display_type = 'product'
                              ) own ON TRUE
                        WHERE m.company_id = %(company)s AND m.state = 'draft'
                          AND m.move_type IN ('out_invoice', 'out_refund') %(only)s
                     GROUP BY m.partner_id""",
                    company=company.id,
                    only=only(("m", "partner_id")),
                )
            )
        parts = []
        if documents:
            parts.append(
                SQL(
                    """SELECT dp.commercial_partner_id AS pid, docs.receivable,
                              docs.overdue, docs.to_invoice, 0 AS guarantee
                         FROM (%s) docs
                         JOIN res_partner dp ON dp.id = docs.partner_id""",
                    SQL(" UNION ALL ").join(documents),
                )
            )
        if "guarantee" in branches:
            parts.append(
                SQL(
                    """SELECT g.partner_id AS pid, 0 AS receivable, 0 AS overdue,
                              0 AS to_invoice, g.amount AS guarantee
                         FROM customer_service_credit_guarantee g
                        WHERE g.company_id = %s AND g.state = 'approved' %s""",
                    company.id,
                    SQL("AND g.partner_id = ANY(%s)", partner_ids)
                    if partner_ids is not None
                    else SQL(),
                )
            )
        return SQL(
            """(SELECT pid, SUM(receivable) AS receivable, SUM(overdue) AS overdue,
                       SUM(to_invoice) AS to_invoice, SUM(guarantee) AS guarantee
                  FROM (%s) credit
              GROUP BY pid)""",
            SQL(" UNION ALL ").join(parts),
        )

    def _cs_credit_table_sql(self, company, partner_ids=None):
        """Receivable, overdue, ordered-not-invoiced and guarantee totals per
        commercial partner of ``company``: one grouped query over the documents
        (restricted to ``partner_ids`` when given), joined where it is needed."""
        return SQL(
            # Overdue is never more than the customer owes on balance: an open
            # credit note counts against the overdue invoices, as in the ageing.
            """(SELECT pid, receivable,
                       LEAST(overdue, GREATEST(receivable, 0)) AS overdue,
                       to_invoice, guarantee
                  FROM %s sums)""",
            self._cs_credit_sums_sql(company, partner_ids),
        )

    def _cs_limit_sql(self, alias, company):
        """The approved limit of partner ``alias`` in ``company``."""
        # The default limit of the figures' company, not of the active one.
        fallback = self._fields["credit_limit"].get_company_dependent_fallback(
            self.with_company(company)
        )
        return SQL(
            "COALESCE((%s->>%s)::numeric, %s)",
            SQL.identifier(alias, "credit_limit"),
            str(company.id),
            fallback or 0.0,
        )

    def _cs_hold_sql(self, alias, company):
        return SQL(
            "COALESCE((%s->>%s)::boolean, FALSE)",
            SQL.identifier(alias, "cs_credit_hold"),
            str(company.id),
        )

    def _cs_credit_sql(self, alias, credit, fname, company=None, extra=None):
        """The SQL expression of a credit figure or status of partner ``alias``,
        ``credit`` being the alias of the joined credit table; ``extra`` is an SQL
        amount added to the exposure (an order to confirm)."""
        company = company or self._cs_credit_company()

        def column(name):
            return SQL("COALESCE(%s, 0)", SQL.identifier(credit, name))

        receivable = column("receivable")
        to_invoice = column("to_invoice")
        exposure = SQL("(%s + %s + %s)", receivable, to_invoice, extra or 0.0)
        # Approved, unpaid guarantees raise the limit (R4.5).
        limit = SQL(
            "(%s + %s)", self._cs_limit_sql(alias, company), column("guarantee")
        )
        overdue = column("overdue")
        hold = self._cs_hold_sql(alias, company)
        if fname == "cs_credit_status":
            return decision_sql(hold, overdue, limit, exposure, near_ratio(company))
        return {
            "cs_credit_limit": limit,
            "cs_credit_receivable": receivable,
            "cs_credit_to_invoice": to_invoice,
            "cs_credit_exposure": exposure,
            "cs_credit_overdue": overdue,
            "cs_credit_available": SQL("(%s - %s)", limit, exposure),
            "cs_credit_hold": hold,
        }[fname]

    def _cs_credit_join_sql(self, alias, company, partner_ids=None):
        """``LEFT JOIN <credit table> credit ON ...`` for partner ``alias``."""
        return SQL(
            "LEFT JOIN %s credit ON credit.pid = %s",
            self._cs_credit_table_sql(company, partner_ids),
            SQL.identifier(alias, "commercial_partner_id"),
        )

    # ------------------------------------------------------------------
    # Computes, searches and ordering
    # ------------------------------------------------------------------
    @api.depends_context("company")
    def _compute_cs_credit_currency_id(self):
        self.cs_credit_currency_id = self._cs_credit_company().currency_id

    def _compute_cs_credit_application_count(self):
        counts = dict(
            self.env["customer_service.credit.application"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cs_credit_application_count = counts.get(partner, 0)

    def _cs_flush_credit_models(self):
        """Pending changes of what the credit queries read, written first."""
        for model in (
            "account.move.line",
            "account.move",
            "sale.order",
            "sale.order.line",
            "res.partner",
            "customer_service.credit.guarantee",
        ):
            self.env[model].flush_model()

    def _cs_credit_figures(self, company=None):
        """{commercial partner id: figures} for the recordset, in at most two
        queries whatever the number of invoices and orders.

        Within a transaction the sums of each branch of documents are kept and
        summed again only once a table the branch reads has been written since,
        as PostgreSQL counts the transaction's own writes (a repeatable-read
        snapshot shows no one else's): the check before a confirmation, the
        confirmation and the figures shown after it sum the documents once,
        then only the orders."""
        company = company or self._cs_credit_company()
        ids = sorted({pid for pid in self.commercial_partner_id.ids if pid})
        if not ids:
            return {}
        self._cs_flush_credit_models()
        rows = self.env.execute_query(
            SQL(
                """SELECT p.id, %(limit)s, %(hold)s, v.tracked, v.writes,
                          ARRAY(SELECT m.id FROM res_partner m
                                 WHERE m.commercial_partner_id = p.id),
                          EXISTS(SELECT 1 FROM customer_service_credit_guarantee g
                                  WHERE g.partner_id = p.id
                                    AND g.company_id = %(company)s
                                    AND g.state = 'overdue')
                     FROM res_partner p, (
                   SELECT current_setting('track_counts')::boolean
                          AND current_setting('transaction_isolation')
                              IN ('repeatable read', 'serializable') AS tracked,
                          ARRAY(SELECT pg_stat_get_xact_tuples_inserted(t.oid)
                                       + pg_stat_get_xact_tuples_updated(t.oid)
                                       + pg_stat_get_xact_tuples_deleted(t.oid)
                                  FROM unnest(%(tables)s::regclass[])
                                       WITH ORDINALITY t(oid, n)
                              ORDER BY t.n) AS writes) v
                    WHERE p.id = ANY(%(ids)s)""",
                limit=self._cs_limit_sql("p", company),
                hold=self._cs_hold_sql("p", company),
                tables=list(CREDIT_TABLES),
                ids=ids,
                company=company.id,
            )
        )
        if not rows:
            return {}
        writes = dict(zip(CREDIT_TABLES, rows[0][4], strict=True))
        versions = {
            branch: tuple(writes[table] for table in tables)
            for branch, tables in CREDIT_BRANCHES.items()
        }
        overdue_before = self._cs_overdue_date(company)
        memo = {}
        if rows[0][3]:
            key = (company.id, overdue_before, tuple(ids))
            memo = self.env.cr.precommit.data.setdefault(CREDIT_MEMO, {})
            memo = memo.setdefault(key, {})
        stale = [
            branch
            for branch in CREDIT_BRANCHES
            if memo.get(branch, (None,))[0] != versions[branch]
        ]
        if stale:
            sums = {branch: {} for branch in stale}
            for (
                pid,
                receivable,
                overdue,
                to_invoice,
                guarantee,
            ) in self.env.execute_query(
                SQL(
                    "SELECT * FROM %s sums",
                    self._cs_credit_sums_sql(
                        company,
                        ids,
                        stale,
                        # The partners of the customers, read with them: the
                        # documents are filtered on a list, not a subquery.
                        sorted({m for row in rows for m in row[5]}),
                    ),
                )
            ):
                values = {
                    "receivable": (receivable, overdue),
                    "to_invoice": to_invoice,
                    "guarantee": guarantee,
                }
                for branch in stale:
                    sums[branch][pid] = values[branch]
            memo.update((b, (versions[b], sums[b])) for b in stale)
        zero = 0.0
        figures = {}
        for pid, limit, hold, _tracked, _writes, _members, overdue_guarantee in rows:
            receivable, overdue = memo["receivable"][1].get(pid, (zero, zero))
            to_invoice = memo["to_invoice"][1].get(pid, zero)
            guarantee = memo["guarantee"][1].get(pid, zero)
            figures[pid] = {
                # Approved, unpaid guarantees raise the limit (R4.5).
                # Summed as SQL sums numbers, to the cent whatever the floats.
                "limit": float(Decimal(repr(limit)) + Decimal(repr(guarantee))),
                "receivable": float(receivable),
                "to_invoice": float(to_invoice),
                "exposure": float(receivable) + float(to_invoice),
                # Overdue is never more than the customer owes on balance, as
                # in ``_cs_credit_table_sql``.
                "overdue": float(min(overdue, max(receivable, zero))),
                "hold": hold,
                # An overdue guarantee holds the customer (R4.5).
                "overdue_guarantee": overdue_guarantee,
            }
        return figures

    @api.model
    def _cs_status_of(self, figures, company, extra=0.0):
        """The credit status for ``figures`` with ``extra`` more exposure."""
        return self._cs_decision_of(figures, company, extra)[0]

    @api.model
    def _cs_decision_of(self, figures, company, extra=0.0, hold=False):
        """``(status, reason)`` of ``credit_decision`` for ``figures`` with
        ``extra`` more exposure; ``hold`` holds the customer in any case."""
        return credit_decision(
            hold=figures["hold"] or hold,
            overdue=figures["overdue"],
            limit=figures["limit"],
            exposure=figures["exposure"] + extra,
            ratio=near_ratio(company),
        )

    @api.depends_context("company")
    def _compute_cs_credit(self):
        figures = self._cs_credit_figures()
        empty = dict.fromkeys(("limit", "receivable", "to_invoice", "overdue"), 0.0)
        for partner in self:
            row = figures.get(partner.commercial_partner_id.id) or {
                **empty,
                "exposure": 0.0,
            }
            partner.cs_credit_limit = row["limit"]
            partner.cs_credit_receivable = row["receivable"]
            partner.cs_credit_to_invoice = row["to_invoice"]
            partner.cs_credit_exposure = row["exposure"]
            partner.cs_credit_overdue = row["overdue"]
            partner.cs_credit_available = row["limit"] - row["exposure"]

    @api.model
    def _cs_sees_every_credit_status(self):
        """Credit roles and override members see every customer's status;
        salespeople only their own customers' (SPEC §7)."""
        return (
            self.env.su
            or self.env.user.has_groups(CREDIT_GROUPS)
            or self.env.user.has_group(OVERRIDE_GROUP)
        )

    def _cs_status_visible(self):
        """The partners among ``self`` whose credit status the user may see."""
        if self._cs_sees_every_credit_status():
            return self
        # The account manager of a contact is its company's.
        return self.filtered(
            lambda p: p.commercial_partner_id.sudo().user_id == self.env.user
        )

    @api.model
    def _cs_status_visible_sql(self, alias):
        """SQL condition on partner ``alias`` matching ``_cs_status_visible``."""
        if self._cs_sees_every_credit_status():
            return SQL("TRUE")
        return SQL(
            "(SELECT cp.user_id FROM res_partner cp WHERE cp.id = %s) = %s",
            SQL.identifier(alias, "commercial_partner_id"),
            self.env.uid,
        )

    @api.depends_context("company", "uid")
    def _compute_cs_credit_status(self):
        company = self._cs_credit_company()
        visible = self._cs_status_visible()
        (self - visible).cs_credit_status = False
        # Salespeople see the status, computed from figures they may not read.
        figures = visible.sudo()._cs_credit_figures(company)
        for partner in visible:
            row = figures.get(partner.commercial_partner_id.id)
            partner.cs_credit_status = (
                self._cs_status_of(row, company) if row else "none"
            )

    @api.model
    def _cs_status_condition(self, status_sql, operator, value):
        if operator in ("=", "!="):
            value = [value]
            operator = "in" if operator == "=" else "not in"
        if operator not in ("in", "not in"):
            raise UserError(_("Unsupported search on the credit status."))
        return SQL(
            "%s %s %s",
            status_sql,
            SQL("IN") if operator == "in" else SQL("NOT IN"),
            tuple(value) or (None,),
        )

    def _cs_search_sql(self, fname, operator, value):
        # A search is a read: ``exposure > X`` bisected gives the figure.
        self.check_field_access_rights("read", [fname])
        self._cs_flush_credit_models()
        company = self._cs_credit_company()
        expression = self._cs_credit_sql("p", "credit", fname, company)
        if fname == "cs_credit_status":
            condition = SQL(
                "%s AND %s",
                self._cs_status_visible_sql("p"),
                self._cs_status_condition(expression, operator, value),
            )
        else:
            if operator not in NUMERIC_OPERATORS:
                raise UserError(_("Unsupported search on a credit figure."))
            condition = SQL(
                "%s %s %s",
                expression,
                SQL(operator.replace("!=", "<>")),
                float(value or 0.0),
            )
        return [
            (
                "id",
                "in",
                SQL(
                    "(SELECT p.id FROM res_partner p %s WHERE %s)",
                    self._cs_credit_join_sql("p", company),
                    condition,
                ),
            )
        ]

    def _search_cs_credit_receivable(self, operator, value):
        return self._cs_search_sql("cs_credit_receivable", operator, value)

    def _search_cs_credit_to_invoice(self, operator, value):
        return self._cs_search_sql("cs_credit_to_invoice", operator, value)

    def _search_cs_credit_exposure(self, operator, value):
        return self._cs_search_sql("cs_credit_exposure", operator, value)

    def _search_cs_credit_overdue(self, operator, value):
        return self._cs_search_sql("cs_credit_overdue", operator, value)

    def _search_cs_credit_available(self, operator, value):
        return self._cs_search_sql("cs_credit_available", operator, value)

    def _search_cs_credit_status(self, operator, value):
        return self._cs_search_sql("cs_credit_status", operator, value)

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        if field_name in (*CREDIT_FIGURES, "cs_credit_status"):
            self.check_field_access_rights("read", [field_name])
            self._cs_flush_credit_models()
            company = self._cs_credit_company()
            credit = f"{alias}__cs_credit"
            query.add_join(
                "LEFT JOIN",
                credit,
                self._cs_credit_table_sql(company),
                SQL(
                    "%s = %s",
                    SQL.identifier(credit, "pid"),
                    SQL.identifier(alias, "commercial_partner_id"),
                ),
            )
            expression = self._cs_credit_sql(alias, credit, field_name, company)
            if field_name == "cs_credit_status":
                # Other salespeople's customers sort as if without a status.
                expression = SQL(
                    "(CASE WHEN %s THEN %s END)",
                    self._cs_status_visible_sql(alias),
                    expression,
                )
            return SQL("%s %s %s", expression, direction, nulls)
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        # Every condition, sort and group-by on a stored credit field comes here;
        # the ORM checks field groups on read only.
        if fname in CREDIT_STORED_FIELDS:
            self.check_field_access_rights("read", [fname])
        return super()._field_to_sql(alias, fname, query=query, flush=flush)

    def write(self, vals):
        if (
            "cs_credit_hold" in vals
            and not vals["cs_credit_hold"]
            and not self.env.context.get("cs_credit_release")
        ):
            raise UserError(
                _(
                    "A credit hold is released only by approving a credit "
                    "application for the customer."
                )
            )
        return super().write(vals)

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        # What was returned, so that a read of all fields is logged too.
        if result and CREDIT_FILE_FIELDS.intersection(result[0]):
            self.env["customer_service.credit.read.log"]._log_reads(self, "customer")
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        # An export reads the records without read(): log it too.
        if CREDIT_FILE_FIELDS.intersection(
            path.split("/")[0] for path in fields_to_export
        ):
            self.env["customer_service.credit.read.log"]._log_reads(self, "customer")
        return result

    # ------------------------------------------------------------------
    # Overdue management (R4.8)
    # ------------------------------------------------------------------
    def _cs_release_credit_hold(self, company):
        """Lifts the hold after an approval; the same overdue does not hold again."""
        partners = self.sudo().with_company(company)
        held = partners.filtered("cs_credit_hold")
        # Only a hold that existed is forgiven: an overdue reaching the hold
        # delay on the day of an approval without a hold still holds.
        held.with_context(cs_credit_release=True).write(
            {
                "cs_credit_hold": False,
                "cs_credit_hold_released": fields.Date.context_today(self),
            }
        )
        return held

    @api.model
    def _cs_overdue_partners(self, company, today):
        """(partner id, overdue amount, oldest due date) of every overdue customer
        of ``company``, in one grouped query."""
        self._cs_flush_credit_models()
        return self.env.execute_query(
            SQL(
                # The same netting as the credit figures: an open credit note
                # reduces the overdue amount, so a balance of 0 is not overdue.
                """SELECT pid, LEAST(overdue, balance), oldest
                     FROM (
                   SELECT lp.commercial_partner_id AS pid,
                          SUM(CASE WHEN l.amount_residual > 0
                                        AND l.date_maturity < %(today)s
                                   THEN l.amount_residual ELSE 0 END) AS overdue,
                          SUM(l.amount_residual) AS balance,
                          MIN(CASE WHEN l.amount_residual > 0
                                        AND l.date_maturity < %(today)s
                                   THEN l.date_maturity END) AS oldest
                     FROM account_move_line l
                     JOIN res_partner lp ON lp.id = l.partner_id
                    WHERE l.company_id = %(company)s AND %(receivable_lines)s
                      AND l.amount_residual <> 0
                 GROUP BY lp.commercial_partner_id
                          ) balances
                    WHERE LEAST(overdue, balance) > 0""",
                company=company.id,
                today=today,
                receivable_lines=receivable_lines_sql("l"),
            )
        )

    def _cs_company_flag(self, fname, company):
        """Ids among ``self`` whose company-dependent boolean is set."""
        self.flush_model([fname])
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM res_partner WHERE id = ANY(%s) AND (%s->>%s)::boolean",
                self.ids,
                SQL.identifier(fname),
                str(company.id),
            )
        )
        return {row[0] for row in rows}

    @api.model
    def _cs_manage_overdue(self, company, today):
        """Reminders and holds of one company; returns how many were set."""
        Partner = self.sudo().with_company(company)
        rows = self._cs_overdue_partners(company, today)
        overdue = Partner.browse(row[0] for row in rows)
        days = {row[0]: (today - row[2]).days for row in rows}
        reminded = overdue._cs_company_flag("cs_credit_reminded", company)
        to_remind = overdue.filtered(
            lambda p: p.id not in reminded
            and days[p.id] >= company.cs_credit_reminder_days
        )
        left = max(len(to_remind) - OVERDUE_BATCH, 0)
        to_remind = to_remind[:OVERDUE_BATCH]
        # The reminders land in each manager's activities; one email per
        # overdue customer would flood them.
        Partner.with_context(
            mail_activity_quick_update=True
        )._cs_activity_schedule_batch(
            [
                (
                    partner,
                    "followup",
                    partner.user_id,
                    OVERDUE_SUMMARY,
                    {"date_deadline": today},
                )
                for partner in to_remind.filtered("user_id")
            ]
        )
        to_remind.write({"cs_credit_reminded": True})
        # A new overdue episode gets a new reminder.
        stale = Partner.browse(
            row[0]
            for row in self.env.execute_query(
                SQL(
                    """SELECT id FROM res_partner
                        WHERE (cs_credit_reminded->>%s)::boolean
                          AND NOT id = ANY(%s)""",
                    str(company.id),
                    overdue.ids,
                )
            )
        )
        stale.write({"cs_credit_reminded": False})
        held = overdue._cs_company_flag("cs_credit_hold", company)
        hold_delay = timedelta(days=company.cs_credit_hold_days)

        def must_hold(partner):
            if partner.id in held or days[partner.id] < company.cs_credit_hold_days:
                return False
            # Overdue that had reached the delay when a hold was released by an
            # approval does not hold the customer again.
            reached = today - timedelta(days=days[partner.id]) + hold_delay
            released = partner.cs_credit_hold_released
            return not (released and released >= reached)

        to_hold = overdue.filtered(must_hold)
        left += max(len(to_hold) - OVERDUE_BATCH, 0)
        to_hold = to_hold[:OVERDUE_BATCH]
        to_hold.write({"cs_credit_hold": True})
        # One batch of chatter notes rather than a message_post per customer.
        note = self.env.ref("mail.mt_note")
        self.env["mail.message"].sudo().create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner.id,
                    "message_type": "notification",
                    "subtype_id": note.id,
                    "body": self._cs_hold_note(days[partner.id]),
                }
                for partner in to_hold
            ]
        )
        return len(to_remind) + len(to_hold), left

    @api.model
    def _cs_hold_note(self, days):
        return _(
            "Credit hold: invoices overdue by %(days)s days. Orders are blocked "
            "until a credit application is approved.",
            days=days,
        )

    @api.model
    def _cron_credit_overdue(self):
        """Reminds account managers once and puts long-overdue customers on hold.

        Idempotent: a reminder is sent once per overdue episode (reset when the
        customer has nothing overdue any more); a hold is set once and released
        only by an approved credit application.
        """
        today = fields.Date.context_today(self)
        done = remaining = 0
        for company in self.env["res.company"].search([]):
            company_done, company_left = self._cs_manage_overdue(company, today)
            done += company_done
            remaining += company_left
        # Batches: the scheduler runs the job again while work remains.
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_cs_view_credit_applications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_service.customer_service_credit_application_action"
        )
        partner = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", partner.id)]
        action["context"] = {"default_partner_id": partner.id}
        return action

    def _cs_portal_open_guarantee_states(self):
        """States of the guarantees a customer still has to repay (hook)."""
        return ("approved", "overdue")
