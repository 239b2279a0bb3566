from odoo import api, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        """Every model of the addon's approval mixin can carry tiers."""
        approvable = self.env["customer_service.approval.mixin"]._inherit_children
        return [*super()._get_tier_validation_model_names(), *sorted(approvable)]
