from odoo import fields, models


class ResCompany(models.Model):
    """Credit policy numbers of the regulations (R4.3, R4.4, R4.7)."""

    _inherit = "res.company"

    cs_credit_new_max_term_days = fields.Integer(
        string="New Customers: Maximum Term (days)",
        default=60,
        help="Longest payment term a customer without invoicing history may request.",
    )
    cs_credit_new_max_months = fields.Float(
        string="New Customers: Limit in Months of Business",
        default=3.0,
        help="A new customer's limit may not exceed this many months of its "
        "expected business.",
    )
    cs_credit_existing_max_term_days = fields.Integer(
        string="Existing Customers: Term Needing the President",
        default=90,
        help="Terms above this many days need at least the President's approval.",
    )
    cs_credit_review_months = fields.Integer(
        string="Credit Review Interval (months)",
        default=6,
        help="An active credit application is re-evaluated after this many months.",
    )
    cs_credit_near_limit_percent = fields.Float(
        string="Near Limit from (%)",
        default=90.0,
        help="Customers whose exposure reaches this share of their limit show as "
        "near the limit.",
    )
    cs_credit_overdue_grace_days = fields.Integer(
        string="Overdue Tolerance (days)",
        default=0,
        help="Invoices overdue by more than this many days block new orders.",
    )
    cs_credit_reminder_days = fields.Integer(
        string="Overdue Reminder after (days)",
        default=1,
        help="The account manager is reminded once when a customer's oldest unpaid "
        "invoice is overdue by this many days.",
    )
    cs_credit_hold_days = fields.Integer(
        string="Automatic Credit Hold after (days)",
        default=30,
        help="A customer overdue by this many days is put on credit hold until a "
        "credit application is approved.",
    )
    cs_guarantee_min_orders = fields.Monetary(
        string="Guarantee: Minimum Confirmed Orders",
        currency_field="currency_id",
        default=2000.0,
        help="Customers whose confirmed orders total less get no guarantee credit.",
    )
    cs_guarantee_gm_total = fields.Monetary(
        string="Guarantee: General Manager Approves up To",
        currency_field="currency_id",
        default=5000.0,
        help="Above this total of a customer's guarantees the Deputy General "
        "Manager approves.",
    )
    cs_guarantee_max_total = fields.Monetary(
        string="Guarantee: Maximum Total per Customer",
        currency_field="currency_id",
        default=10000.0,
    )
    cs_guarantee_max_count = fields.Integer(
        string="Guarantee: Maximum Number per Customer", default=3
    )
    cs_guarantee_repay_days = fields.Integer(
        string="Guarantee: Repayment (working days)",
        default=5,
        help="Working days after the top-up day within which a guarantee is repaid.",
    )
    cs_monthly_settlement_days = fields.Integer(
        string="Monthly Settlement: Due (working days)",
        default=10,
        help="Monthly-settlement invoices are due on this working day of the "
        "following month.",
    )
    cs_portal_credit_status = fields.Boolean(
        string="Show Credit Status on the Portal",
        help="Customers see their credit limit, available credit, overdue amount "
        "and open guarantees on their portal.",
    )
