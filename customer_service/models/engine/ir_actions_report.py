import functools
import io
import subprocess

import lxml.html
from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin


@functools.cache
def _wkhtmltopdf_has_patched_qt():
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        return True
    return "patched qt" in version


def _join_bodies(bodies):
    """One HTML document of ``bodies``, each from a new page."""
    document = lxml.html.document_fromstring(bodies[0])
    body = document.body
    for html in bodies[1:]:
        page = lxml.html.Element("div", style="page-break-before: always;")
        for child in lxml.html.document_fromstring(html).body:
            page.append(child)
        body.append(page)
    return lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="unicode")


def _number_pages(pdf):
    """``pdf`` with "page / pages" at the foot of every page, drawn as Odoo's
    own banner is. Only for the build without patched Qt, which writes no
    outlines either: nothing that Odoo splits batches by is lost."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    total = len(reader.pages)
    if not total:
        return pdf
    overlay = io.BytesIO()
    sheet = canvas.Canvas(overlay)
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        sheet.setPageSize((width, height))
        sheet.setFont("Helvetica", 8)
        sheet.drawCentredString(width / 2, 18, f"{number} / {total}")
        sheet.showPage()
    sheet.save()
    numbers = PdfFileReader(overlay, strict=False)
    writer = PdfFileWriter()
    for page, number_page in zip(reader.pages, numbers.pages, strict=True):
        page.merge_page(number_page)
        writer.add_page(page)
    result = io.BytesIO()
    writer.write(result)
    return result.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        # Who may print follows who may read: refused up front with a plain
        # AccessError, not halfway through the template.
        if report.model.startswith("customer_service.") and docids:
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)

    def _run_wkhtmltopdf(self, bodies, *args, **kwargs):
        # A wkhtmltopdf built without patched Qt (the one Debian ships) makes
        # no PDF of several documents at all: print them as one, each from a
        # new page, so that batches and case files print there too.
        patched = _wkhtmltopdf_has_patched_qt()
        if len(bodies) > 1 and not patched:
            bodies = [_join_bodies(bodies)]
        pdf = super()._run_wkhtmltopdf(bodies, *args, **kwargs)
        report_ref = kwargs.get("report_ref") or (args[0] if args else False)
        if not patched and report_ref and self._is_customer_service_report(report_ref):
            # That build prints no header or footer either: the forms still
            # carry page numbers, stamped on the finished PDF.
            pdf = _number_pages(pdf)
        return pdf

    def _is_customer_service_report(self, report_ref):
        report = self._get_report(report_ref)
        return report.report_name.startswith("customer_service.")
