"""Shared set-up of the pytest-odoo suites."""

import sys
from pathlib import Path

import pytest

import odoo

# The suites sit in one folder per area and import each other's base cases by
# module name (``from test_credit import CreditCase``), as from ``common``.
HERE = Path(__file__).resolve().parent
AREAS = sorted(p for p in HERE.iterdir() if p.is_dir() and p.name.isalpha())
sys.path[:0] = [str(HERE), *map(str, AREAS)]

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
