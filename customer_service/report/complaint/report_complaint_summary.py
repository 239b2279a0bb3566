from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ReportComplaintSummary(models.AbstractModel):
    """The monthly complaint summary (每月汇总, R2.22) of each company printed,
    for the month given as ``data["month"]`` (its first day)."""

    _name = "report.customer_service.report_complaint_summary"
    _description = "Monthly Complaint Summary"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        month = fields.Date.to_date(data.get("month")) or (
            date.today().replace(day=1) - relativedelta(months=1)
        )
        start = fields.Datetime.to_datetime(month)
        end = start + relativedelta(months=1)
        companies = self.env["res.company"].browse(docids)
        Complaint = self.env["customer_service.complaint"]
        return {
            "doc_ids": docids,
            "doc_model": "res.company",
            "docs": companies,
            "month_label": month.strftime("%Y-%m"),
            "summaries": {
                company.id: Complaint._summary_values(company, start, end)
                for company in companies
            },
        }
