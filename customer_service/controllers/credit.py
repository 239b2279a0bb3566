from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CustomerServiceCreditPortal(CustomerPortal):
    """The customer's credit status on /my, when the company shows it."""

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        response.qcontext["cs_credit"] = self._cs_credit_status()
        return response

    def _cs_credit_status(self):
        """Credit status of the customer's account, if the company shows it."""
        user = request.env.user
        company = user.company_id
        if user._is_public() or not company.cs_portal_credit_status:
            return None
        # sudo: the customer reads his own account's figures, never the
        # internal credit file.
        partner = user.partner_id.commercial_partner_id.sudo().with_company(company)
        guarantees = (
            request.env["customer_service.credit.guarantee"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("state", "in", partner._cs_portal_open_guarantee_states()),
                ]
            )
        )
        return {
            "partner": partner,
            "currency": partner.cs_credit_currency_id or company.currency_id,
            "limit": partner.cs_credit_limit,
            "available": partner.cs_credit_available,
            "overdue": partner.cs_credit_overdue,
            "guarantees": guarantees,
        }
