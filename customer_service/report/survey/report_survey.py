from odoo import api, models

from ...models.survey.survey_user_input import SCALE_DIMENSIONS

# Geometry of the bar chart of the dimension averages (SVG user units).
CHART_WIDTH = 680
CHART_HEIGHT = 230
CHART_LEFT = 30
CHART_TOP = 15
CHART_BOTTOM = 200
MAX_LEVEL = 5


class ReportSurveyCampaign(models.AbstractModel):
    """The satisfaction survey's statistical analysis (R5.4) of campaigns:
    rates against the targets and the average level of each dimension."""

    _name = "report.customer_service.report_survey_campaign"
    _description = "Customer Satisfaction Survey Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._doc_model()].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": docs._name,
            "docs": docs,
            "statistics": {doc.id: self._statistics(doc) for doc in docs},
        }

    @api.model
    def _doc_model(self):
        return "customer_service.survey.campaign"

    def _kpi_domain(self, doc):
        return [("campaign_id", "=", doc.id)]

    def _rates(self, doc):
        return {
            "invited": doc.invited_count,
            "answered": doc.answered_count,
            "satisfied": doc.satisfied_count,
            "response_rate": doc.response_rate,
            "satisfaction_rate": doc.satisfaction_rate,
            "response_target": doc.response_target,
            "satisfaction_target": doc.satisfaction_target,
            **self._targets_met(doc),
        }

    def _targets_met(self, doc):
        return {
            "response_met": doc.response_rate >= doc.response_target,
            "satisfaction_met": bool(doc.answered_count)
            and doc.satisfaction_rate >= doc.satisfaction_target,
        }

    def _statistics(self, doc):
        Kpi = self.env["customer_service.survey.kpi"]
        names = [f"level_{key}" for key in SCALE_DIMENSIONS]
        [averages] = Kpi._read_group(
            self._kpi_domain(doc), [], [f"{name}:avg" for name in names]
        )
        dimensions = [
            {
                "label": Kpi._fields[name].get_description(self.env)["string"],
                "value": value or 0.0,
            }
            for name, value in zip(names, averages, strict=True)
        ]
        level_target = doc.company_id.cs_survey_satisfied_level
        return {
            **self._rates(doc),
            "dimensions": dimensions,
            "level_target": level_target,
            "chart": self._chart(dimensions, level_target),
        }

    def _chart(self, dimensions, level_target):
        """Bars of the averages on a 0-5 scale and the target level's line."""
        span = CHART_BOTTOM - CHART_TOP
        slot = (CHART_WIDTH - CHART_LEFT) / max(len(dimensions), 1)
        bars = []
        for index, dimension in enumerate(dimensions):
            value = min(dimension["value"], MAX_LEVEL)
            height = span * value / MAX_LEVEL
            x = CHART_LEFT + index * slot + slot * 0.2
            bars.append(
                {
                    "x": round(x, 1),
                    "y": round(CHART_BOTTOM - height, 1),
                    "w": round(slot * 0.6, 1),
                    "h": round(height, 1),
                    "cx": round(x + slot * 0.3, 1),
                    "value": f"{value:.2f}" if value else "",
                    "label": dimension["label"],
                    "color": "#2e7d32" if value >= level_target else "#c62828",
                }
            )
        return {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "left": CHART_LEFT,
            "bottom": CHART_BOTTOM,
            "target_y": round(CHART_BOTTOM - span * level_target / MAX_LEVEL, 1),
            "ticks": [
                {"label": level, "y": round(CHART_BOTTOM - span * level / MAX_LEVEL, 1)}
                for level in range(1, MAX_LEVEL + 1)
            ],
            "bars": bars,
        }


class ReportSurveyResult(models.AbstractModel):
    """The same analysis for a quarter's frozen results (company, campaign or
    department scope)."""

    _name = "report.customer_service.report_survey_result"
    _inherit = "report.customer_service.report_survey_campaign"
    _description = "Customer Satisfaction Survey Form (Quarter)"

    @api.model
    def _doc_model(self):
        return "customer_service.survey.result"

    def _kpi_domain(self, doc):
        domain = [
            ("company_id", "=", doc.company_id.id),
            ("period_date", ">=", doc.date_from),
            ("period_date", "<=", doc.date_to),
        ]
        if doc.scope == "campaign":
            domain.append(("campaign_id", "=", doc.campaign_id.id))
        elif doc.scope == "department":
            domain.append(("department_id", "=", doc.department_id.id))
        return domain

    def _targets_met(self, doc):
        # A quarter's result carries its own flags of the targets met.
        return {
            "response_met": doc.response_met,
            "satisfaction_met": doc.satisfaction_met,
        }
