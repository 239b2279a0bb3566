from odoo import fields, models


class ResCompany(models.Model):
    """Complaint policy of the company: every number of the regulation."""

    _inherit = "res.company"

    cs_complaint_ack_email_hours = fields.Float(
        string="Acknowledge Emails Within (hours)", default=24.0
    )
    cs_complaint_ack_chat_minutes = fields.Float(
        string="Acknowledge Chats Within (minutes)", default=5.0
    )
    cs_complaint_ack_other_days = fields.Integer(
        string="Acknowledge Other Channels Within (working days)", default=1
    )
    cs_complaint_department_days = fields.Integer(
        string="Department Answer Within (working days)", default=3
    )
    cs_complaint_return_visit_days = fields.Integer(
        string="Return Visit Within (working days)", default=5
    )
    cs_complaint_at_risk_hours = fields.Float(
        string="At Risk Before the Deadline (hours)", default=4.0
    )
    cs_complaint_escalation_extra_hours = fields.Float(
        string="Escalate to Management After (hours overdue)", default=48.0
    )
    cs_complaint_repeat_days = fields.Integer(
        string="Repeat Complaint Window (days)", default=90
    )
    cs_complaint_approval_amount = fields.Monetary(
        string="Compensation Needing Approval Above",
        currency_field="currency_id",
        default=1000.0,
    )
    cs_complaint_approval_amount_gm = fields.Monetary(
        string="Compensation Needing the General Manager Above",
        currency_field="currency_id",
        default=10000.0,
    )
    cs_complaint_management_user_ids = fields.Many2many(
        "res.users",
        "res_company_cs_complaint_management_rel",
        "company_id",
        "user_id",
        string="Complaint Management",
        domain="[('share', '=', False)]",
        help="Told at once of major and safety complaints, of long overdue "
        "complaints, and sent the monthly summary.",
    )
    cs_complaint_quality_user_id = fields.Many2one(
        "res.users",
        string="Quality/Technical Manager",
        domain="[('share', '=', False)]",
        help="Handles safety complaints.",
    )
    cs_complaint_summary_month = fields.Date(
        string="Last Monthly Complaint Summary",
        copy=False,
        help="First day of the last month whose summary was sent.",
    )

    def _cs_shipped_survey_rules(self):
        return [*super()._cs_shipped_survey_rules(), "survey_rule_complaint"]
