"""Benchmark harness: ``./dev bench N [operation ...]``.

Each operation builds its data for N records (not measured), then runs the
measured step once; the harness prints wall time and SQL query count per
operation. Operations live in ``tools/benchmarks/*.py`` and register with
``@operation``. Every operation runs in its own transaction, rolled back
afterwards, in a database that ``./dev bench`` throws away.
"""

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

import odoo
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).parent))
import benchmarks

MAX_N = 100_000


def load_operations():
    for info in pkgutil.iter_modules(benchmarks.__path__):
        importlib.import_module(f"benchmarks.{info.name}")
    return benchmarks.OPERATIONS


def run_operation(registry, name, op, n):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": False})
        context = op.setup(env, n) if op.setup else None
        env.flush_all()
        env.invalidate_all()
        queries_before = cr.sql_log_count
        start = time.perf_counter()
        detail = op.run(env, n, context)
        env.flush_all()
        # Chatter tracking and other end-of-transaction work count too.
        cr.precommit.run()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - queries_before
        cr.rollback()
    return elapsed, queries, detail or ""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("n", type=int, help=f"records per operation (1-{MAX_N})")
    parser.add_argument("operations", nargs="*", help="default: all")
    args = parser.parse_args()
    if not 1 <= args.n <= MAX_N:
        parser.error(f"N must be between 1 and {MAX_N}")
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    # Operations may import the addon: put the addons path in place first.
    odoo.modules.module.initialize_sys_path()
    operations = load_operations()
    unknown = set(args.operations) - set(operations)
    if unknown:
        parser.error(
            f"unknown operation(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(operations))}"
        )
    registry = Registry(args.database)
    names = args.operations or sorted(operations)
    print(f"{'operation':<44} {'N':>8} {'seconds':>9} {'queries':>9}  detail")
    for name in names:
        elapsed, queries, detail = run_operation(
            registry, name, operations[name], args.n
        )
        print(
            f"{name:<44} {args.n:>8} {elapsed:>9.3f} {queries:>9}  {detail}", flush=True
        )


if __name__ == "__main__":
    main()
