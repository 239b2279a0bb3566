from odoo import fields, models


class ResCompany(models.Model):
    """Approval policy of the company."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    customer_service_multi_level_approval = fields.Boolean(
        string="One Person May Approve Several Levels",
        help="Otherwise each level of an approval is decided by another person.",
    )
