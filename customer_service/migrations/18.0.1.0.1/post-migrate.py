"""Average days to close counts closed complaints only: the stored days to
close of an open complaint is empty (NULL), no longer 0. Stored values written
before are recomputed, since the ORM recomputes a stored field on upgrade only
when it is new."""

from odoo import SUPERUSER_ID, api


def recompute_days_to_close(env):
    complaints = env["customer_service.complaint"].search([])
    # Computed from the database's values, whatever the cache holds.
    complaints.invalidate_model(["days_to_close"])
    env.add_to_compute(complaints._fields["days_to_close"], complaints)
    complaints.flush_model(["days_to_close"])


def migrate(cr, version):
    if not version:
        return
    recompute_days_to_close(api.Environment(cr, SUPERUSER_ID, {}))
