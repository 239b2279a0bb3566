from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_complaint_ack_email_hours = fields.Float(
        related="company_id.cs_complaint_ack_email_hours", readonly=False
    )
    cs_complaint_ack_chat_minutes = fields.Float(
        related="company_id.cs_complaint_ack_chat_minutes", readonly=False
    )
    cs_complaint_ack_other_days = fields.Integer(
        related="company_id.cs_complaint_ack_other_days", readonly=False
    )
    cs_complaint_department_days = fields.Integer(
        related="company_id.cs_complaint_department_days", readonly=False
    )
    cs_complaint_return_visit_days = fields.Integer(
        related="company_id.cs_complaint_return_visit_days", readonly=False
    )
    cs_complaint_at_risk_hours = fields.Float(
        related="company_id.cs_complaint_at_risk_hours", readonly=False
    )
    cs_complaint_escalation_extra_hours = fields.Float(
        related="company_id.cs_complaint_escalation_extra_hours", readonly=False
    )
    cs_complaint_repeat_days = fields.Integer(
        related="company_id.cs_complaint_repeat_days", readonly=False
    )
    cs_complaint_approval_amount = fields.Monetary(
        related="company_id.cs_complaint_approval_amount",
        readonly=False,
        currency_field="cs_currency_id",
    )
    cs_complaint_approval_amount_gm = fields.Monetary(
        related="company_id.cs_complaint_approval_amount_gm",
        readonly=False,
        currency_field="cs_currency_id",
    )
    cs_complaint_management_user_ids = fields.Many2many(
        related="company_id.cs_complaint_management_user_ids", readonly=False
    )
    cs_complaint_quality_user_id = fields.Many2one(
        related="company_id.cs_complaint_quality_user_id", readonly=False
    )
