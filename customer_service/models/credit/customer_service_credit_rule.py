from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Approval levels from lowest to highest; "refused" means no level may approve.
APPROVAL_LEVELS = [
    ("gm", "General Manager"),
    ("deputy_gm", "Deputy General Manager"),
    ("president_or_ceo", "President or CEO"),
    ("president", "President"),
    ("ceo", "CEO"),
    ("refused", "Not allowed"),
]
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(APPROVAL_LEVELS, 1)}


class CustomerServiceCreditRule(models.Model):
    """One line of the credit approval table (R4.2), editable by administrators.

    For each basis (limit amount, term days) the rule with the smallest upper
    bound that the requested value does not exceed gives the level; the required
    level is the higher of the two.
    """

    _name = "customer_service.credit.rule"
    _description = "Credit Approval Rule"
    _order = "basis, sequence, id"

    name = fields.Char(string="Description", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to apply the rule to every company.",
    )
    basis = fields.Selection(
        [("amount", "Credit limit"), ("days", "Payment term days")],
        required=True,
        default="amount",
    )
    upper_bound = fields.Float(
        string="Up To",
        help="Highest limit (in company currency) or term in days this line covers; "
        "0 means no upper bound.",
    )
    level = fields.Selection(APPROVAL_LEVELS, string="Approval Level", required=True)

    @api.constrains("upper_bound")
    def _check_upper_bound(self):
        if any(rule.upper_bound < 0 for rule in self):
            raise ValidationError(
                _("The upper bound of an approval rule cannot be negative.")
            )

    @api.model
    def _level_for(self, basis, value, company):
        """The level of the first rule of ``basis`` covering ``value``."""
        rules = self.search(
            [("basis", "=", basis), ("company_id", "in", [False, company.id])]
        )
        # Company-specific rules replace the shared ones of the same basis.
        if rules.filtered("company_id"):
            rules = rules.filtered("company_id")
        for rule in rules.sorted(lambda r: (not r.upper_bound, r.upper_bound)):
            if not rule.upper_bound or value <= rule.upper_bound:
                return rule.level
        return False

    @api.model
    def _required_level(self, amount, days, company):
        """The highest level that either the amount or the term days call for."""
        levels = [
            level
            for level in (
                self._level_for("amount", amount, company),
                self._level_for("days", days, company),
            )
            if level
        ]
        return max(levels, key=LEVEL_RANK.get) if levels else "gm"
