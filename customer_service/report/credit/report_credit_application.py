from odoo import _, api, models
from odoo.exceptions import AccessError

from ...models.credit.customer_service_credit_application import CREDIT_GROUPS


class ReportCreditApplication(models.AbstractModel):
    """The credit application approval form: the credit file is confidential
    (R1.5), so the form prints for the credit roles only, and is logged."""

    _name = "report.customer_service.report_credit_application"
    _description = "Credit Application Approval Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.su and not self.env.user.has_groups(CREDIT_GROUPS):
            raise AccessError(
                _("Only the credit roles may print credit application forms.")
            )
        docs = self.env["customer_service.credit.application"].browse(docids)
        docs.check_access("read")
        self.env["customer_service.credit.read.log"]._log_reads(
            docs.partner_id, "application"
        )
        return {
            "doc_ids": docids,
            "doc_model": docs._name,
            "docs": docs,
        }
