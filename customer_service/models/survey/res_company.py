from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    cs_survey_response_target = fields.Float(
        string="Response Rate Target (%)",
        default=85.0,
        help="Share of invited customers who answer a survey.",
    )
    cs_survey_satisfaction_target = fields.Float(
        string="Satisfaction Rate Target (%)",
        default=95.0,
        help="Share of answers that are basically satisfied or better.",
    )
    cs_survey_satisfied_level = fields.Integer(
        string="Satisfied From Level",
        default=3,
        help="Lowest level (1 to 5) that counts as satisfied: 3 is 'basically "
        "satisfied'.",
    )
    cs_survey_dissatisfied_level = fields.Integer(
        string="Follow Up Up To Level",
        default=2,
        help="Answers at this level (1 to 5) or below open a follow-up.",
    )
    cs_survey_negative_words = fields.Char(
        string="Negative Words",
        default="不满意,不满,太差,很差,太慢,失望,投诉,poor,bad,slow,disappointed,unhappy",
        help="Comma-separated words; a comment containing one opens a follow-up.",
    )
    cs_survey_response_days = fields.Integer(
        string="Days to Answer",
        default=14,
        help="Default time customers have to answer a campaign or a survey sent "
        "after a visit or complaint.",
    )
    cs_survey_reminder_days = fields.Integer(
        string="Remind Every (Days)",
        default=5,
        help="Days between the reminders sent to customers who have not answered.",
    )
    cs_survey_reminder_count = fields.Integer(
        string="Reminders",
        default=2,
        help="Number of reminders a campaign sends to customers who have not answered.",
    )
    cs_survey_result_day = fields.Integer(
        string="Quarter Results By Day",
        default=28,
        help="Day of the quarter's last month by which the quarter's results are "
        "prepared.",
    )
    cs_survey_retention_months = fields.Integer(
        string="Keep Answers (Months)",
        default=12,
        help="Answers older than this are anonymised; the KPI figures stay.",
    )

    @api.constrains("cs_survey_response_target", "cs_survey_satisfaction_target")
    def _check_cs_survey_targets(self):
        for company in self:
            for target in (
                company.cs_survey_response_target,
                company.cs_survey_satisfaction_target,
            ):
                if not 0 <= target <= 100:
                    raise ValidationError(
                        _("A survey target is a percentage between 0 and 100.")
                    )

    @api.constrains(
        "cs_survey_satisfied_level",
        "cs_survey_dissatisfied_level",
        "cs_survey_result_day",
        "cs_survey_retention_months",
    )
    def _check_cs_survey_settings(self):
        for company in self:
            if not (
                1
                <= company.cs_survey_dissatisfied_level
                < company.cs_survey_satisfied_level
                <= 5
            ):
                raise ValidationError(
                    _(
                        "Satisfaction levels go from 1 to 5, and the follow-up level "
                        "must be below the satisfied level."
                    )
                )
            if not 1 <= company.cs_survey_result_day <= 28:
                raise ValidationError(
                    _("The quarter results day must be between 1 and 28.")
                )
            if company.cs_survey_retention_months < 1:
                raise ValidationError(
                    _("Survey answers must be kept at least one month.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._cs_create_survey_rules()
        return companies

    def _cs_shipped_survey_rules(self):
        """XML ids of the automatic surveys the addon ships (hook)."""
        return ["survey_rule_visit"]

    def _cs_create_survey_rules(self):
        """New companies send the shipped automatic surveys too (R5.2)."""
        for xmlid in self._cs_shipped_survey_rules():
            rule = self.env.ref(f"customer_service.{xmlid}", raise_if_not_found=False)
            for company in self if rule else ():
                # Rules are configuration: created whoever creates the company.
                rule.sudo().copy({"company_id": company.id})

    def _cs_negative_words(self):
        self.ensure_one()
        words = (self.cs_survey_negative_words or "").replace("，", ",")
        return [word.strip().lower() for word in words.split(",") if word.strip()]
