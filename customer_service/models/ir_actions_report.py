import functools
import subprocess

import lxml.html

from odoo import models

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
        if len(bodies) > 1 and not _wkhtmltopdf_has_patched_qt():
            bodies = [_join_bodies(bodies)]
        return super()._run_wkhtmltopdf(bodies, *args, **kwargs)
