"""Approval routing by level codes instead of rank domains.

The tier definitions are noupdate data: databases installed before 18.0.1.1.0
keep their domains on ``approval_rank`` (a field that no longer exists) and
``approval_level``. Each shipped definition gets the level it stands for, and
its shipped domain is cleared; a domain an administrator wrote is kept, it
narrows the level further, unless it reads the removed rank.
"""

from odoo import SUPERUSER_ID, api

LEVELS = {
    "tier_definition_credit_gm": ("gm", False, "[('approval_rank', '>=', 1)]"),
    "tier_definition_credit_deputy_gm": (
        "deputy_gm",
        False,
        "[('approval_rank', '>=', 2)]",
    ),
    "tier_definition_credit_president_or_ceo": (
        "president_or_ceo",
        True,
        "[('approval_rank', '=', 3)]",
    ),
    "tier_definition_credit_president": (
        "president",
        False,
        "[('approval_rank', '>=', 4)]",
    ),
    "tier_definition_credit_ceo": ("ceo", False, "[('approval_rank', '>=', 5)]"),
    "tier_definition_guarantee_gm": ("gm", False, "[('approval_level', '=', 'gm')]"),
    "tier_definition_guarantee_deputy_gm": (
        "deputy_gm",
        False,
        "[('approval_level', '=', 'deputy_gm')]",
    ),
    "tier_definition_complaint_manager": (
        "manager",
        False,
        "[('approval_level', '>=', 1)]",
    ),
    "tier_definition_complaint_gm": ("gm", False, "[('approval_level', '>=', 2)]"),
    "tier_definition_visit_expense": (
        "manager",
        False,
        "[('expense_excess', '>', 0)]",
    ),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    for xmlid, (level, highest_only, shipped) in LEVELS.items():
        tier = env.ref(f"customer_service.{xmlid}", raise_if_not_found=False)
        if not tier or tier.cs_level:
            continue
        vals = {"cs_level": level, "cs_level_highest_only": highest_only}
        domain = (tier.definition_domain or "").strip()
        if domain == shipped or "approval_rank" in domain:
            vals["definition_domain"] = False
        tier.write(vals)
