from odoo import _, api, fields, models
from odoo.exceptions import AccessError

MANAGER_GROUP = "customer_service.group_customer_service_manager"


class ResConfigSettings(models.TransientModel):
    """The numbers of the regulations, kept per company, in Settings."""

    _inherit = "res.config.settings"

    cs_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Policy Currency"
    )
    # Complaints
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
    cs_portal_credit_status = fields.Boolean(
        related="company_id.cs_portal_credit_status", readonly=False
    )
    # Visits
    cs_visit_expense_limit = fields.Monetary(
        related="company_id.cs_visit_expense_limit",
        readonly=False,
        currency_field="cs_currency_id",
    )
    cs_visit_lead_days = fields.Integer(
        related="company_id.cs_visit_lead_days", readonly=False
    )
    # Approvals
    cs_multi_level_approval = fields.Boolean(
        related="company_id.cs_multi_level_approval", readonly=False
    )
    # Surveys
    cs_survey_response_target = fields.Float(
        related="company_id.cs_survey_response_target", readonly=False
    )
    cs_survey_satisfaction_target = fields.Float(
        related="company_id.cs_survey_satisfaction_target", readonly=False
    )
    cs_survey_satisfied_level = fields.Integer(
        related="company_id.cs_survey_satisfied_level", readonly=False
    )
    cs_survey_dissatisfied_level = fields.Integer(
        related="company_id.cs_survey_dissatisfied_level", readonly=False
    )
    cs_survey_negative_words = fields.Char(
        related="company_id.cs_survey_negative_words", readonly=False
    )
    cs_survey_response_days = fields.Integer(
        related="company_id.cs_survey_response_days", readonly=False
    )
    cs_survey_reminder_days = fields.Integer(
        related="company_id.cs_survey_reminder_days", readonly=False
    )
    cs_survey_reminder_count = fields.Integer(
        related="company_id.cs_survey_reminder_count", readonly=False
    )
    cs_survey_result_day = fields.Integer(
        related="company_id.cs_survey_result_day", readonly=False
    )
    cs_survey_retention_months = fields.Integer(
        related="company_id.cs_survey_retention_months", readonly=False
    )
    # Credit
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

    @api.model
    def _cs_policy_fields(self):
        """Settings fields that stand for a customer-service policy number."""
        return [
            name
            for name, field in self._fields.items()
            if name.startswith("cs_") and field.related and not field.readonly
        ]

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.is_admin() or not self.env.user.has_group(MANAGER_GROUP):
            return super().create(vals_list)
        # A customer-service manager who is no administrator keeps the
        # regulations' numbers, and only them. Core writes every related value
        # through on create, the company's unchanged ones included, which the
        # manager may not: once _cs_check_only_policy() has made sure nothing
        # else changes, the record is created and the numbers are written as
        # superuser.
        for vals in vals_list:
            self._cs_check_only_policy(vals)
        return super(ResConfigSettings, self.sudo()).create(vals_list).sudo(False)

    def _cs_check_only_policy(self, vals):
        """Refuse any setting but the policy numbers that ``vals`` would change:
        execute() applies nothing else for a non-administrator."""
        policy = self._cs_policy_fields()
        company = self.env["res.company"].browse(vals.get("company_id")) or (
            self.env.company
        )
        if company not in self.env.user.company_ids:
            raise AccessError(_("You may only change the settings of your companies."))
        defaults = self.default_get(list(vals))
        changed = []
        for name, value in vals.items():
            field = self._fields[name]
            if name in policy or name == "company_id":
                continue
            if field.related:
                current = company
                for part in field.related.split(".")[1:]:
                    current = current[part]
                if (
                    field.convert_to_record(field.convert_to_cache(value, self), self)
                    == current
                ):
                    continue
            elif (value or False) == (defaults.get(name) or False):
                continue
            changed.append(field.string)
        if changed:
            raise AccessError(
                _(
                    "Only administrators change these settings: %(settings)s.",
                    settings="、".join(changed)
                    if self.env.lang == "zh_CN"
                    else ", ".join(changed),
                )
            )

    def execute(self):
        """Administrators save every setting; for a customer-service manager,
        create() already wrote the regulations' numbers, which is all."""
        if self.env.is_admin() or not self.env.user.has_group(MANAGER_GROUP):
            return super().execute()
        self.ensure_one()
        return {"type": "ir.actions.client", "tag": "reload"}
