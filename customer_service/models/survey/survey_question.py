from odoo import fields, models

# Service-quality dimensions (SERVQUAL) and the service aspects the regulations
# add; "overall" is the satisfaction question that decides the answer's level.
DIMENSIONS = [
    ("reliability", "Reliability"),
    ("responsiveness", "Responsiveness"),
    ("assurance", "Assurance"),
    ("empathy", "Empathy"),
    ("tangibles", "Tangibles"),
    ("attitude", "Attitude"),
    ("professionalism", "Professionalism"),
    ("efficiency", "Efficiency"),
    ("communication", "Communication"),
    ("overall", "Overall satisfaction"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    cs_dimension = fields.Selection(
        DIMENSIONS,
        string="Satisfaction Dimension",
        index=True,
        help="The service-quality dimension this scale question measures; its "
        "answers' levels are averaged per dimension.",
    )
    cs_comment = fields.Boolean(
        string="Customer Comment",
        help="Free comments of this question are checked for negative words, "
        "which open a follow-up.",
    )


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    cs_level = fields.Integer(
        string="Satisfaction Level",
        help="1 (very dissatisfied) to 5 (very satisfied); 0 when the choice is "
        "not a satisfaction level.",
    )
