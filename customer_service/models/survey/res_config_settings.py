from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

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
