"""Benchmark harness: ``./dev bench N [operation ...]``.

Each operation builds its data for N records (not measured), then runs the
measured step once; the harness prints one table: wall time and SQL query
count per operation, beside those of its reference (an OCA anchor measured on
the same data, or the direct insert of the rows the operation produces) and
the ratio of the two. Operations live in ``tools/benchmarks/*.py`` and
register with ``@operation``. Every operation runs in its own transaction,
rolled back afterwards, in databases that ``./dev bench`` throws away: the
addon's, and for OCA anchors one built from the same template with the OCA
modules instead of the addon.
"""

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

import odoo
from odoo.modules.registry import Registry
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).parent))
import benchmarks

MAX_N = 100_000


def load_operations():
    for info in pkgutil.iter_modules(benchmarks.__path__):
        importlib.import_module(f"benchmarks.{info.name}")
    return benchmarks.OPERATIONS


def analyze(cr):
    """Statistics of the set-up's rows, as a database in use has them for the
    rows it holds: autovacuum analyses committed rows, and the set-up's are
    not committed. Without them the planner takes a table of 10,000 fresh
    rows for an empty one, which no production database shows."""
    cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    tables = [SQL.identifier(row[0]) for row in cr.fetchall()]
    cr.execute(SQL("ANALYZE %s", SQL(", ").join(tables)))


def run_operation(registry, op, n):
    """(seconds, queries, detail, count) of ``op`` on N records: of its one
    run, or the median run of its ``repeat`` runs on the same data."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": False})
        context = op.setup(env, n) if op.setup else None
        env.flush_all()
        # The end-of-transaction work of the set-up (tracking) is the set-up's.
        cr.precommit.run()
        analyze(cr)
        env.invalidate_all()
        runs = []
        for _run in range(op.repeat):
            savepoint = cr.savepoint(flush=False)
            queries_before = cr.sql_log_count
            start = time.perf_counter()
            result = op.run(env, n, context)
            env.flush_all()
            # Chatter tracking and other end-of-transaction work count too.
            cr.precommit.run()
            runs.append(
                (time.perf_counter() - start, cr.sql_log_count - queries_before)
            )
            savepoint.close(rollback=True)
            env.invalidate_all()
        cr.rollback()
    elapsed, queries = sorted(runs)[len(runs) // 2]
    detail, count = result if isinstance(result, tuple) else (result, None)
    if op.repeat > 1:
        detail = f"{detail or ''} (median of {op.repeat} runs)".strip()
    return elapsed, queries, detail or "", count


def selected(operations, names):
    """The operations to print as rows: those asked for, else every one that
    is no other's reference."""
    if names:
        return names
    references = {ref for op in operations.values() for ref in op.references}
    return sorted(name for name in operations if name not in references)


def needed_oca_modules(operations, names):
    rows = selected(operations, names)
    measured = [operations[name] for name in rows]
    measured += [operations[ref] for op in measured for ref in op.references]
    modules = set()
    for op in measured:
        if op.database == "oca":
            modules |= set(op.modules or benchmarks.OCA_MODULES)
    return sorted(modules)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--oca-database", help="database with the OCA modules")
    parser.add_argument(
        "--needs-oca",
        action="store_true",
        help="print the OCA modules and wheels the operations need, and stop",
    )
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
    if args.needs_oca:
        for module in needed_oca_modules(operations, args.operations):
            print(module, *benchmarks.OCA_MODULES[module])
        return
    registries = {"main": Registry(args.database)}
    if args.oca_database:
        registries["oca"] = Registry(args.oca_database)

    def measure(name, n):
        op = operations[name]
        registry = registries.get(op.database)
        if registry is None:
            return None
        return run_operation(registry, op, n)

    header = (
        f"{'operation':<40} {'N':>7} {'seconds':>8} {'queries':>8}  "
        f"{'reference':<34} {'ref N':>7} {'ref s':>8} {'ref q':>7} {'ratio':>6}  detail"
    )
    print(header)
    print("-" * len(header))
    for name in selected(operations, args.operations):
        ours = measure(name, args.n)
        if ours is None:
            print(f"{name:<40} {args.n:>7}  skipped: no database with OCA modules")
            continue
        elapsed, queries, detail, count = ours
        ref_n = count if count else args.n
        rows = []
        for reference in operations[name].references:
            theirs = measure(reference, ref_n) if ref_n else None
            if theirs is None:
                rows.append((f"{reference:<34} {'':>7} {'-':>8} {'':>7} {'':>6}", ""))
                continue
            ref_elapsed, ref_queries, ref_detail, _count = theirs
            ratio = elapsed / ref_elapsed if ref_elapsed else float("inf")
            cells = (
                f"{reference:<34} {ref_n:>7} {ref_elapsed:>8.3f} "
                f"{ref_queries:>7} {ratio:>5.2f}x"
            )
            rows.append((cells, f"ref: {ref_detail}" if ref_detail else ""))
        if not rows:
            rows.append((f"{'':<34} {'':>7} {'':>8} {'':>7} {'':>6}", ""))
        # One row per reference: ours on the first, the others beneath it.
        ours_cells = f"{name:<40} {args.n:>7} {elapsed:>8.3f} {queries:>8}"
        for index, (ref_cells, ref_detail) in enumerate(rows):
            if index:
                ours_cells, detail = f"{'':<40} {'':>7} {'':>8} {'':>8}", ""
            text = " | ".join(part for part in (detail, ref_detail) if part)
            print(f"{ours_cells}  {ref_cells}  {text}", flush=True)


if __name__ == "__main__":
    main()
