"""The app's overview: every tile's counters over N open complaints, counted as
a customer-service manager (record rules apply), then as a salesperson."""

from . import operation
from .complaints import _insert_complaints


def _users(env):
    return {
        role: env["res.users"].create(
            {
                "name": f"Bench overview {role}",
                "login": f"bench_overview_{role}",
                "groups_id": [(6, 0, [env.ref(group).id])],
            }
        )
        for role, group in (
            ("manager", "customer_service.group_customer_service_manager"),
            ("salesman", "sales_team.group_sale_salesman"),
        )
    }


def _overview_data(env, n):
    _insert_complaints(env, n, overdue_every=20)
    return _users(env)


def _compute(env, user):
    Tile = env["customer_service.overview.tile"].with_user(user)
    names = [name for name in Tile._fields if name.endswith("_count")]
    tiles = Tile.search([])
    rows = tiles.read([*names, "survey_response_rate"])
    return {row["id"]: row for row in rows}, tiles


@operation("overview.counters_manager", setup=_overview_data)
def counters_manager(env, n, users):
    """All tiles a CS manager sees, over N open complaints, 5 % overdue."""
    rows, tiles = _compute(env, users["manager"])
    complaint = rows[env.ref("customer_service.overview_tile_complaint").id]
    return (
        f"{len(tiles)} tiles; {complaint['complaint_open_count']} open, "
        f"{complaint['complaint_overdue_count']} overdue"
    )


@operation("overview.counters_salesman", setup=_overview_data)
def counters_salesman(env, n, users):
    """The tiles of a salesperson, whose rules hide the N complaints."""
    rows, tiles = _compute(env, users["salesman"])
    complaint = rows[env.ref("customer_service.overview_tile_complaint").id]
    return f"{len(tiles)} tiles; {complaint['complaint_open_count']} open"
