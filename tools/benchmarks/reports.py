"""Printed forms: the complaint form printed in one batch."""

import io
from datetime import timedelta

from odoo import fields
from odoo.tools.pdf import PdfFileReader

from . import operation

# wkhtmltopdf lays out a few pages a second: a batch beyond this says nothing more.
PRINT_CAP = 100


def _complaints(env, n):
    customers = env["res.partner"].create(
        [{"name": f"Bench report customer {i}", "is_company": True} for i in range(10)]
    )
    categories = env["customer_service.complaint.category"].search([])
    now = fields.Datetime.now()
    return env["customer_service.complaint"].create(
        [
            {
                "partner_id": customers[i % len(customers)].id,
                "category_id": categories[i % len(categories)].id,
                "received_at": now - timedelta(hours=i),
                "subject": f"Bench complaint {i}",
                "description": f"<p>Bench complaint {i}: the pump leaks.</p>",
                "root_cause": "Seal worn out",
            }
            for i in range(min(n, PRINT_CAP))
        ]
    )


@operation("reports.complaint_batch_print", setup=_complaints)
def complaint_batch_print(env, n, complaints):
    """The complaint investigation form of N complaints (at most 100) as one PDF."""
    pdf, _format = env["ir.actions.report"]._render_qweb_pdf(
        "customer_service.action_report_complaint", complaints.ids
    )
    pages = len(PdfFileReader(io.BytesIO(pdf)).pages)
    return f"{len(complaints)} complaints printed, {pages} pages, {len(pdf) // 1024} KB"
