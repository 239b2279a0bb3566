from odoo import api, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return [
            *super()._get_tier_validation_model_names(),
            "customer_service.visit",
            "customer_service.complaint",
            "customer_service.credit.application",
            "customer_service.credit.guarantee",
        ]
