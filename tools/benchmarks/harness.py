"""Reference operation: what a plain batch create costs on this database."""

from . import operation


@operation("harness.partner_batch_create")
def partner_batch_create(env, n, _context):
    env["res.partner"].create([{"name": f"Benchmark partner {i}"} for i in range(n)])
