from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CustomerServiceSurveyPortal(CustomerPortal):
    """The survey invitations a customer has not answered, on /my."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "cs_survey_count" in counters:
            values["cs_survey_count"] = len(self._cs_pending_surveys())
        return values

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        response.qcontext["cs_pending_surveys"] = self._cs_pending_surveys()
        return response

    def _cs_pending_surveys(self):
        """Survey invitations the customer has not answered yet (campaigns,
        post-visit, post-complaint)."""
        user = request.env.user
        if user._is_public():
            return request.env["survey.user_input"]
        partner = user.partner_id.commercial_partner_id
        # sudo: portal users do not read survey answers; only their own
        # company's pending invitations are listed, each opened by its token.
        return (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("state", "!=", "done"),
                    ("test_entry", "=", False),
                    ("survey_id.active", "=", True),
                    "|",
                    ("deadline", "=", False),
                    ("deadline", ">", fields.Datetime.now()),
                ],
                order="create_date desc, id desc",
            )
        )
