"""Registry of benchmark operations (see ``tools/bench.py``)."""

from collections import namedtuple

Operation = namedtuple(
    "Operation", "setup run references database modules repeat", defaults=(None, 1)
)
OPERATIONS = {}
# OCA modules the "oca" database gets, and the PyPI wheels they come from.
OCA_MODULES = {
    "sale_financial_risk": (
        "odoo-addon-sale_financial_risk==18.0.*",
        "odoo-addon-account_financial_risk==18.0.*",
    ),
    "helpdesk_mgmt_sla": (
        "odoo-addon-helpdesk_mgmt==18.0.*",
        "odoo-addon-helpdesk_mgmt_sla==18.0.*",
    ),
}


def operation(
    name, setup=None, reference=None, database="main", modules=None, repeat=1
):
    """Register ``run(env, n, context)``; ``setup(env, n)`` builds its data
    unmeasured and returns the context passed to ``run``. ``run`` may return a
    short text printed beside the figures, or (text, count) where count is the
    number of rows the operation produced: its ``reference`` operation (an
    anchor or a direct insert; a tuple of them for several, each on a row of
    its own) then runs with N = count, so that both figures concern the same
    rows. ``database`` "oca" runs the operation in the
    database with the OCA modules and without the addon; ``modules`` names
    those of ``OCA_MODULES`` it needs there (default: all of them).
    ``repeat`` runs an operation of a few milliseconds that many times on the
    same data, each run rolled back, and keeps the median: one run of it
    measures the machine's load more than the operation."""

    def register(run):
        references = (reference,) if isinstance(reference, str) else reference or ()
        OPERATIONS[name] = Operation(
            setup, run, tuple(references), database, modules, repeat
        )
        return run

    return register
