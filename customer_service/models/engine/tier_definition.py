from odoo import api, fields, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    cs_level = fields.Char(
        string="Approval Level Code",
        help="The approval level this tier stands for. A document of the addon "
        "is reviewed at the levels it needs (its credit rule, its amounts); the "
        "levels come in the order of their tiers' sequence, whatever their number.",
    )
    cs_level_highest_only = fields.Boolean(
        string="Only as Highest Level",
        help="This level approves only the documents for which it is the highest "
        "level; documents that need a higher level skip it.",
    )

    @api.model
    def _get_tier_validation_model_names(self):
        """Every model of the addon's approval mixin can carry tiers."""
        approvable = self.env["customer_service.approval.mixin"]._inherit_children
        return [*super()._get_tier_validation_model_names(), *sorted(approvable)]
