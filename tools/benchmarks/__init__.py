"""Registry of benchmark operations (see ``tools/bench.py``)."""

from collections import namedtuple

Operation = namedtuple("Operation", "setup run")
OPERATIONS = {}


def operation(name, setup=None):
    """Register ``run(env, n, context)``; ``setup(env, n)`` builds its data
    unmeasured and returns the context passed to ``run``. ``run`` may return a
    short text printed beside the figures."""

    def register(run):
        OPERATIONS[name] = Operation(setup, run)
        return run

    return register
