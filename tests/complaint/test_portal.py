"""The customer portal: customers follow, answer and submit complaints.

Tested over HTTP as two portal users of different customers and as public:
every route refuses another customer's complaint, and no internal value set
on a complaint reaches any rendered page or JSON answer.
"""

import io
import json
import re
from datetime import datetime
from pathlib import Path

import polib

from odoo import Command
from odoo.exceptions import AccessError
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.translate import TranslationImporter, trans_export

# Chinese terms waiting to be merged into zh_CN.po (the portal's among them).
PENDING = Path(__file__).resolve().parents[2] / "tools/i18n_pending"

SECRETS = (
    "SECRET-ROOT-CAUSE",
    "SECRET-FINDINGS",
    "SECRET-TRANSFER",
    "SECRET-NOTE",
    "SECRET-EMPLOYEE",
    "SECRET-SEVERITY-NOTICE",
)


class PortalCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.handler = new_test_user(
            cls.env,
            "cs_p_handler",
            groups="customer_service.group_customer_service_user",
            email="handler@example.com",
        )
        cls.boss = new_test_user(
            cls.env,
            "cs_p_boss",
            groups="customer_service.group_customer_service_manager",
            name="SECRET-SEVERITY-NOTICE boss",
        )
        cls.env.company.cs_complaint_management_user_ids = [Command.set(cls.boss.ids)]
        cls.category = cls.env["customer_service.complaint.category"].create(
            {
                "name": "Portal quality",
                "reply_days": 5,
                "return_visit_count": 1,
                "user_id": cls.handler.id,
            }
        )
        cls.customer_a, cls.customer_b = cls.env["res.partner"].create(
            [
                {"name": "Portal Customer A", "is_company": True},
                {"name": "Portal Customer B", "is_company": True},
            ]
        )
        cls.portal_a = new_test_user(
            cls.env, "cs_p_portal_a", groups="base.group_portal", email="a@a.example"
        )
        cls.portal_b = new_test_user(
            cls.env, "cs_p_portal_b", groups="base.group_portal", email="b@b.example"
        )
        cls.portal_a.partner_id.parent_id = cls.customer_a
        cls.portal_b.partner_id.parent_id = cls.customer_b
        cls.accused = cls.env["hr.employee"].create({"name": "SECRET-EMPLOYEE"})
        cls.complaint_a = cls._complaint(cls.portal_a.partner_id, "Pump leaks")
        cls.complaint_b = cls._complaint(cls.portal_b.partner_id, "Late delivery B")
        cls.complaint_a.write(
            {
                "root_cause": "SECRET-ROOT-CAUSE",
                "investigation_note": "<p>SECRET-FINDINGS</p>",
                "transfer_note": "SECRET-TRANSFER",
                "complained_employee_ids": [Command.set(cls.accused.ids)],
            }
        )
        cls.complaint_a.message_post(body="SECRET-NOTE", subtype_xmlid="mail.mt_note")
        cls.complaint_a.with_user(cls.handler).message_post(
            body="PUBLIC-REPLY to the customer",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    @classmethod
    def _complaint(cls, partner, subject):
        return cls.env["customer_service.complaint"].create(
            {
                "partner_id": partner.id,
                "category_id": cls.category.id,
                "user_id": cls.handler.id,
                "subject": subject,
                "received_at": datetime(2026, 3, 2, 2, 0),
                "description": f"<p>{subject}: described by the customer</p>",
            }
        )

    def _propose(self, complaint):
        if complaint.state == "new":
            complaint.action_acknowledge()
        if complaint.state == "acknowledged":
            complaint.action_investigate()
        complaint.write(
            {
                "investigation_result": "founded",
                "responsibility": "company",
                "solution": "<p>We replace the pump</p>",
                "remedy_type": "replace",
            }
        )
        complaint.action_propose()

    def _get(self, url):
        response = self.url_open(url, allow_redirects=False)
        return response

    def _csrf(self, url):
        html = self.url_open(url).text
        return re.search(r'csrf_token: "([^"]+)"', html).group(1)

    def _post(self, url, data, files=None, csrf_from=None):
        data = {**data, "csrf_token": self._csrf(csrf_from or "/my")}
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def _json(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.text

    def assertNoSecret(self, text):
        for secret in SECRETS:
            self.assertNotIn(secret, text)


@tagged("post_install", "-at_install")
class TestPortalAccess(PortalCase):
    def test_list_shows_only_the_customers_complaints(self):
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        html = self._get("/my/complaints").text
        self.assertIn(self.complaint_a.name, html)
        self.assertIn("Pump leaks", html)
        self.assertNotIn(self.complaint_b.name, html)
        self.assertIn("Received", html)
        self.assertNoSecret(html)
        # Search, filter, sorting and paging of core's portal lists.
        html = self._get("/my/complaints?search=Pump&search_in=subject").text
        self.assertIn(self.complaint_a.name, html)
        html = self._get("/my/complaints?search=nothing-like-it").text
        self.assertNotIn(self.complaint_a.name, html)
        html = self._get("/my/complaints?filterby=answer&sortby=deadline").text
        self.assertNotIn(self.complaint_a.name, html)
        self._propose(self.complaint_a)
        html = self._get("/my/complaints?filterby=answer").text
        self.assertIn(self.complaint_a.name, html)
        self.assertIn("Waiting for your answer", html)
        self.assertEqual(self._get("/my/complaints/page/2").status_code, 200)

    def test_home_counts(self):
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        html = self._get("/my").text
        self.assertIn("/my/complaints", html)
        self.assertNoSecret(html)
        self.assertIn("/my/complaints/new", html)
        counters = self._json(
            "/my/counters",
            {"counters": ["cs_complaint_count", "cs_complaint_answer_count"]},
        )
        self.assertEqual(
            json.loads(counters)["result"],
            {"cs_complaint_count": 1, "cs_complaint_answer_count": 0},
        )

    def test_page_shows_what_the_customer_may_see(self):
        self._propose(self.complaint_a)
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        response = self._get(f"/my/complaints/{self.complaint_a.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("Pump leaks: described by the customer", html)
        self.assertIn("We replace the pump", html)
        self.assertIn("Accept the solution", html)
        self.assertNoSecret(html)
        # The chatter's JSON: the replies sent, never the internal notes.
        token = self.complaint_a.access_token
        self.assertTrue(token)
        self.assertIn(f'data-token="{token}"', html)
        for params in ({"token": token}, {}):
            messages = self._json(
                "/mail/chatter_fetch",
                {
                    "thread_model": "customer_service.complaint",
                    "thread_id": self.complaint_a.id,
                    **params,
                },
            )
            self.assertIn("PUBLIC-REPLY", messages)
            self.assertNoSecret(messages)
        messages = self._json(
            "/mail/thread/messages",
            {
                "thread_model": "customer_service.complaint",
                "thread_id": self.complaint_a.id,
            },
        )
        self.assertIn("PUBLIC-REPLY", messages)
        self.assertNoSecret(messages)

    def test_json_api_reads_no_internal_field(self):
        Complaint = self.env["customer_service.complaint"].with_user(self.portal_a)
        self.assertEqual(Complaint.search([]), self.complaint_a)
        for field in (
            "root_cause",
            "investigation_note",
            "complained_employee_ids",
            "responsibility",
            "transfer_note",
            "severity",
            "approval_state",
        ):
            with self.assertRaises(AccessError):
                Complaint.browse(self.complaint_a.id).read([field])
        self.assertNotIn("root_cause", Complaint.fields_get())
        with self.assertRaises(AccessError):
            Complaint.browse(self.complaint_b.id).read(["subject"])
        with self.assertRaises(AccessError):
            Complaint.browse(self.complaint_a.id).write({"subject": "x"})
        # Nor the files the investigation attached to the complaint.
        secret_file = self.env["ir.attachment"].create(
            {
                "name": "SECRET-FINDINGS.pdf",
                "raw": b"inspection report",
                "res_model": "customer_service.complaint",
                "res_id": self.complaint_a.id,
            }
        )
        with self.assertRaises(AccessError):
            secret_file.with_user(self.portal_a).read(["name"])
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        response = self.url_open(f"/web/content/{secret_file.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("inspection report", response.text)
        self.assertNoSecret(self._get(f"/my/complaints/{self.complaint_a.id}").text)
        for fields in ([], ["name", "subject", "state", "root_cause"], ["name"]):
            answer = self._json(
                "/web/dataset/call_kw/customer_service.complaint/search_read",
                {
                    "model": "customer_service.complaint",
                    "method": "search_read",
                    "args": [[]],
                    "kwargs": {"fields": fields},
                },
            )
            self.assertNotIn(self.complaint_b.name, answer)
            self.assertNoSecret(answer)
        self.assertIn(self.complaint_a.name, answer)

    def test_other_customers_complaint_is_refused_on_every_route(self):
        self._propose(self.complaint_b)
        self.complaint_b.message_post(
            body="B-REPLY", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        b_id = self.complaint_b.id
        for url in (
            f"/my/complaints/{b_id}",
            f"/my/complaints/{b_id}?access_token=wrong",
            f"/my/complaints/{self.complaint_a.id + 100000}",
        ):
            response = self._get(url)
            self.assertEqual(response.status_code, 303, url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)
        for route, data in (("accept", {}), ("reject", {"reason": "No"})):
            response = self._post(f"/my/complaints/{b_id}/{route}", data)
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertEqual(self.complaint_b.state, "proposed")
        for params in ({}, {"token": "wrong"}):
            answer = self._json(
                "/mail/chatter_fetch",
                {
                    "thread_model": "customer_service.complaint",
                    "thread_id": b_id,
                    **params,
                },
            )
            self.assertNotIn("B-REPLY", answer)
        answer = self._json(
            "/mail/thread/messages",
            {"thread_model": "customer_service.complaint", "thread_id": b_id},
        )
        self.assertNotIn("B-REPLY", answer)
        answer = self._json(
            "/mail/message/post",
            {
                "thread_model": "customer_service.complaint",
                "thread_id": b_id,
                "post_data": {
                    "body": "INTRUDER",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        self.assertFalse(
            self.complaint_b.message_ids.filtered(
                lambda m: "INTRUDER" in (m.body or "")
            )
        )
        # The other customer reads his own.
        self.authenticate("cs_p_portal_b", "cs_p_portal_b")
        self.assertEqual(self._get(f"/my/complaints/{b_id}").status_code, 200)

    def test_public_needs_the_token(self):
        self._propose(self.complaint_a)
        complaint = self.complaint_a
        response = self._get(f"/my/complaints/{complaint.id}")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._get("/my/complaints").status_code, 303)
        token = complaint._portal_ensure_token()
        response = self._get(f"/my/complaints/{complaint.id}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("We replace the pump", response.text)
        self.assertNoSecret(response.text)
        # Another complaint's token opens nothing.
        token_b = self.complaint_b._portal_ensure_token()
        response = self._get(f"/my/complaints/{complaint.id}?access_token={token_b}")
        self.assertEqual(response.status_code, 303)
        # With the token, the complainant answers; logged in his name.
        self._post(
            f"/my/complaints/{complaint.id}/accept",
            {"access_token": token},
            csrf_from=f"/my/complaints/{complaint.id}?access_token={token}",
        )
        self.assertEqual(complaint.state, "accepted")
        self.assertIn(
            self.portal_a.partner_id,
            complaint.message_ids.filtered(
                lambda m: "I accept the proposed solution" in (m.body or "")
            ).author_id,
        )

    def test_emails_carry_the_access_token(self):
        self.complaint_a.action_acknowledge()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "customer_service.complaint"),
                ("res_id", "=", self.complaint_a.id),
            ]
        )
        self.assertTrue(mail)
        self.assertIn("access_token=", "".join(mail.mapped("body_html")))

    def test_bulk_notices_to_the_customer_carry_the_access_token(self):
        """The bulk notices give the customer the portal link, as message_post
        does; a notice to staff only does not build it (see test_performance)."""
        customer = self.portal_a.partner_id
        complaint = self.complaint_a.with_user(self.handler)
        message = complaint._cs_message_post_batch(
            {complaint.id: "Your complaint is being investigated."},
            customer.ids,
            "mail.mt_comment",
        )
        mail = message.notification_ids.mail_mail_id
        self.assertEqual(mail.recipient_ids, customer)
        self.assertIn(f"access_token={complaint.access_token}", mail.body_html)
        self.assertIn(f"pid={customer.id}", mail.body_html)


@tagged("post_install", "-at_install")
class TestPortalAnswers(PortalCase):
    def test_reject_then_accept(self):
        complaint = self.complaint_a
        self._propose(complaint)
        severity = complaint.severity
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        page = f"/my/complaints/{complaint.id}"
        response = self._post(f"{page}/reject", {"reason": "  "}, csrf_from=page)
        self.assertIn("cs_error=reason", response.headers["Location"])
        self.assertEqual(complaint.state, "proposed")
        self._post(
            f"{page}/reject", {"reason": "A new pump, not a repair"}, csrf_from=page
        )
        self.assertEqual(complaint.state, "investigating")
        self.assertEqual(complaint.rejection_reason, "A new pump, not a repair")
        self.assertEqual(complaint.rejection_count, 1)
        self.assertNotEqual(complaint.severity, severity)
        logged = complaint.message_ids.filtered(
            lambda m: "I reject the proposed solution" in (m.body or "")
        )
        self.assertEqual(logged.author_id, self.portal_a.partner_id)
        self.assertIn("A new pump, not a repair", logged.body)
        # The page no longer offers an answer; an answer now is refused.
        self.assertNotIn("Accept the solution", self._get(page).text)
        response = self._post(f"{page}/accept", {}, csrf_from=page)
        self.assertIn("cs_error=answer", response.headers["Location"])
        self.assertEqual(complaint.state, "investigating")
        # The severity notice to management stays internal.
        self.assertNoSecret(self._get(page).text)
        self._propose(complaint)
        self._post(f"{page}/accept", {}, csrf_from=page)
        self.assertEqual(complaint.state, "accepted")

    def test_customer_message_threads_and_notifies_the_handler(self):
        complaint = self.complaint_a
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        self._get(f"/my/complaints/{complaint.id}")
        self._json(
            "/mail/message/post",
            {
                "thread_model": "customer_service.complaint",
                "thread_id": complaint.id,
                "post_data": {
                    "body": "Any news?",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "token": complaint.access_token,
            },
        )
        message = complaint.message_ids.filtered(
            lambda m: "Any news?" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        self.assertIn(self.handler.partner_id, message.notification_ids.res_partner_id)


@tagged("post_install", "-at_install")
class TestPortalSubmission(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create({"name": "Pump P1"})
        cls.order_a, cls.order_b = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
                for partner in (cls.customer_a, cls.customer_b)
            ]
        )
        (cls.order_a | cls.order_b).action_confirm()

    def _submit(self, **data):
        files = data.pop("files", None)
        return self._post(
            "/my/complaints/new",
            {"category_id": str(self.category.id), "description": "It broke", **data},
            files=files,
            csrf_from="/my/complaints/new",
        )

    def test_portal_submission(self):
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        form = self._get("/my/complaints/new").text
        self.assertIn(self.order_a.name, form)
        self.assertNotIn(self.order_b.name, form)
        self.assertIn("Portal quality", form)
        response = self._submit(
            subject="Broken pump",
            sale_order_id=str(self.order_a.id),
            files={"attachments": ("photo.txt", b"a photo", "text/plain")},
        )
        self.assertEqual(response.status_code, 303)
        complaint = self.env["customer_service.complaint"].search(
            [("subject", "=", "Broken pump")]
        )
        self.assertEqual(complaint.partner_id, self.portal_a.partner_id)
        self.assertEqual(complaint.commercial_partner_id, self.customer_a)
        self.assertEqual(complaint.channel, "web")
        self.assertEqual(complaint.sale_order_id, self.order_a)
        self.assertEqual(complaint.user_id, self.handler)
        self.assertEqual(complaint.first_responder_id, self.handler)
        self.assertTrue(complaint.ack_deadline)
        self.assertIn(f"/my/complaints/{complaint.id}", response.headers["Location"])
        page = self._get(response.headers["Location"]).text
        self.assertIn("photo.txt", page)
        self.assertIn("is registered", page)
        # The acknowledgement email follows as for any channel.
        complaint.with_user(self.handler).action_acknowledge()
        self.assertIn("Acknowledged", self._get("/my/complaints").text)

    def test_portal_submission_refuses_other_customers_documents(self):
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        before = self.env["customer_service.complaint"].search_count([])
        response = self._submit(sale_order_id=str(self.order_b.id))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choose one of your orders.", response.text)
        response = self._submit(category_id="", description="")
        self.assertIn("Describe what happened.", response.text)
        self.assertEqual(
            self.env["customer_service.complaint"].search_count([]), before
        )

    def test_public_form(self):
        Complaint = self.env["customer_service.complaint"]
        self.assertIn("website_url", self._get("/complaint/new").text)
        data = {
            "category_id": str(self.category.id),
            "description": "Rude on the phone",
            "name": "Li Lei",
            "email": "lilei@unknown.example",
            "phone": "13800000000",
        }
        response = self.url_open(
            "/complaint/new",
            data={**data, "csrf_token": self._csrf("/complaint/new")},
            files={"attachments": ("receipt.txt", b"a receipt", "text/plain")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("We received your complaint", response.text)
        complaint = Complaint.search([("email_from", "=", "lilei@unknown.example")])
        self.assertEqual(complaint.complainant_name, "Li Lei")
        self.assertEqual(complaint.phone, "13800000000")
        self.assertEqual(complaint.channel, "web")
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.user_id, self.handler)
        sent = complaint.message_ids.filtered("attachment_ids")
        self.assertEqual(sent.attachment_ids.mapped("name"), ["receipt.txt"])
        self.assertEqual(sent.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(complaint.portal_submit_ip, ("127.0.0.1", "::1"))
        confirmation = self.env["mail.mail"].search(
            [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertIn(complaint.access_token, "".join(confirmation.mapped("body_html")))
        # The honeypot: a bot's complaint is thanked for and dropped.
        count = Complaint.search_count([])
        response = self._post(
            "/complaint/new",
            {**data, "email": "bot@spam.example", "website_url": "http://spam"},
            csrf_from="/complaint/new",
        )
        self.assertIn("Thank you", response.text)
        self.assertEqual(Complaint.search_count([]), count)
        # The rate limit per address and email within the window.
        self.env["ir.config_parameter"].set_param(
            "customer_service.portal_public_limit", "2"
        )
        self._post(
            "/complaint/new",
            {**data, "email": "x@unknown.example"},
            csrf_from="/complaint/new",
        )
        response = self._post(
            "/complaint/new",
            {**data, "email": "y@unknown.example"},
            csrf_from="/complaint/new",
        )
        self.assertIn("Too many complaints", response.text)
        self.assertFalse(Complaint.search([("email_from", "=", "y@unknown.example")]))
        # Logged-in customers use their own form.
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        response = self._get("/complaint/new")
        self.assertTrue(response.headers["Location"].endswith("/my/complaints/new"))


@tagged("post_install", "-at_install")
class TestPortalSurveysCredit(PortalCase):
    def test_pending_surveys_listed_for_the_customer_only(self):
        complaint = self.complaint_a
        self._propose(complaint)
        complaint.action_accept()
        complaint.action_implement()
        complaint.action_implemented()
        answer = self.env["survey.user_input"].search(
            [("cs_res_model", "=", complaint._name), ("cs_res_id", "=", complaint.id)]
        )
        self.assertTrue(answer)
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        html = self._get("/my").text
        self.assertIn(answer.get_start_url(), html.replace("&amp;", "&"))
        # The planned return visit shows on the complaint's page.
        visit = complaint.visit_ids
        self.assertEqual(len(visit), 1)
        visit.purpose = "SECRET-NOTE of the visit plan"
        page = self._get(f"/my/complaints/{complaint.id}").text
        self.assertIn("Planned return visits", page)
        self.assertIn(visit.planned_start.strftime("%m/%d/%Y"), page)
        self.assertNoSecret(page)
        self.authenticate("cs_p_portal_b", "cs_p_portal_b")
        self.assertNotIn(answer.access_token, self._get("/my").text)
        answer._mark_done()
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        self.assertNotIn(answer.access_token, self._get("/my").text)

    def test_credit_status_only_when_the_company_shows_it(self):
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        self.assertNotIn("cs_credit_status", self._get("/my").text)
        guarantee = self.env["customer_service.credit.guarantee"].create(
            {
                "partner_id": self.customer_a.id,
                "amount": 4321,
                "date_topup": datetime(2026, 9, 30).date(),
            }
        )
        guarantee._write_state({"state": "approved"})
        self.env.company.cs_portal_credit_status = True
        html = self._get("/my").text
        self.assertIn("cs_credit_status", html)
        self.assertIn("Available credit", html)
        self.assertIn(guarantee.name, html)
        self.assertIn("4,321.00", html)
        # The other customer sees his own status, not this guarantee.
        self.authenticate("cs_p_portal_b", "cs_p_portal_b")
        html = self._get("/my").text
        self.assertIn("cs_credit_status", html)
        self.assertNotIn(guarantee.name, html)
        # Public visitors have no /my.
        self.authenticate(None, None)
        self.assertEqual(self._get("/my").status_code, 303)


@tagged("post_install", "-at_install")
class TestPortalLanguages(PortalCase):
    def _load_zh_cn(self):
        """Loads the Chinese catalogue with the pending terms, as ``./dev i18n``
        merges them, and returns the portal's terms left untranslated."""
        buffer = io.BytesIO()
        trans_export(None, ["customer_service"], buffer, "po", self.env.cr)
        root = Path(get_module_path("customer_service"))
        sources = [root / "i18n" / "zh_CN.po", *sorted(PENDING.glob("*.po"))]
        known = {}
        for path in sources:
            for entry in polib.pofile(str(path)):
                if entry.msgstr:
                    known[" ".join(entry.msgid.split())] = entry.msgstr
        po = polib.pofile(buffer.getvalue().decode())
        missing = []
        for entry in po:
            entry.msgstr = known.get(" ".join(entry.msgid.split()), "")
            portal = any("portal" in ref for ref, _line in entry.occurrences)
            if not entry.msgstr and portal:
                missing.append(entry.msgid)
        importer = TranslationImporter(self.env.cr, verbose=False)
        catalogue = io.BytesIO(str(po).encode())
        catalogue.name = "zh_CN.po"
        importer.load(catalogue, "po", "zh_CN")
        importer.save(overwrite=True)
        return missing

    def test_portal_in_english_and_chinese(self):
        self.assertEqual(self._load_zh_cn(), [])
        self._propose(self.complaint_a)
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        html = self.url_open("/my/complaints").text
        self.assertIn("Last Reply", html)
        self.assertIn("Submit a Complaint", html)
        self.portal_a.lang = "zh_CN"
        self.authenticate("cs_p_portal_a", "cs_p_portal_a")
        html = self.url_open("/my/complaints").text
        self.assertIn("最近答复", html)
        self.assertIn("提交投诉", html)
        self.assertNotIn("Last Reply", html)
        html = self.url_open(f"/my/complaints/{self.complaint_a.id}").text
        self.assertIn("我们提出的处理方案", html)
        self.assertIn("接受处理方案", html)
        self.assertNoSecret(html)
        html = self.url_open("/my/complaints/new").text
        self.assertIn("发生了什么？", html)
        # The public form, in the language of its address.
        self.authenticate(None, None)
        self.assertIn(
            "告诉我们出了什么问题", self.url_open("/zh_CN/complaint/new").text
        )
        self.assertIn(
            "Tell us what went wrong", self.url_open("/en/complaint/new").text
        )
