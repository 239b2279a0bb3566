from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models


class CustomerServiceSurveyResult(models.Model):
    """Quarter satisfaction results (R5.4), frozen by the 28th of the quarter's
    last month for the company, each campaign and each department."""

    _name = "customer_service.survey.result"
    _description = "Quarter Satisfaction Result"
    _order = "date_from desc, scope, id"
    _check_company_auto = True

    name = fields.Char(string="Quarter", required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    date_from = fields.Date(required=True, index=True, readonly=True)
    date_to = fields.Date(required=True, readonly=True)
    scope = fields.Selection(
        [
            ("company", "Company"),
            ("campaign", "Campaign"),
            ("department", "Department"),
        ],
        required=True,
        readonly=True,
    )
    campaign_id = fields.Many2one(
        "customer_service.survey.campaign", readonly=True, check_company=True
    )
    department_id = fields.Many2one("hr.department", readonly=True)
    invited_count = fields.Integer(string="Invited", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
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
    response_met = fields.Boolean(string="Response Target Met", readonly=True)
    satisfaction_met = fields.Boolean(string="Satisfaction Target Met", readonly=True)

    @api.model
    def _quarter_of(self, day):
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return start, start + relativedelta(months=3, days=-1)

    def _prepare_vals(self, company, start, end, scope, record, counts):
        invited, answered, satisfied = counts
        response = 100.0 * answered / invited if invited else 0.0
        satisfaction = 100.0 * satisfied / answered if answered else 0.0
        return {
            "name": _(
                "%(year)s Q%(quarter)s",
                year=start.year,
                quarter=(start.month - 1) // 3 + 1,
            ),
            "company_id": company.id,
            "date_from": start,
            "date_to": end,
            "scope": scope,
            "campaign_id": record.id if scope == "campaign" else False,
            "department_id": record.id if scope == "department" else False,
            "invited_count": invited,
            "answered_count": answered,
            "satisfied_count": satisfied,
            "response_rate": response,
            "satisfaction_rate": satisfaction,
            "response_target": company.cs_survey_response_target,
            "satisfaction_target": company.cs_survey_satisfaction_target,
            "response_met": response >= company.cs_survey_response_target,
            "satisfaction_met": bool(answered)
            and satisfaction >= company.cs_survey_satisfaction_target,
        }

    @api.model
    def _prepare_quarter(self, company, start, end):
        """The company's, campaigns' and departments' results of a quarter."""
        Kpi = self.env["customer_service.survey.kpi"].sudo()
        domain = [
            ("company_id", "=", company.id),
            ("period_date", ">=", start),
            ("period_date", "<=", end),
        ]
        sums = ["invited_count:sum", "answered_count:sum", "satisfied_count:sum"]
        vals_list = []
        for scope, groupby in (
            ("company", []),
            ("campaign", ["campaign_id"]),
            ("department", ["department_id"]),
        ):
            for row in Kpi._read_group(domain, groupby, sums):
                record = row[0] if groupby else company
                if not record or not row[-3]:
                    continue
                vals_list.append(
                    self._prepare_vals(company, start, end, scope, record, row[-3:])
                )
        return self.create(vals_list)

    @api.model
    def _cron_prepare_quarter_results(self):
        """From the company's results day of the quarter's last month on, freezes
        the quarter's results once (R5.4); a second run adds nothing."""
        today = fields.Date.context_today(self)
        start, end = self._quarter_of(today)
        results = self.browse()
        done = set(self.search([("date_from", "=", start)]).mapped("company_id").ids)
        for company in self.env["res.company"].search([("id", "not in", list(done))]):
            ready = end.replace(day=company.cs_survey_result_day)
            if today >= ready:
                results |= self._prepare_quarter(company, start, end)
        return results
