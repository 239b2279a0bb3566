"""Complaints: OCA ``helpdesk_mgmt`` with ``helpdesk_mgmt_sla`` taking the
intake of ``complaints.batch_create``.

The reference of ``complaints.batch_create``. ``./dev bench`` installs the
modules from their PyPI wheels (``OCA_MODULES`` in ``__init__.py``) into a
database built from the same template as the addon's, without the addon;
without that database the operation is skipped.

Same intake: N tickets in one create over 200 customers and the categories,
each assigned to a member of a team that uses SLAs (one rule per category,
one for the whole team), so that tickets get their number, their SLA
deadlines, their assignment notice and followers, as the complaints get
theirs.
"""

from . import operation

SKIPPED = "OCA helpdesk_mgmt_sla not installed"
CUSTOMERS = 200
CATEGORIES = 4
MEMBERS = 2


def _helpdesk_data(env, n):
    if "helpdesk.sla" not in env:
        return None
    customers = env["res.partner"].create(
        [
            {"name": f"Bench ticket customer {i}", "is_company": True}
            for i in range(CUSTOMERS)
        ]
    )
    categories = env["helpdesk.ticket.category"].create(
        [{"name": f"Bench category {i}"} for i in range(CATEGORIES)]
    )
    members = env["res.users"].create(
        [
            {
                "name": f"Bench helpdesk agent {i}",
                "login": f"bench_hd_{i}",
                "groups_id": [(4, env.ref("helpdesk_mgmt.group_helpdesk_user").id)],
            }
            for i in range(MEMBERS)
        ]
    )
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench team", "use_sla": True, "user_ids": [(6, 0, members.ids)]}
    )
    env["helpdesk.sla"].create(
        [{"name": "Bench team SLA", "team_ids": [(6, 0, team.ids)], "days": 5}]
        + [
            {
                "name": f"Bench SLA {category.name}",
                "team_ids": [(6, 0, team.ids)],
                "category_ids": [(6, 0, category.ids)],
                "hours": 8,
            }
            for category in categories
        ]
    )
    channels = env["helpdesk.ticket.channel"].search([])
    return customers, categories, members, team, channels


@operation(
    "complaints_oca.helpdesk_batch_create",
    setup=_helpdesk_data,
    database="oca",
    modules=("helpdesk_mgmt_sla",),
)
def helpdesk_batch_create(env, n, context):
    """N tickets in one create: number, stage, SLA, assignment, chatter."""
    if context is None:
        return SKIPPED
    customers, categories, members, team, channels = context
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"Bench ticket {i}",
                "description": f"Bench complaint {i}",
                "partner_id": customers[i % len(customers)].id,
                "category_id": categories[i % len(categories)].id,
                "team_id": team.id,
                "user_id": members[i % len(members)].id,
                "channel_id": channels[i % len(channels)].id if channels else False,
            }
            for i in range(n)
        ]
    )
    slas = env["helpdesk.ticket.sla"].search_count([("ticket_id", "in", tickets.ids)])
    return f"{len(tickets)} tickets, {slas} SLA deadlines"
