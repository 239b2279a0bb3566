"""Shared set-up of the pytest-odoo suites."""

import odoo

# pytest-odoo imports Odoo's test framework before it switches test mode on, and
# Odoo logs an error for an import outside test mode: import it in test mode.
odoo.tools.config["test_enable"] = True
import odoo.tests  # noqa: E402  pylint: disable=wrong-import-position

odoo.tools.config["test_enable"] = False
