"""Shared set-up of the pytest-odoo suites."""

import pytest

import odoo

# pytest-odoo imports Odoo's test framework before it switches test mode on, and
# Odoo logs an error for an import outside test mode: import it in test mode.
odoo.tools.config["test_enable"] = True
import odoo.http  # noqa: E402  pylint: disable=wrong-import-position
import odoo.tests  # noqa: E402  pylint: disable=wrong-import-position

odoo.tools.config["test_enable"] = False


@pytest.fixture(scope="session", autouse=True)
def _read_manifests_once():
    """Read every manifest before the tours' HTTP threads do.

    Odoo parses the manifests lazily on the first static request; Python 3.11's
    parser is not thread-safe there ("AST constructor recursion depth mismatch")
    when the browser's parallel requests race to do it.
    """
    odoo.http.root.statics  # noqa: B018  pylint: disable=pointless-statement
