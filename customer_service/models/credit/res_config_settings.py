from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_portal_credit_status = fields.Boolean(
        related="company_id.cs_portal_credit_status", readonly=False
    )
    cs_credit_new_max_term_days = fields.Integer(
        related="company_id.cs_credit_new_max_term_days", readonly=False
    )
    cs_credit_new_max_months = fields.Float(
        related="company_id.cs_credit_new_max_months", readonly=False
    )
    cs_credit_existing_max_term_days = fields.Integer(
        related="company_id.cs_credit_existing_max_term_days", readonly=False
    )
    cs_credit_review_months = fields.Integer(
        related="company_id.cs_credit_review_months", readonly=False
    )
    cs_credit_near_limit_percent = fields.Float(
        related="company_id.cs_credit_near_limit_percent", readonly=False
    )
    cs_credit_overdue_grace_days = fields.Integer(
        related="company_id.cs_credit_overdue_grace_days", readonly=False
    )
    cs_credit_reminder_days = fields.Integer(
        related="company_id.cs_credit_reminder_days", readonly=False
    )
    cs_credit_hold_days = fields.Integer(
        related="company_id.cs_credit_hold_days", readonly=False
    )
    cs_monthly_settlement_days = fields.Integer(
        related="company_id.cs_monthly_settlement_days", readonly=False
    )
    cs_guarantee_min_orders = fields.Monetary(
        related="company_id.cs_guarantee_min_orders",
        readonly=False,
        currency_field="cs_currency_id",
    )
    cs_guarantee_gm_total = fields.Monetary(
        related="company_id.cs_guarantee_gm_total",
        readonly=False,
        currency_field="cs_currency_id",
    )
    cs_guarantee_max_total = fields.Monetary(
        related="company_id.cs_guarantee_max_total",
        readonly=False,
        currency_field="cs_currency_id",
    )
    cs_guarantee_max_count = fields.Integer(
        related="company_id.cs_guarantee_max_count", readonly=False
    )
    cs_guarantee_repay_days = fields.Integer(
        related="company_id.cs_guarantee_repay_days", readonly=False
    )
