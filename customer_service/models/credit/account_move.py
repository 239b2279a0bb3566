from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import models


class AccountMove(models.Model):
    """Monthly-settlement customers (月结, R4.6): due on the n-th working day of
    the month after the invoice."""

    _inherit = "account.move"

    def _post(self, soft=True):
        for move in self.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "draft"
        ):
            partner = move.commercial_partner_id.sudo().with_company(move.company_id)
            if partner.cs_monthly_settlement:
                move._cs_set_monthly_settlement_due()
        return super()._post(soft=soft)

    def _cs_monthly_settlement_due(self):
        self.ensure_one()
        company = self.company_id
        invoice_date = self.invoice_date or self.date or date.today()
        month_end = invoice_date.replace(day=1) + relativedelta(months=1, days=-1)
        calendar = company._cs_working_calendar()
        return calendar.cs_working_day_after(
            month_end, company.cs_monthly_settlement_days
        )

    def _cs_set_monthly_settlement_due(self):
        due = self._cs_monthly_settlement_due()
        self.write({"invoice_payment_term_id": False, "invoice_date_due": due})
