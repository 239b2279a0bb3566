"""Complaint flows: intake by email and assignment, numbering per company and
year, repeat detection on write, pause policy, CAPA overdue, activity types and
the recipient's language."""

from datetime import date, datetime

from common import RoleCase
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

ALIAS_EMAIL = (
    "From: {sender}\r\nTo: complaints@example.com\r\n"
    "Subject: {subject}\r\nMessage-ID: <{message_id}@example>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "The delivered pump leaks.\r\n"
)


@tagged("post_install", "-at_install")
class TestComplaintFlows(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.cs_user = cls.users_by_role["cs_user"]
        cls.cs_manager = cls.users_by_role["cs_manager"]
        cls.salesman = cls.users_by_role["salesman"]
        cls.cs_user2 = new_test_user(
            cls.env,
            "cs_flow_user2",
            groups="customer_service.group_customer_service_user",
            lang="zh_CN",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "杭州明远科技",
                "is_company": True,
                "email": "kefu@mingyuan.example.com",
                "user_id": cls.salesman.id,
            }
        )
        Category = cls.env["customer_service.complaint.category"]
        cls.category = Category.create({"name": "Flow quality", "reply_days": 5})
        cls.other_category = Category.create({"name": "Flow billing"})
        domain = cls.env["mail.alias.domain"].create({"name": "example.com"})
        cls.env.company.alias_domain_id = domain
        cls.alias = cls.env.ref("customer_service.mail_alias_complaint")
        cls.alias.alias_domain_id = domain
        cls.alias.alias_defaults = str(
            {"category_id": cls.category.id, "channel": "email"}
        )
        cls.Complaint = cls.env["customer_service.complaint"]

    def _email(self, message_id, sender="Ming Yuan <kefu@mingyuan.example.com>"):
        message = ALIAS_EMAIL.format(
            sender=sender, subject="Leaking pump", message_id=message_id
        )
        return self.Complaint.browse(
            self.env["mail.thread"].message_process(False, message)
        )

    def _complaint(self, user=None, **values):
        Complaint = self.Complaint.with_user(user) if user else self.Complaint
        return Complaint.create(
            {
                "partner_id": self.customer.id,
                "category_id": self.category.id,
                "user_id": self.cs_user.id,
                "received_at": datetime(2026, 3, 2, 2, 0),
                **values,
            }
        )

    # -- intake by email and assignment ---------------------------------------
    def test_email_lands_with_the_category_handler(self):
        self.category.user_id = self.cs_user
        with freeze_time("2026-03-02 02:00:00"):
            complaint = self._email("h1")
        self.assertEqual(complaint.user_id, self.cs_user)
        self.assertEqual(complaint.first_responder_id, self.cs_user)
        # The handler finds it and at-risk activities go to them.
        self.assertIn(complaint, self.Complaint.with_user(self.cs_user).search([]))
        with freeze_time("2026-03-03 00:00:00"):
            self.Complaint._cron_escalate()
        self.assertEqual(complaint.activity_ids.user_id, self.cs_user)

    def test_email_round_robin_over_the_team(self):
        self.category.team_user_ids = self.cs_user | self.cs_user2
        handlers = [self._email(f"rr{index}").user_id for index in range(3)]
        self.assertEqual(handlers[0] | handlers[1], self.cs_user | self.cs_user2)
        self.assertEqual(handlers[2], handlers[0])
        for handler in handlers:
            self.assertTrue(handler.active and not handler.share)

    def test_email_alias_owner_from_its_defaults(self):
        self.alias.alias_defaults = str(
            {"category_id": self.category.id, "user_id": self.cs_user2.id}
        )
        complaint = self._email("owner1")
        self.assertEqual(complaint.user_id, self.cs_user2)
        self.assertEqual(complaint.first_responder_id, self.cs_user2)

    def test_email_without_handler_configured_never_belongs_to_odoobot(self):
        complaint = self._email("bot1")
        odoobot = self.env.ref("base.user_root")
        self.assertNotEqual(complaint.user_id, odoobot)
        self.assertNotEqual(complaint.first_responder_id, odoobot)
        self.assertTrue(complaint.user_id.active)
        self.assertTrue(
            complaint.user_id.has_group(
                "customer_service.group_customer_service_manager"
            )
        )
        self.assertTrue(complaint.first_responder_id.active)

    def test_registered_complaint_is_assigned_from_the_category(self):
        self.category.team_user_ids = self.cs_user2
        complaint = self.Complaint.with_user(self.salesman).create(
            {"partner_id": self.customer.id, "category_id": self.category.id}
        )
        self.assertEqual(complaint.user_id, self.cs_user2)
        # The salesperson who took the call stays the first responder.
        self.assertEqual(complaint.first_responder_id, self.salesman)
        # Without a category handler, the CS user who registers handles it.
        complaint = self.Complaint.with_user(self.cs_user).create(
            {"partner_id": self.customer.id, "category_id": self.other_category.id}
        )
        self.assertEqual(complaint.user_id, self.cs_user)

    # -- numbering per company and year ---------------------------------------
    def test_numbers_restart_per_company_and_year(self):
        company2 = self.env["res.company"].create({"name": "深圳分公司"})
        self.cs_user.company_ids |= company2
        as_user = self.Complaint.with_user(self.cs_user)
        with freeze_time("2026-06-01 04:00:00"):
            first = as_user.create(
                {"partner_id": self.customer.id, "category_id": self.category.id}
            )
            other = as_user.with_company(company2).create(
                {"complainant_name": "李四", "category_id": self.category.id}
            )
        self.assertRegex(first.name, r"^TS2026-\d{5}$")
        self.assertEqual(other.company_id, company2)
        self.assertEqual(other.name, "TS2026-00001")
        with freeze_time("2027-01-04 04:00:00"):
            next_year = as_user.with_company(company2).create(
                {"complainant_name": "李四", "category_id": self.category.id}
            )
            main_next_year = as_user.create(
                {"partner_id": self.customer.id, "category_id": self.category.id}
            )
        self.assertEqual(next_year.name, "TS2027-00001")
        self.assertEqual(main_next_year.name, "TS2027-00001")

    def test_company_sequence_goes_on_from_the_shared_counter(self):
        """On a database numbered by the shared counter of earlier versions, a
        company's own sequence never gives a reference already issued."""
        template = self.env.ref("customer_service.seq_customer_service_complaint")
        self.env["ir.sequence.date_range"].create(
            {
                "sequence_id": template.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "number_next_actual": 19,
            }
        )
        company3 = self.env["res.company"].create({"name": "武汉分公司"})
        self.cs_user.company_ids |= company3
        as_user = self.Complaint.with_user(self.cs_user).with_company(company3)
        with freeze_time("2026-06-01 04:00:00"):
            this_year = as_user.create(
                {"complainant_name": "王五", "category_id": self.category.id}
            )
        with freeze_time("2027-01-04 04:00:00"):
            next_year = as_user.create(
                {"complainant_name": "王五", "category_id": self.category.id}
            )
        self.assertEqual(this_year.name, "TS2026-00019")
        self.assertEqual(next_year.name, "TS2027-00001")

    def test_visits_applications_guarantees_numbered_per_company(self):
        company2 = self.env["res.company"].create({"name": "成都分公司"})
        with freeze_time("2026-06-01 04:00:00"):
            visit = (
                self.env["customer_service.visit"]
                .with_company(company2)
                .create(
                    {
                        "partner_id": self.customer.id,
                        "user_id": self.cs_user.id,
                        "planned_start": datetime(2026, 6, 2, 2, 0),
                    }
                )
            )
            application = (
                self.env["customer_service.credit.application"]
                .with_company(company2)
                .create(
                    {
                        "partner_id": self.customer.id,
                        "requested_limit": 5000,
                        "requested_term_days": 15,
                        "expected_monthly_business": 10000,
                    }
                )
            )
            Numbering = self.env["customer_service.numbered.mixin"]
            guarantee = Numbering._cs_next_reference(
                "customer_service.credit.guarantee", company2
            )
        self.assertEqual(visit.name, "BF2026-00001")
        self.assertEqual(application.name, "XY2026-00001")
        self.assertEqual(guarantee, "DB2026-00001")

    # -- repeat detection on write --------------------------------------------
    def test_customer_identified_later_flags_the_repeat(self):
        earlier = self._complaint()
        later = self._complaint(
            partner_id=False,
            complainant_name="明远 前台",
            received_at=datetime(2026, 3, 20, 2, 0),
        )
        self.assertFalse(later.is_repeat)
        later.with_user(self.cs_user).partner_id = self.customer
        self.assertEqual(later.repeat_of_id, earlier)
        self.assertTrue(later.is_repeat)
        self.assertEqual(later.severity, "major")

    def test_corrected_category_flags_the_repeat(self):
        earlier = self._complaint()
        later = self._complaint(
            category_id=self.other_category.id,
            received_at=datetime(2026, 3, 20, 2, 0),
        )
        self.assertFalse(later.is_repeat)
        later.with_user(self.cs_manager).category_id = self.category
        self.assertEqual(later.repeat_of_id, earlier)
        self.assertEqual(later.severity, "major")
        # Writing again changes nothing more.
        later.with_user(self.cs_manager).product_id = False
        self.assertEqual(later.severity, "major")

    # -- pause policy ---------------------------------------------------------
    def test_waiting_pauses_only_where_the_policy_says(self):
        self.other_category.pause_when_waiting = False
        paused = self._complaint()
        running = self._complaint(category_id=self.other_category.id)
        (paused | running).with_user(self.cs_user).action_wait_customer()
        with freeze_time("2026-03-03 03:00:00"):
            (paused | running).invalidate_recordset(["sla_state"])
            self.assertEqual(paused.sla_state, "paused")
            self.assertEqual(running.sla_state, "overdue")
            as_user = self.Complaint.with_user(self.cs_user)
            self.assertIn(paused, as_user.search([("sla_state", "=", "paused")]))
            self.assertNotIn(paused, as_user.search([("sla_state", "=", "overdue")]))
            self.assertIn(running, as_user.search([("sla_state", "=", "overdue")]))
            self.Complaint._cron_escalate()
        self.assertFalse(paused.activity_ids)
        self.assertEqual(paused.ack_escalation, 0)
        self.assertTrue(running.activity_ids)
        self.assertEqual(running.ack_escalation, 2)

    # -- activity types and the recipient's language ---------------------------
    def test_escalation_uses_the_addon_type_and_the_recipient_language(self):
        complaint = self._complaint(user_id=self.cs_user2.id)
        with freeze_time("2026-03-02 23:00:00"):
            self.Complaint._cron_escalate()
        activity = complaint.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("customer_service.mail_activity_type_escalation"),
        )
        self.assertEqual(activity.summary, "投诉受理即将超时")
        # The handler is told by email, not only inside Odoo.
        notified = self.env["mail.message"].search(
            [
                ("model", "=", complaint._name),
                ("res_id", "=", complaint.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertIn(self.cs_user2.partner_id, notified.partner_ids)

    def test_monthly_summary_in_each_recipient_language(self):
        english = new_test_user(self.env, "cs_flow_top_en", groups="base.group_user")
        chinese = new_test_user(
            self.env, "cs_flow_top_zh", groups="base.group_user", lang="zh_CN"
        )
        self.env.company.write(
            {
                "cs_complaint_management_user_ids": [(6, 0, (english | chinese).ids)],
                "cs_complaint_summary_month": False,
            }
        )
        self._complaint()
        with freeze_time("2026-04-02 01:00:00"):
            mails = self.Complaint._cron_monthly_summary()
        mails = mails.filtered(
            lambda m: m.recipient_ids & (english | chinese).partner_id
        )
        self.assertEqual(len(mails), 2)
        zh_mail = mails.filtered(lambda m: chinese.partner_id in m.recipient_ids)
        en_mail = mails - zh_mail
        self.assertIn("投诉汇总", zh_mail.subject)
        self.assertIn("收到", zh_mail.body_html)
        self.assertNotIn(chinese.partner_id, en_mail.recipient_ids)
        self.assertIn("complaints of 2026-03", en_mail.subject)

    # -- CAPA overdue ----------------------------------------------------------
    def _overdue_action(self, owner):
        complaint = self._complaint(user_id=self.cs_manager.id)
        complaint.write({"state": "acknowledged"})
        complaint.write({"state": "investigating"})
        complaint.write(
            {"investigation_result": "founded", "responsibility": "company"}
        )
        return self.env["customer_service.complaint.action"].create(
            {
                "name": "Change the seal supplier",
                "complaint_id": complaint.id,
                "owner_id": owner.id,
                "deadline": date(2026, 3, 10),
            }
        )

    def test_overdue_action_manager_can_open_it(self):
        owner = new_test_user(
            self.env,
            "cs_flow_owner",
            groups="customer_service.group_customer_service_user",
        )
        manager_employee = self.env["hr.employee"].create(
            {"name": "质量经理", "user_id": self.cs_user2.id}
        )
        self.env["hr.employee"].create(
            {"name": "Owner", "user_id": owner.id, "parent_id": manager_employee.id}
        )
        action = self._overdue_action(owner)
        Action = self.env["customer_service.complaint.action"]
        with self.assertRaises(AccessError):
            action.with_user(self.cs_user).read(["name"])
        with freeze_time("2026-03-12 02:00:00"):
            Action._cron_escalate_overdue()
        activity = action.activity_ids
        self.assertEqual(activity.user_id, self.cs_user2)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("customer_service.mail_activity_type_escalation"),
        )
        self.assertEqual(activity.summary, "纠正措施已逾期")
        # The notified manager opens the action, but cannot change it.
        as_manager = action.with_user(self.cs_user2)
        self.assertEqual(as_manager.read(["name"])[0]["name"], action.name)
        with self.assertRaises(AccessError):
            as_manager.write({"name": "Changed"})
        self.assertEqual(action.name, "Change the seal supplier")

    def test_overdue_action_goes_to_the_owner_when_the_manager_cannot_open_it(self):
        owner = new_test_user(
            self.env,
            "cs_flow_owner2",
            groups="customer_service.group_customer_service_user",
        )
        outsider = self.users_by_role["employee"]
        boss = self.env["hr.employee"].create(
            {"name": "Plant head", "user_id": outsider.id}
        )
        self.env["hr.employee"].create(
            {"name": "Owner 2", "user_id": owner.id, "parent_id": boss.id}
        )
        action = self._overdue_action(owner)
        with freeze_time("2026-03-12 02:00:00"):
            self.env["customer_service.complaint.action"]._cron_escalate_overdue()
        self.assertEqual(action.activity_ids.user_id, owner)
        self.assertTrue(action.with_user(owner).read(["name"]))
