"""What a Chinese customer-service manager sees on screen: filters, names in
the user's language, the widgets and figures shown, the approval panel."""

import glob
import html
import os
from datetime import datetime, timedelta

from complaint_common import ComplaintCase
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user, tagged
from odoo.tools.translate import TranslationImporter, get_po_paths

MODULE = "customer_service"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_chinese(env):
    """The addon's zh_CN as a language install loads it, with the terms not
    yet merged into it."""
    env["res.lang"]._activate_lang("zh_CN")
    importer = TranslationImporter(env.cr, verbose=False)
    paths = [
        *get_po_paths(MODULE, "zh_CN", env),
        *sorted(glob.glob(os.path.join(REPO, "tools", "i18n_pending", "*.po"))),
    ]
    for path in paths:
        importer.load_file(path, "zh_CN")
    # Also over the translations the demo installed from the older file.
    importer.save(overwrite=True, force_overwrite=True)


def code_term_merged(msgid):
    """Whether a term of the code is already in the addon's zh_CN.po: code
    terms are read from it at run time."""
    path = os.path.join(get_module_path(MODULE), "i18n", "zh_CN.po")
    with open(path, encoding="utf-8") as po:
        return f'msgid "{msgid}"' in po.read()


@tagged("post_install", "-at_install")
class TestScreens(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.manager_zh = new_test_user(
            cls.env,
            "cs_ux_manager",
            groups="customer_service.group_customer_service_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.handler.lang = "zh_CN"

    def _filters_grouped_apart(self, model, view_xmlid, first, second):
        arch = etree.fromstring(
            self.env[model].get_view(self.env.ref(view_xmlid).id, "search")["arch"]
        )
        group = 0
        groups = {}
        for node in arch:
            if node.tag == "separator":
                group += 1
            elif node.tag == "filter":
                groups[node.get("name")] = group
        return groups[first] != groups[second]

    def test_my_default_filters_combine_with_and(self):
        # Filters of one group are OR-ed by the search panel: "my" and "open"
        # in one group listed other people's complaints.
        self.assertTrue(
            self._filters_grouped_apart(
                "customer_service.complaint",
                "customer_service.customer_service_complaint_view_search",
                "my",
                "open",
            )
        )
        self.assertTrue(
            self._filters_grouped_apart(
                "customer_service.visit",
                "customer_service.customer_service_visit_view_search",
                "my_visits",
                "this_week",
            )
        )

    def test_categories_shown_and_searched_in_the_user_language(self):
        delivery = self.env.ref("customer_service.complaint_category_delivery")
        child = self.env["customer_service.complaint.category"].create(
            {"name": "Late", "parent_id": delivery.id}
        )
        child.with_context(lang="zh_CN").name = "延迟"
        Category = (
            self.env["customer_service.complaint.category"]
            .with_user(self.manager_zh)
            .with_context(lang="zh_CN")
        )
        self.assertEqual(Category.browse(delivery.id).display_name, "交付/物流")
        self.assertEqual(Category.browse(child.id).display_name, "交付/物流 / 延迟")
        found = Category.name_search("交付")
        self.assertIn(delivery.id, [cid for cid, _name in found])
        self.assertIn(child.id, [cid for cid, _name in found])
        # English readers still read and find them in English.
        english = Category.with_context(lang="en_US")
        self.assertEqual(english.browse(delivery.id).display_name, delivery.name)
        self.assertIn(
            delivery.id, [cid for cid, _name in english.name_search("Delivery")]
        )
        complaint = self._complaint(category_id=child.id)
        self.assertEqual(
            complaint.with_user(self.manager_zh)
            .with_context(lang="zh_CN")
            .category_id.display_name,
            "交付/物流 / 延迟",
        )
        stage = self.env.ref("customer_service.complaint_stage_closed")
        self.assertEqual(
            stage.with_user(self.manager_zh).with_context(lang="zh_CN").name, "已结案"
        )

    def test_words_of_the_screens_in_chinese(self):
        Exception_ = (
            self.env["customer_service.calendar.exception"]
            .with_user(self.manager_zh)
            .with_context(lang="zh_CN")
        )
        strings = Exception_.fields_get(["hour_from", "hour_to"], ["string"])
        self.assertEqual(strings["hour_from"]["string"], "开始时间")
        self.assertEqual(strings["hour_to"]["string"], "结束时间")
        Partner = self.env["res.partner"].with_context(lang="zh_CN")
        self.assertEqual(
            Partner.fields_get(["cs_credit_overdue"], ["string"])["cs_credit_overdue"][
                "string"
            ],
            "逾期金额",
        )
        Order = self.env["sale.order"].with_context(lang="zh_CN")
        self.assertEqual(
            Order.fields_get(["cs_credit_status"], ["string"])["cs_credit_status"][
                "string"
            ],
            "信用状态（含本单）",
        )
        states = dict(
            self.Complaint.with_context(lang="zh_CN").fields_get(
                ["state"], ["selection"]
            )["state"]["selection"]
        )
        self.assertEqual(states["closed"], "已结案")
        campaign_states = dict(
            self.env["customer_service.survey.campaign"]
            .with_context(lang="zh_CN")
            .fields_get(["state"], ["selection"])["state"]["selection"]
        )
        self.assertEqual(campaign_states["done"], "已结束")

    def test_refused_step_lists_the_next_steps_the_chinese_way(self):
        if not code_term_merged("%(list)s, %(item)s"):
            self.skipTest("the list separator is not merged into zh_CN.po yet")
        complaint = self._complaint()
        with self.assertRaisesText(UserError, "已受理、已取消"):
            complaint.with_user(self.handler).with_context(
                lang="zh_CN"
            ).action_investigate()

    def test_satisfaction_shows_all_five_levels(self):
        # The priority widget shows one star fewer than the levels: level 1
        # looked like "not recorded".
        for view in (
            "customer_service.customer_service_visit_view_form",
            "customer_service.customer_service_visit_view_form_return",
        ):
            arch = etree.fromstring(
                self.env["customer_service.visit"].get_view(
                    self.env.ref(view).id, "form"
                )["arch"]
            )
            for node in arch.iter("field"):
                if node.get("name") == "satisfaction":
                    self.assertEqual(node.get("widget"), "radio", view)
        levels = self.env["customer_service.visit"].fields_get(
            ["satisfaction"], ["selection"]
        )["satisfaction"]["selection"]
        self.assertEqual([key for key, _label in levels], ["1", "2", "3", "4", "5"])

    def test_average_days_to_close_counts_closed_complaints_only(self):
        open_one = self._complaint()
        closed = self._complaint()
        closed.with_context(cs_complaint_bookkeeping=True).write(
            {"closed_at": closed.received_at + timedelta(days=3)}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT days_to_close FROM customer_service_complaint WHERE id = %s",
            [open_one.id],
        )
        self.assertIsNone(self.env.cr.fetchone()[0])
        [(average,)] = (
            self.Complaint.with_user(self.manager_zh)
            .with_context(lang="zh_CN")
            ._read_group(
                [("id", "in", (open_one | closed).ids)], [], ["days_to_close:avg"]
            )
        )
        self.assertAlmostEqual(average, 3.0)

    def test_request_for_approval_logged_once(self):
        self.env.company.write(
            {
                "cs_complaint_approval_amount": 1000,
                "cs_complaint_approval_amount_gm": 5000,
            }
        )
        # Reviewers told when their level is reached, as the credit tiers do.
        self.env["tier.definition"].search(
            [("model", "=", "customer_service.complaint")]
        ).write({"notify_on_create": False, "notify_on_pending": True})
        complaint = self._founded(
            self._complaint(), remedy_type="compensation", amount=8000
        )
        subtype = self.env.ref("base_tier_validation.mt_tier_validation_requested")
        complaint.with_user(self.handler).request_validation()
        # Every opening of the form recomputes whether one can review.
        for user in (self.handler, self.boss, self.manager_zh):
            reviews = complaint.with_user(user).review_ids
            reviews.invalidate_recordset(["can_review"])
            reviews.mapped("can_review")
        requested = complaint.message_ids.filtered(lambda m: m.subtype_id == subtype)
        self.assertEqual(len(requested), 1, requested.mapped("body"))

    def test_creation_note_in_the_user_language(self):
        complaint = (
            self.Complaint.with_user(self.handler)
            .with_context(lang="zh_CN")
            .create(
                {
                    "partner_id": self.customer.id,
                    "category_id": self.category.id,
                    "subject": "漏水",
                }
            )
        )
        note = complaint.message_ids.sorted("id")[:1]
        self.assertIn("客户投诉", str(note.body))
        self.assertNotIn("Customer Complaint", str(note.body))

    def test_next_approval_level_said_by_the_addon(self):
        self.env.company.write(
            {
                "cs_complaint_approval_amount": 1000,
                "cs_complaint_approval_amount_gm": 5000,
            }
        )
        complaint = self._founded(
            self._complaint(), remedy_type="compensation", amount=2000
        )
        complaint.with_user(self.handler).request_validation()
        level = complaint.review_ids.name
        # As the form does: whether one can review sets the level pending.
        complaint.review_ids.mapped("can_review")
        self.assertEqual(
            complaint.with_context(lang="en_US").next_review, f"Next level: {level}"
        )
        if code_term_merged("Next level: %(level)s"):
            complaint.invalidate_recordset(["next_review"])
            chinese = complaint.with_context(lang="zh_CN")
            self.assertEqual(chinese.next_review, f"下一级：{chinese.review_ids.name}")

    def test_approval_panel_in_chinese(self):
        # base_tier_validation ships no Chinese for its panel: the addon's
        # translations carry it, loaded with the addon's own.
        extra = os.path.join(get_module_path(MODULE), "i18n_extra", "zh_CN.po")
        self.assertIn(extra, list(get_po_paths(MODULE, "zh_CN", self.env)))
        arch = (
            self.Complaint.with_user(self.manager_zh)
            .with_context(lang="zh_CN")
            .get_view(
                self.env.ref(
                    "customer_service.customer_service_complaint_view_form"
                ).id,
                "form",
            )["arch"]
        )
        if isinstance(arch, bytes):
            arch = arch.decode()
        arch = html.unescape(arch)
        self.assertIn("此记录需要审批", arch)
        self.assertIn('string="批准"', arch)
        self.assertIn('string="驳回"', arch)
        self.assertNotIn("This Record needs to be", arch)

    def test_calendar_event_named_in_the_employee_language(self):
        partner = self.customer
        visit = self.env["customer_service.visit"].create(
            {
                "partner_id": partner.id,
                "user_id": self.handler.id,
                "planned_start": datetime(2026, 3, 3, 2, 0),
            }
        )
        self.assertEqual(visit.calendar_event_id.name, f"拜访：{partner.display_name}")

    def test_configuration_menu_grouped_by_area(self):
        config = self.env.ref("customer_service.customer_service_menu_config")
        menus = (
            self.env["ir.ui.menu"].with_user(self.manager_zh).with_context(lang="zh_CN")
        )
        visible = menus.browse(menus._visible_menu_ids())
        sections = visible.filtered(lambda m: m.parent_id == config)
        headers = sections.filtered(lambda m: not m.action)
        self.assertEqual(
            set(headers.mapped("name")), {"投诉", "客户", "满意度调查", "日历"}
        )
        # Beside the sections: Settings, and the overview's tiles.
        self.assertLessEqual(len(sections - headers), 2)
        for header in headers:
            self.assertTrue(visible.filtered(lambda m, h=header: m.parent_id == h))

    def test_customer_list_not_filtered_on_invoices(self):
        action = self.env.ref("customer_service.res_partner_action_customer_service")
        self.assertNotIn("search_default_customer", action.context)

    def test_kanban_quick_create_starts_at_new(self):
        stage = self.env.ref("customer_service.complaint_stage_investigating")
        complaint = self.Complaint.with_user(self.handler).create(
            {
                "subject": "Quick",
                "partner_id": self.customer.id,
                "category_id": self.category.id,
                "stage_id": stage.id,
            }
        )
        self.assertEqual(complaint.state, "new")
        self.assertEqual(
            complaint.stage_id, self.env.ref("customer_service.complaint_stage_new")
        )
        self.assertEqual(complaint.user_id, self.handler)


@tagged("post_install", "-at_install")
class TestReturnVisitDialog(ComplaintCase):
    def test_return_visit_recorded_from_the_complaint(self):
        complaint = self._founded(self._complaint())
        complaint.action_propose()
        complaint.action_accept()
        complaint.action_implement()
        complaint.action_implemented()
        self.assertEqual(complaint.state, "return_visit")
        as_handler = complaint.with_user(self.handler)
        action = as_handler.action_record_return_visit()
        self.assertEqual(action["target"], "new")
        visit = self.env["customer_service.visit"].with_user(self.handler)
        visit = visit.browse(action["res_id"])
        self.assertIn(visit, complaint.visit_ids)
        visit.write({"content": "Pump replaced, works", "satisfaction": "1"})
        self.assertEqual(
            visit.action_record_return(), {"type": "ir.actions.act_window_close"}
        )
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.actual_start)
        self.assertEqual(complaint.return_visits_done, 1)
        # The second one, then the complaint closes.
        second = visit.browse(as_handler.action_record_return_visit()["res_id"])
        self.assertNotEqual(second, visit)
        second.write({"content": "Still fine", "satisfaction": "5"})
        second.action_record_return()
        as_handler.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.days_to_close > 0)


@tagged("post_install", "-at_install")
class TestEscalationActivities(ComplaintCase):
    def test_at_risk_activity_done_when_overdue_is_raised(self):
        now = fields.Datetime.now()
        self.env.company.cs_complaint_at_risk_hours = 4
        complaint = self._complaint(received_at=now - timedelta(hours=1))
        complaint.write({"ack_deadline": now + timedelta(hours=2)})
        Complaint = self.env["customer_service.complaint"]
        Complaint._cron_escalate()
        escalation = self.env.ref("customer_service.mail_activity_type_escalation")
        at_risk = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == escalation
        )
        self.assertEqual(len(at_risk), 1)
        self.assertIn("at risk", at_risk.summary)
        complaint.write({"ack_deadline": now - timedelta(minutes=5)})
        Complaint._cron_escalate()
        complaint.invalidate_recordset()
        current = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == escalation
        )
        self.assertNotIn(at_risk.id, current.ids)
        self.assertTrue(current)
        self.assertTrue(all("overdue" in a.summary for a in current))
        self.assertFalse(at_risk.active)


@tagged("post_install", "-at_install")
class TestCreditNoteNotOverdue(ComplaintCase):
    def test_balanced_customer_is_neither_overdue_nor_held(self):
        company = self.env.company
        company.cs_credit_hold_days = 30
        customer = self.env["res.partner"].create(
            {"name": "宁波海诚机电", "is_company": True}
        )
        customer.with_company(company).credit_limit = 100000
        product = self.env["product.product"].create(
            {"name": "UX credit product", "list_price": 100.0, "taxes_id": []}
        )
        today = fields.Date.today()
        moves = self.env["account.move"]
        for move_type in ("out_invoice", "out_refund"):
            move = self.env["account.move"].create(
                {
                    "move_type": move_type,
                    "partner_id": customer.id,
                    "invoice_date": today - timedelta(days=70),
                    "invoice_date_due": today - timedelta(days=40),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": 500,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
            move.action_post()
            moves |= move
        self.env.flush_all()
        ageing = self.env["customer_service.credit.ageing"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(len(ageing), 2)
        self.assertAlmostEqual(sum(ageing.mapped("amount_residual")), 0.0)
        customer.invalidate_recordset()
        self.assertAlmostEqual(customer.cs_credit_overdue, 0.0)
        self.assertNotEqual(customer.cs_credit_status, "blocked")
        self.assertNotIn(
            customer,
            self.env["res.partner"].search([("cs_credit_overdue", ">", 0)]),
        )
        self.env["res.partner"]._cron_credit_overdue()
        customer.invalidate_recordset()
        self.assertFalse(customer.with_company(company).cs_credit_hold)
        # An invoice still unpaid on top of it is overdue, for its amount.
        extra = moves[0].copy(
            {
                "invoice_date": today - timedelta(days=70),
                "invoice_date_due": today - timedelta(days=40),
            }
        )
        extra.action_post()
        customer.invalidate_recordset()
        self.assertAlmostEqual(customer.cs_credit_overdue, 500.0)
        self.env["res.partner"]._cron_credit_overdue()
        customer.invalidate_recordset()
        self.assertTrue(customer.with_company(company).cs_credit_hold)
