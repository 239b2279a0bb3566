from odoo import fields, models
from odoo.tools import SQL

from .survey_user_input import SCALE_DIMENSIONS


class CustomerServiceSurveyKpi(models.Model):
    """Satisfaction KPIs (R5.4): one row per survey invitation, read by plain
    read_groups. Rates are averages of 0/100 per row; rows not answered carry
    no satisfaction, so they do not weigh on the averages of answered ones."""

    _name = "customer_service.survey.kpi"
    _description = "Satisfaction Survey KPI"
    _auto = False
    _order = "date desc"
    _rec_name = "survey_id"
    _depends = {
        "survey.user_input": [
            "cs_company_id",
            "cs_campaign_id",
            "survey_id",
            "cs_res_model",
            "cs_department_id",
            "cs_user_id",
            "create_date",
            "end_datetime",
            "state",
            "test_entry",
            "cs_satisfied",
            "cs_followup_id",
            "cs_score",
            *(f"cs_level_{key}" for key in SCALE_DIMENSIONS),
        ],
        "res.company": [
            "cs_survey_response_target",
            "cs_survey_satisfaction_target",
            "resource_calendar_id",
        ],
        "resource.calendar": ["tz"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    campaign_id = fields.Many2one(
        "customer_service.survey.campaign", string="Campaign", readonly=True
    )
    survey_id = fields.Many2one("survey.survey", string="Questionnaire", readonly=True)
    res_model = fields.Char(string="About", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    user_id = fields.Many2one("res.users", string="Employee", readonly=True)
    date = fields.Date(string="Invited On", readonly=True)
    answer_date = fields.Date(string="Answered On", readonly=True)
    period_date = fields.Date(
        readonly=True,
        help="Day of the answer, or of the invitation while unanswered, in the "
        "company's time zone: what the quarter results count by.",
    )
    state = fields.Selection(
        [("new", "New"), ("in_progress", "In Progress"), ("done", "Completed")],
        readonly=True,
    )
    invited_count = fields.Integer(string="Invited", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
    followup_count = fields.Integer(string="Follow-ups", readonly=True)
    response_rate = fields.Float(
        string="Response Rate (%)", readonly=True, aggregator="avg"
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)", readonly=True, aggregator="avg"
    )
    response_target = fields.Float(
        string="Response Target (%)", readonly=True, aggregator="avg"
    )
    satisfaction_target = fields.Float(
        string="Satisfaction Target (%)", readonly=True, aggregator="avg"
    )
    score = fields.Float(string="Average Level", readonly=True, aggregator="avg")
    level_reliability = fields.Float("Reliability", readonly=True, aggregator="avg")
    level_responsiveness = fields.Float(
        "Responsiveness", readonly=True, aggregator="avg"
    )
    level_assurance = fields.Float("Assurance", readonly=True, aggregator="avg")
    level_empathy = fields.Float("Empathy", readonly=True, aggregator="avg")
    level_tangibles = fields.Float("Tangibles", readonly=True, aggregator="avg")
    level_attitude = fields.Float("Attitude", readonly=True, aggregator="avg")
    level_professionalism = fields.Float(
        "Professionalism", readonly=True, aggregator="avg"
    )
    level_efficiency = fields.Float("Efficiency", readonly=True, aggregator="avg")
    level_communication = fields.Float("Communication", readonly=True, aggregator="avg")

    @property
    def _table_query(self):
        levels = SQL(", ").join(
            SQL(
                "CASE WHEN ui.state = 'done' THEN NULLIF(ui.%s, 0) END AS %s",
                SQL.identifier(f"cs_level_{key}"),
                SQL.identifier(f"level_{key}"),
            )
            for key in SCALE_DIMENSIONS
        )
        # Days in the company's zone (its working calendar's), not in UTC.
        invited = SQL(
            "(ui.create_date AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", self._tz_sql()
        )
        answered = SQL(
            "(ui.end_datetime AT TIME ZONE 'UTC' AT TIME ZONE %s)::date",
            self._tz_sql(),
        )
        return SQL(
            """
            SELECT ui.id, ui.cs_company_id AS company_id,
                   ui.cs_campaign_id AS campaign_id, ui.survey_id,
                   ui.cs_res_model AS res_model, ui.cs_department_id AS department_id,
                   ui.cs_user_id AS user_id, %s AS date,
                   %s AS answer_date, COALESCE(%s, %s) AS period_date, ui.state,
                   1 AS invited_count,
                   (ui.state = 'done')::int AS answered_count,
                   (ui.state = 'done' AND ui.cs_satisfied)::int AS satisfied_count,
                   (COALESCE(ui.cs_followup_id, 0) <> 0)::int AS followup_count,
                   CASE WHEN ui.state = 'done' THEN 100.0 ELSE 0.0 END
                        AS response_rate,
                   CASE WHEN ui.state = 'done'
                        THEN CASE WHEN ui.cs_satisfied THEN 100.0 ELSE 0.0 END
                   END AS satisfaction_rate,
                   c.cs_survey_response_target AS response_target,
                   c.cs_survey_satisfaction_target AS satisfaction_target,
                   CASE WHEN ui.state = 'done' THEN NULLIF(ui.cs_score, 0) END
                        AS score,
                   %s
              FROM survey_user_input ui
              JOIN res_company c ON c.id = ui.cs_company_id
         LEFT JOIN resource_calendar rc ON rc.id = c.resource_calendar_id
             WHERE ui.test_entry IS NOT TRUE
            """,
            invited,
            answered,
            answered,
            invited,
            levels,
        )

    def _tz_sql(self):
        return SQL("COALESCE(NULLIF(rc.tz, ''), 'UTC')")
