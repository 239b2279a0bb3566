# Each area extends the model in its own file, to keep the areas apart.
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models


class ResCompany(models.Model):
    """What the company shows its customers on the portal."""

    _inherit = "res.company"

    cs_portal_credit_status = fields.Boolean(
        string="Show Credit Status on the Portal",
        help="Customers see their credit limit, available credit, overdue amount "
        "and open guarantees on their portal.",
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _cs_portal_open_guarantee_states(self):
        """States of the guarantees a customer still has to repay (hook)."""
        return ("approved", "overdue")
