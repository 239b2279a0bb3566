"""Upgrades from earlier versions of the addon put stored values right."""

import importlib.util
import os
from datetime import timedelta

from complaint_common import ComplaintCase

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools import parse_version

MODULE = "customer_service"


def load_migration(version, stage):
    """The migration script Odoo runs when upgrading to ``version``."""
    path = os.path.join(
        get_module_path(MODULE), "migrations", version, f"{stage}-migrate.py"
    )
    spec = importlib.util.spec_from_file_location(f"cs_{stage}_migrate", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


@tagged("post_install", "-at_install")
class TestDaysToCloseMigration(ComplaintCase):
    VERSION = "18.0.1.0.1"

    def _stored(self, complaints):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, days_to_close FROM customer_service_complaint WHERE id IN %s",
            [tuple(complaints.ids)],
        )
        return dict(self.env.cr.fetchall())

    def test_upgrade_empties_open_complaints_and_recomputes_closed_ones(self):
        open_one = self._complaint()
        closed = self._complaint()
        closed.with_context(cs_complaint_bookkeeping=True).write(
            {"closed_at": closed.received_at + timedelta(days=2, hours=12)}
        )
        other = self._complaint()
        other.with_context(cs_complaint_bookkeeping=True).write(
            {"closed_at": other.received_at + timedelta(days=1)}
        )
        complaints = open_one | closed | other
        self.env.flush_all()
        # What 18.0.1.0.0 stored: 0 while open; and values gone stale.
        self.env.cr.execute(
            "UPDATE customer_service_complaint SET days_to_close"
            " = CASE WHEN id = %s THEN 0 ELSE 99 END WHERE id IN %s",
            [open_one.id, tuple(complaints.ids)],
        )
        self.env.invalidate_all()
        self.assertEqual(open_one.days_to_close, 0.0)

        load_migration(self.VERSION, "post").migrate(self.env.cr, "18.0.1.0.0")

        stored = self._stored(complaints)
        self.assertIsNone(stored[open_one.id])
        self.assertAlmostEqual(stored[closed.id], 2.5)
        self.assertAlmostEqual(stored[other.id], 1.0)
        self.env.invalidate_all()
        self.assertFalse(open_one.days_to_close)
        [(average,)] = self.Complaint._read_group(
            [("id", "in", complaints.ids)], [], ["days_to_close:avg"]
        )
        self.assertAlmostEqual(average, 1.75)

    def test_new_install_is_left_alone(self):
        open_one = self._complaint()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE customer_service_complaint SET days_to_close = 7 WHERE id = %s",
            [open_one.id],
        )
        load_migration(self.VERSION, "post").migrate(self.env.cr, None)
        self.assertEqual(self._stored(open_one)[open_one.id], 7.0)

    def test_the_upgrade_reaches_the_script(self):
        """Odoo runs a module's migrations up to the version of its manifest."""
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        self.assertLessEqual(
            parse_version(self.VERSION), parse_version(module.latest_version)
        )
        self.assertTrue(callable(load_migration(self.VERSION, "post").migrate))
