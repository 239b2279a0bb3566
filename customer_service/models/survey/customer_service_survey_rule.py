from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class CustomerServiceSurveyRule(models.Model):
    """Which questionnaire a completed visit, complaint, … sends (R5.2)."""

    _name = "customer_service.survey.rule"
    _description = "Automatic Satisfaction Survey"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    model_id = fields.Many2one(
        "ir.model",
        string="Sent After",
        required=True,
        ondelete="cascade",
        domain="[('model', 'like', 'customer_service.')]",
    )
    # Read as superuser: customer-service managers have no access to ir.model.
    model = fields.Char(
        related="model_id.model", store=True, index=True, compute_sudo=True
    )
    survey_id = fields.Many2one(
        "survey.survey", string="Questionnaire", required=True, ondelete="restrict"
    )
    filter_domain = fields.Char(
        string="Only For",
        default="[]",
        help="Records of the model that send this survey; empty for all.",
    )

    _sql_constraints = [
        (
            "model_company_uniq",
            "unique(company_id, model_id)",
            "A company sends one survey per kind of record.",
        ),
    ]

    @api.constrains("model_id")
    def _check_model(self):
        for rule in self:
            subjects = self.env.registry["customer_service.survey.subject"]
            if rule.model_id.model not in subjects._inherit_children:
                raise ValidationError(
                    _(
                        "%(model)s records cannot send satisfaction surveys.",
                        model=rule.model_id.name,
                    )
                )

    @api.constrains("filter_domain", "model_id")
    def _check_filter_domain(self):
        """A broken domain would make every visit or complaint fail on "done"."""
        for rule in self:
            try:
                domain = safe_eval(rule.filter_domain or "[]")
                # Searching proves the fields and operators exist on the model.
                self.env[rule.model_id.model].sudo().search_count(domain, limit=1)
            except Exception as error:  # any failure means the domain is invalid
                raise ValidationError(
                    _(
                        "The condition of automatic survey %(survey)s is not valid: "
                        "%(error)s",
                        survey=rule.survey_id.display_name,
                        error=error,
                    )
                ) from error

    def _matches(self, records):
        """The records among ``records`` this rule applies to."""
        self.ensure_one()
        domain = safe_eval(self.filter_domain or "[]")
        return records.filtered_domain(domain) if domain else records
