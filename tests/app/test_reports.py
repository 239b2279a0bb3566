"""Printed forms (QWeb PDF): content, the customer's language, who may print,
the monthly summary's PDF and the yearly case file.

wkhtmltopdf is slow: each test renders one PDF holding several documents, and
pages are told apart by their reference.
"""

import io
import re
import subprocess
import tempfile
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import polib
from common import RoleCase
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user, tagged
from odoo.tools import config
from odoo.tools.translate import TranslationImporter, trans_export

from odoo.addons.customer_service.models.engine.ir_actions_report import (
    _wkhtmltopdf_has_patched_qt,
)

MODULE = "customer_service"
RADICALS = str.maketrans(
    {
        "⼾": "户",
        "⻔": "门",
        "⻅": "见",
        "⻓": "长",
        "⻋": "车",
        "⻚": "页",
        "⻛": "风",
        "⻢": "马",
        "⻜": "飞",
        "⻉": "贝",
        "⻄": "西",
    }
)


def _normalize(text):
    return " ".join(text.split())


def load_zh_cn(env):
    """Loads the Chinese catalogue, with the report terms not merged yet."""
    root = Path(get_module_path(MODULE))
    known = {}
    for path in (
        root / "i18n" / "zh_CN.po",
        root.parent / "tools" / "i18n_pending" / "reports.po",
    ):
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.msgstr:
                    known[_normalize(entry.msgid)] = entry.msgstr
    buffer = io.BytesIO()
    trans_export(None, [MODULE], buffer, "po", env.cr)
    catalogue = polib.pofile(buffer.getvalue().decode())
    for entry in catalogue:
        entry.msgstr = known.get(_normalize(entry.msgid), "")
    # The importer reads named files only (for the template it looks for).
    with tempfile.NamedTemporaryFile(suffix=".po") as file:
        catalogue.save(file.name)
        with open(file.name, "rb") as po:
            importer = TranslationImporter(env.cr, verbose=False)
            importer.load(po, "po", "zh_CN")
            importer.save(overwrite=True)


def pdf_pages(pdf):
    """The text of each page of ``pdf``, white space collapsed."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    # CJK fonts draw some characters with the glyph of a radical, which the
    # PDF's text then gives (⼾ for 户, ⻔ for 门): read them as the characters.
    text = unicodedata.normalize("NFKC", text.translate(RADICALS))
    return [_normalize(page) for page in text.split("\f") if page.strip()]


@tagged("post_install", "-at_install")
class ReportCase(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh_cn(cls.env)
        # wkhtmltopdf fetches the report's styles from this server.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://127.0.0.1:{config['http_port']}"
        )
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.users = cls.users_by_role
        salesman = cls.users["salesman"]
        cls.zh_customer = cls.env["res.partner"].create(
            {
                "name": "杭州明远科技",
                "is_company": True,
                "lang": "zh_CN",
                "email": "kefu@mingyuan.example.com",
                "user_id": salesman.id,
            }
        )
        cls.en_customer = cls.env["res.partner"].create(
            {
                "name": "Northwind Traders",
                "is_company": True,
                "lang": "en_US",
                "email": "service@northwind.example.com",
                "user_id": salesman.id,
            }
        )

    def _pdf(self, report, records, user, lang=None):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang=lang)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def _pages_of(self, pages, reference):
        """The text of the document of ``reference``: from the page whose
        heading shows it to the next document's."""
        found, current = [], None
        for page in pages:
            heading = page[:120]
            if reference in heading:
                current = reference
            elif re.search(r"[A-Z]{2}\d{4}-\d{5}", heading):
                current = None
            if current:
                found.append(page)
        self.assertTrue(found, f"no page shows {reference}")
        return " ".join(found)

    def _print_menu(self, model, role):
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.users[role])
            .get_bindings(model)
        )
        ids = {action["id"] for action in bindings.get("report", [])}
        return set(self.env["ir.actions.report"].browse(ids).get_external_id().values())


class TestComplaintForms(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["customer_service.complaint.category"].create(
            {"name": "Pump quality", "reply_days": 5, "return_visit_count": 1}
        )
        cls.handler = cls.users["cs_user"]
        cls.Complaint = cls.env["customer_service.complaint"]
        today = fields.Date.context_today(cls.Complaint)
        # Received last month, for the monthly summary.
        cls.month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        received = fields.Datetime.to_datetime(cls.month) + timedelta(hours=2)
        cls.zh_complaint = cls._complaint(cls.zh_customer, received)
        cls.en_complaint = cls._complaint(cls.en_customer, received + timedelta(days=3))
        cls.late_complaint = cls._complaint(
            cls.en_customer, received + timedelta(days=4)
        )
        cls.old_complaint = cls._complaint(
            cls.zh_customer, received + timedelta(days=5)
        )
        cls.open_complaint = cls._complaint(
            cls.zh_customer, received + timedelta(days=6)
        )

    @classmethod
    def _complaint(cls, partner, received):
        return cls.Complaint.create(
            {
                "partner_id": partner.id,
                "category_id": cls.category.id,
                "user_id": cls.handler.id,
                "received_at": received,
                "subject": f"Leaking pump of {partner.name}",
                "description": "<p>The pump leaks</p>",
            }
        )

    def _close(self, complaint, **values):
        complaint.action_acknowledge()
        complaint.action_investigate()
        complaint.write(
            {
                "investigation_result": "founded",
                "responsibility": "company",
                "root_cause": "Seal worn out",
                "solution": "<p>Replace the pump</p>",
                "remedy_type": "replace",
                **values,
            }
        )
        if complaint.approval_level:
            complaint.with_user(self.handler).request_validation()
            complaint.with_user(self.users["approver_gm"]).validate_tier()
            complaint.with_user(self.users["cs_manager"]).validate_tier()
        complaint.action_propose()
        complaint.action_accept()
        complaint.action_implement()
        complaint.action_implemented()
        for visit in complaint.visit_ids:
            visit.write(
                {
                    "actual_start": fields.Datetime.now(),
                    "content": "Pump replaced, no leak",
                    "satisfaction": "4",
                }
            )
            visit.action_done()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")

    def _closed_on(self, complaint, when):
        complaint.flush_recordset()
        self.env.cr.execute(
            "UPDATE customer_service_complaint SET closed_at = %s WHERE id = %s",
            [when, complaint.id],
        )
        complaint.invalidate_recordset(["closed_at"])

    def test_investigation_form_in_the_customers_language(self):
        self.env.company.write(
            {
                "cs_complaint_approval_amount": 1000,
                "cs_complaint_approval_amount_gm": 5000,
            }
        )
        self._close(
            self.zh_complaint,
            root_cause="密封圈老化",
            remedy_type="compensation",
            amount=8000,
        )
        self.assertEqual(len(self.zh_complaint.review_ids), 2)
        self.assertIn(
            "customer_service.action_report_complaint",
            self._print_menu("customer_service.complaint", "cs_user"),
        )
        # Printed in one batch as the handler, each form in its customer's language.
        pages = pdf_pages(
            self._pdf(
                "customer_service.action_report_complaint",
                self.zh_complaint | self.en_complaint,
                self.handler,
            )
        )
        chinese = self._pages_of(pages, self.zh_complaint.name)
        for text in (
            "客户投诉调查处理表",
            "投诉受理",
            "调查结果",
            "根本原因",
            "处理方案及补救措施",
            "客户意见",
            "回访记录",
            "结案",
            "审批流程",
            "杭州明远科技",
            "密封圈老化",
            "8,000.00",
            "Pump replaced, no leak",
            "4 - 满意",
            self.users["approver_gm"].name,
            self.users["cs_manager"].name,
            "签字",
            "日期",
        ):
            self.assertIn(text, chinese)
        self.assertNotIn("Complaint Investigation and Handling Form", chinese)
        self.assertNotIn("Satisfied", chinese)
        english = self._pages_of(pages, self.en_complaint.name)
        for text in (
            "Complaint Investigation and Handling Form",
            "Intake",
            "Root Cause",
            "Northwind Traders",
            "No return visit yet.",
            "No approval was required.",
        ):
            self.assertIn(text, english)
        self.assertNotIn("客户投诉调查处理表", english)
        # Page numbers: in the layout's footer with a wkhtmltopdf of patched
        # Qt, else stamped on the finished PDF.
        if _wkhtmltopdf_has_patched_qt():
            self.assertIn("Page", english)
        else:
            total = len(pages)
            for number, page in enumerate(pages, start=1):
                self.assertIn(f"{number}/{total}", page.replace(" ", ""))

    def test_who_cannot_read_a_complaint_cannot_print_it(self):
        for role in ("employee", "accountant"):
            with self.assertRaises(AccessError):
                self.env["ir.actions.report"].with_user(
                    self.users[role]
                )._render_qweb_pdf(
                    "customer_service.action_report_complaint", self.zh_complaint.ids
                )

    def test_monthly_summary_mail_carries_the_pdf(self):
        manager = self.users["cs_manager"]
        manager.lang = "zh_CN"
        self.env.company.write(
            {
                "cs_complaint_management_user_ids": [(6, 0, manager.ids)],
                "cs_complaint_summary_month": False,
            }
        )
        mails = self.Complaint.with_context(
            force_report_rendering=True
        )._cron_monthly_summary()
        mail = mails.filtered(lambda m: manager.partner_id in m.recipient_ids)
        self.assertEqual(len(mail), 1)
        self.assertEqual(len(mail.attachment_ids), 1)
        attachment = mail.attachment_ids
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertEqual(attachment.res_model, "res.company")
        text = " ".join(pdf_pages(attachment.raw))
        values = self.Complaint._summary_values(
            self.env.company,
            fields.Datetime.to_datetime(self.month),
            fields.Datetime.to_datetime(self.month) + relativedelta(months=1),
        )
        self.assertIn("客户投诉每月汇总", text)
        self.assertIn(self.month.strftime("%Y-%m"), text)
        self.assertIn("Pump quality", text)
        self.assertIn(f"受理投诉数 {values['total']}", text)
        # Sent once: a second run mails nothing more.
        self.assertFalse(self.Complaint._cron_monthly_summary())

    def test_yearly_case_file_holds_the_years_closed_complaints(self):
        for complaint in (
            self.zh_complaint,
            self.en_complaint,
            self.late_complaint,
            self.old_complaint,
        ):
            self._close(complaint)
        # 2025 in Shanghai: the last one closed on New Year's night there.
        self._closed_on(self.en_complaint, datetime(2025, 12, 31, 10, 0))
        self._closed_on(self.zh_complaint, datetime(2025, 6, 1, 2, 0))
        self._closed_on(self.late_complaint, datetime(2025, 12, 31, 17, 0))
        self._closed_on(self.old_complaint, datetime(2024, 12, 1, 2, 0))
        Wizard = self.env["customer_service.complaint.case.file"].with_context(
            force_report_rendering=True
        )
        wizard = Wizard.with_user(self.handler).create({"year": 2025})
        self.assertEqual(wizard._complaints(), self.zh_complaint | self.en_complaint)
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = (
            self.env["ir.attachment"].with_user(self.handler).browse(attachment_id)
        )
        self.assertEqual(attachment.mimetype, "application/pdf")
        # Only who printed it downloads it.
        with self.assertRaises(AccessError):
            attachment.with_user(self.users["cs_manager"]).check("read")
        pages = pdf_pages(attachment.raw)
        index = pages[0]
        self.assertIn("Complaint Case File", index)
        self.assertIn("2025", index)
        first, second = sorted([self.zh_complaint.name, self.en_complaint.name])
        self.assertLess(index.index(first), index.index(second))
        text = " ".join(pages)
        for complaint in (self.late_complaint, self.old_complaint, self.open_complaint):
            self.assertNotIn(complaint.name, text)
        # Each form follows its customer's language.
        self.assertIn(
            "客户投诉调查处理表", self._pages_of(pages[1:], self.zh_complaint.name)
        )
        self.assertIn(
            "Complaint Investigation and Handling Form",
            self._pages_of(pages[1:], self.en_complaint.name),
        )
        # Bad input: a year without closed complaints, a year that is no year.
        with self.assertRaises(UserError):
            Wizard.with_user(self.handler).create({"year": 2019}).action_print()
        with self.assertRaises(UserError):
            Wizard.create({"year": 26})
        with self.assertRaises(AccessError):
            Wizard.with_user(self.users["employee"]).create({"year": 2025})


class TestVisitForms(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep = cls.users["salesman"]
        cls.boss = new_test_user(
            cls.env,
            "cs_report_visit_boss",
            name="Visit Supervisor",
            groups="customer_service.group_customer_service_manager",
        )
        boss_employee = cls.env["hr.employee"].create(
            {"name": "Visit Supervisor", "user_id": cls.boss.id}
        )
        cls.env["hr.employee"].create(
            {"name": "Rep", "user_id": cls.rep.id, "parent_id": boss_employee.id}
        )
        cls.env.company.cs_visit_expense_limit = 500
        Visit = cls.env["customer_service.visit"].with_user(cls.rep)
        cls.visits = Visit.create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": cls.rep.id,
                    "planned_start": datetime(2026, 3, 6, 2, 0),
                    "purpose": purpose,
                }
                for partner, purpose in (
                    (cls.zh_customer, "季度例行回访"),
                    (cls.en_customer, "Quarterly routine visit"),
                )
            ]
        )
        for visit, content, needs in zip(
            cls.visits,
            ("了解新泵的使用情况", "Checked the new pump"),
            ("希望缩短交货期", "Wants shorter lead times"),
            strict=True,
        ):
            visit.write(
                {
                    "actual_start": datetime(2026, 3, 6, 2, 30),
                    "met_contact": "Li Lei",
                    "content": content,
                    "customer_needs": needs,
                    "satisfaction": "4",
                }
            )
            visit.action_done()
        cls.zh_visit, cls.en_visit = cls.visits
        cls.zh_visit.expense_ids = [(0, 0, {"name": "Banquet", "amount": 800})]
        cls.zh_visit.request_validation()
        cls.zh_visit.with_user(cls.boss).validate_tier()
        cls.visits.action_submit_report()
        cls.zh_visit.with_user(cls.boss).write({"review_comment": "记录完整"})
        cls.zh_visit.with_user(cls.boss).action_approve_report()

    def test_visit_record_and_report(self):
        self.assertEqual(
            {
                "customer_service.action_report_visit_record",
                "customer_service.action_report_visit_report",
            }
            - self._print_menu("customer_service.visit", "salesman"),
            set(),
        )
        record = pdf_pages(
            self._pdf(
                "customer_service.action_report_visit_record", self.visits, self.rep
            )
        )
        chinese = self._pages_of(record, self.zh_visit.name)
        for text in (
            "客户回访记录表",
            "回访计划",
            "客户反馈",
            "季度例行回访",
            "了解新泵的使用情况",
            "希望缩短交货期",
            "客户签字",
        ):
            self.assertIn(text, chinese)
        english = self._pages_of(record, self.en_visit.name)
        for text in ("Customer Visit Record", "Visit Plan", "Checked the new pump"):
            self.assertIn(text, english)

        report = pdf_pages(
            self._pdf(
                "customer_service.action_report_visit_report", self.visits, self.boss
            )
        )
        chinese = self._pages_of(report, self.zh_visit.name)
        for text in (
            "客户回访报告表",
            "主管审核",
            "记录完整",
            "Visit Supervisor",
            "800.00",
            "审批流程",
        ):
            self.assertIn(text, chinese)
        english = self._pages_of(report, self.en_visit.name)
        for text in ("Customer Visit Report", "Supervisor Review", "Submitted"):
            self.assertIn(text, english)

    def test_who_cannot_read_a_visit_cannot_print_it(self):
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(
                self.users["employee"]
            )._render_qweb_pdf(
                "customer_service.action_report_visit_record", self.zh_visit.ids
            )


class TestCreditForm(ReportCase):
    def _application(self, partner, limit, days):
        application = (
            self.env["customer_service.credit.application"]
            .with_user(self.users["credit_controller"])
            .create(
                {
                    "partner_id": partner.id,
                    "requested_limit": limit,
                    "requested_term_days": days,
                    "expected_monthly_business": 10000,
                    "registered_capital": 5000000,
                    "justification": "Long-standing customer",
                }
            )
        )
        application.sudo().is_new_customer = False
        return application

    def test_credit_application_form_for_the_credit_roles_only(self):
        approved = self._application(self.zh_customer, 20000, 30)
        approved.action_submit()
        approved.with_user(self.users["approver_gm"]).validate_tier()
        approved.with_user(self.users["approver_deputy_gm"]).validate_tier()
        self.assertEqual(approved.state, "active")
        draft = self._application(self.en_customer, 5000, 15)
        controller = self.users["credit_controller"]
        pages = pdf_pages(
            self._pdf(
                "customer_service.action_report_credit_application",
                approved | draft,
                controller,
            )
        )
        chinese = self._pages_of(pages, approved.name)
        for text in (
            "客户信用申请审批表",
            "资信评估",
            "申请额度",
            "批准额度",
            "20,000.00",
            "5,000,000.00",
            "分管副总",
            self.users["approver_gm"].name,
            self.users["approver_deputy_gm"].name,
            "审批流程",
        ):
            self.assertIn(text, chinese)
        english = self._pages_of(pages, draft.name)
        for text in (
            "Credit Application Approval Form",
            "Credit Evaluation",
            "Requested",
            "5,000.00",
            "General Manager",
        ):
            self.assertIn(text, english)
        # Printing is reading the credit file: logged for the auditors.
        log = self.env["customer_service.credit.read.log"].search(
            [("user_id", "=", controller.id), ("partner_id", "=", self.en_customer.id)]
        )
        self.assertTrue(log)
        # The form is confidential: not in the others' Print menu, refused to them.
        group_xmlids = set(
            self.env.ref("customer_service.action_report_credit_application")
            .groups_id.get_external_id()
            .values()
        )
        self.assertIn(
            "customer_service.group_customer_service_credit_controller", group_xmlids
        )
        self.assertIn(
            "customer_service.action_report_credit_application",
            self._print_menu("customer_service.credit.application", "auditor"),
        )
        for role in ("cs_manager", "salesman"):
            self.assertNotIn(
                "customer_service.action_report_credit_application",
                self._print_menu("customer_service.credit.application", role),
            )
            with self.assertRaises(AccessError):
                self.env["ir.actions.report"].with_user(
                    self.users[role]
                )._render_qweb_pdf(
                    "customer_service.action_report_credit_application", approved.ids
                )


class TestSatisfactionForms(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.env["res.partner.category"].create({"name": "Report survey"})
        (cls.zh_customer | cls.en_customer).write(
            {"category_id": [(4, tag.id)], "customer_rank": 1}
        )
        cls.third = cls.env["res.partner"].create(
            {
                "name": "Third customer",
                "is_company": True,
                "customer_rank": 1,
                "email": "third@example.com",
                "category_id": [(4, tag.id)],
            }
        )
        cls.survey = cls.env.ref("customer_service.survey_default_questionnaire")
        cls.campaign = cls.env["customer_service.survey.campaign"].create(
            {
                "name": "2026 Q1 report campaign",
                "survey_id": cls.survey.id,
                "category_ids": [(4, tag.id)],
            }
        )
        cls.campaign.with_user(cls.users["cs_user"]).action_launch()
        first, second, _third = cls.campaign.answer_ids.sorted("id")
        cls._answer(first, 5)
        cls._answer(second, 2)

    @classmethod
    def _answer(cls, answer, level):
        for question in cls.survey.question_ids.filtered("cs_dimension"):
            choice = question.suggested_answer_ids.filtered(
                lambda a, level=level: a.cs_level == level
            )
            answer._save_lines(question, choice.id)
        answer._mark_done()

    def test_campaign_analysis_with_chart(self):
        self.assertEqual(self.campaign.invited_count, 3)
        self.assertEqual(self.campaign.answered_count, 2)
        user = self.users["cs_user"]
        report = "customer_service.action_report_survey_campaign"
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, self.campaign.ids)
        )
        html = html.decode()
        # Nine dimensions, each its bar, at 3.5 of 5 below the chart's top.
        self.assertEqual(html.count("<rect"), 9)
        self.assertIn('height="129.5"', html)
        # No customer to follow: in the language of who prints it.
        pages = pdf_pages(self._pdf(report, self.campaign, user, lang="zh_CN"))
        text = " ".join(pages)
        for value in (
            "客户满意度调查表",
            "统计分析",
            "回复率",
            "满意率",
            "66.7 %",
            "50.0 %",
            "≥ 85.0 %",
            "≥ 95.0 %",
            "可靠性",
            "3.50",
            "2026 Q1 report campaign",
        ):
            self.assertIn(value, text)

    def test_quarter_results_analysis(self):
        Result = self.env["customer_service.survey.result"]
        today = fields.Date.context_today(Result)
        start, end = Result._quarter_of(today)
        results = Result.sudo()._prepare_quarter(self.env.company, start, end)
        # The campaign's: the company's counts the demo answers too.
        company_result = results.filtered(lambda r: r.campaign_id == self.campaign)
        self.assertEqual(company_result.answered_count, 2)
        auditor = self.users["auditor"]
        pages = pdf_pages(
            self._pdf(
                "customer_service.action_report_survey_result",
                company_result,
                auditor,
            )
        )
        text = " ".join(pages)
        for value in (
            "Customer Satisfaction Survey Form",
            company_result.name,
            "Response Rate",
            "66.7 %",
            "50.0 %",
            "Reliability",
            "3.50",
        ):
            self.assertIn(value, text)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(
                self.users["employee"]
            )._render_qweb_pdf(
                "customer_service.action_report_survey_result", company_result.ids
            )
