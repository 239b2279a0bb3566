"""Complaints: intake, ladder, recusal, approval, repeats, return visits, mail."""

from datetime import datetime

from complaint_common import ComplaintCase
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaint(ComplaintCase):
    # -- intake ---------------------------------------------------------------
    def test_create_numbers_and_keeps_first_responder(self):
        complaint = self._complaint()
        self.assertRegex(complaint.name, r"^TS\d{4}-\d{5}$")
        self.assertEqual(complaint.first_responder_id, self.env.user)
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.stage_id.state, "new")
        complaint.with_user(self.handler).write({"subject": "Leak"})
        with self.assertRaisesText(UserError, "first responder stays"):
            complaint.write({"first_responder_id": self.handler.id})
        self.assertEqual(complaint.first_responder_id, self.env.user)

    def test_unknown_or_archived_category_is_refused(self):
        count = self.Complaint.search_count([])
        archived = self.category.copy({"name": "Old", "active": False})
        with self.assertRaisesText(ValidationError, "is archived"):
            self._complaint(category_id=archived.id)
        with self.assertRaisesText(ValidationError, "does not exist"):
            self._complaint(category_id=999999)
        with self.assertRaisesText(ValidationError, "已归档"):
            self._complaint(lang="zh_CN", category_id=archived.id)
        with self.assertRaisesText(ValidationError, "该投诉类别不存在"):
            self._complaint(lang="zh_CN", category_id=999999)
        self.assertEqual(self.Complaint.search_count([]), count)

    # -- ladder ---------------------------------------------------------------
    def test_skipping_a_stage_is_refused(self):
        complaint = self._complaint()
        with self.assertRaisesText(UserError, "cannot go from New to Investigating"):
            complaint.action_investigate()
        closed_stage = self.env.ref("customer_service.complaint_stage_closed")
        with self.assertRaisesText(UserError, "cannot go from New to Closed"):
            complaint.stage_id = closed_stage
        with self.assertRaisesText(UserError, "不能从"):
            complaint.with_context(lang="zh_CN").action_investigate()
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.stage_id.state, "new")

    def test_stage_drag_moves_the_state(self):
        complaint = self._complaint()
        stage = self.env.ref("customer_service.complaint_stage_acknowledged")
        complaint.stage_id = stage
        self.assertEqual(complaint.state, "acknowledged")
        self.assertTrue(complaint.ack_done)
        complaint.action_investigate()
        # Moving the card obeys the same rules as the buttons.
        proposed = self.env.ref("customer_service.complaint_stage_proposed")
        with self.assertRaisesText(UserError, "as founded"):
            complaint.stage_id = proposed
        self.assertEqual(complaint.state, "investigating")
        founded = self._founded(self._complaint())
        founded.stage_id = proposed
        self.assertEqual(founded.state, "proposed")
        self.assertTrue(founded.reply_done)

    def test_rejection_goes_back_raising_severity(self):
        complaint = self._founded(self._complaint())
        complaint.action_propose()
        self.assertEqual(complaint.state, "proposed")
        with self.assertRaisesText(UserError, "Say why"):
            complaint.action_customer_reject(" ")
        wizard = self.env["customer_service.complaint.reject"].create(
            {"complaint_id": complaint.id, "reason": "Too slow"}
        )
        wizard.action_apply()
        self.assertEqual(complaint.state, "investigating")
        self.assertEqual(complaint.severity, "major")
        self.assertEqual(complaint.rejection_reason, "Too slow")
        self.assertEqual(complaint.rejection_count, 1)

    def test_closed_complaint_is_read_only_and_never_deleted(self):
        complaint = self._complaint()
        complaint.action_acknowledge()
        with self.assertRaisesText(UserError, "never deleted"):
            complaint.unlink()
        complaint.action_cancel()
        with self.assertRaisesText(UserError, "can no longer be changed"):
            complaint.write({"description": "<p>Changed</p>"})
        self.assertEqual(complaint.description, "<p>The pump leaks</p>")
        self.assertTrue(complaint.exists())
        fresh = self._complaint()
        fresh.unlink()
        self.assertFalse(fresh.exists())

    def test_finished_complaint_form_is_read_only(self):
        complaint = self._complaint()
        self.assertFalse(complaint.is_closed)
        form = Form(complaint.with_user(self.handler))
        form.subject = "Leak at the seal"
        form.save()
        complaint.action_cancel()
        self.assertTrue(complaint.is_closed)
        form = Form(complaint.with_user(self.handler))
        with self.assertRaises(AssertionError):
            form.subject = "Changed"

    def test_full_ladder_to_closure_with_return_visits(self):
        complaint = self._founded(self._complaint())
        complaint.action_propose()
        complaint.action_accept()
        complaint.action_implement()
        complaint.action_implemented()
        visits = complaint.visit_ids.sorted("planned_start")
        self.assertEqual(len(visits), 2)
        self.assertEqual(visits[0].planned_start, complaint.visit_deadline)
        self.assertLess(visits[0].planned_start, visits[1].planned_start)
        self.assertEqual(set(visits.mapped("visit_type")), {"post_complaint"})
        self.assertTrue(complaint.visit_deadline)
        # Bad input: closing without the required return visits.
        with self.assertRaisesText(UserError, "needs 2 completed return visit"):
            complaint.action_close()
        with self.assertRaisesText(UserError, "结案前需完成 2 次回访"):
            complaint.with_context(lang="zh_CN").action_close()
        self.assertEqual(complaint.state, "return_visit")
        for visit in visits:
            visit.write({"actual_start": datetime(2026, 3, 10, 2), "content": "Ok"})
            visit.action_done()
        with self.assertRaisesText(UserError, "satisfaction"):
            complaint.action_close()
        visits[0].satisfaction = "4"
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.closed_at)
        self.assertIn(complaint.visit_sla, ("met", "missed"))
        # Bad input: editing a closed complaint.
        with self.assertRaisesText(UserError, "can no longer be changed"):
            complaint.write({"severity": "critical"})
        with self.assertRaisesText(UserError, "不能再修改"):
            complaint.with_context(lang="zh_CN").write({"severity": "critical"})
        self.assertEqual(complaint.severity, "normal")
        # Corrective actions go on after closing.
        complaint.write(
            {
                "action_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Audit the seal supplier",
                            "owner_id": self.handler.id,
                            "deadline": "2026-04-30",
                        },
                    )
                ]
            }
        )
        self.assertEqual(complaint.action_count, 1)

    def test_return_visits_need_a_customer(self):
        complaint = self._founded(
            self._complaint(partner_id=False, complainant_name="路人甲")
        )
        complaint.action_propose()
        complaint.action_accept()
        complaint.action_implement()
        with self.assertRaisesText(UserError, "no customer to visit"):
            complaint.action_implemented()
        self.assertEqual(complaint.state, "implementing")
        self.assertFalse(complaint.visit_ids)

    def test_unfounded_tells_the_customer(self):
        complaint = self._complaint()
        complaint.action_acknowledge()
        complaint.action_investigate()
        with self.assertRaisesText(UserError, "with the reasons"):
            complaint.action_unfounded()
        complaint.write(
            {"investigation_result": "unfounded", "root_cause": "Misuse of the pump"}
        )
        complaint.action_unfounded()
        self.assertEqual(complaint.state, "unfounded")
        template = self.env.ref("customer_service.mail_template_complaint_unfounded")
        messages = complaint.message_ids.filtered(
            lambda m: complaint.name in (m.subject or "")
            and "unfounded" in (m.body or "")
        )
        self.assertTrue(messages, template.name)

    # -- recusal --------------------------------------------------------------
    def test_complained_employee_cannot_handle(self):
        complaint = self._complaint(
            complained_employee_ids=[(6, 0, self.accused_employee.ids)]
        )
        with self.assertRaisesText(ValidationError, "cannot handle it"):
            complaint.user_id = self.accused
        with self.assertRaisesText(ValidationError, "应当回避"):
            complaint.with_context(lang="zh_CN").user_id = self.accused
        self.assertEqual(complaint.user_id, self.handler)
        with self.assertRaisesText(ValidationError, "cannot handle it"):
            self._complaint(
                user_id=self.accused.id,
                complained_employee_ids=[(6, 0, self.accused_employee.ids)],
            )

    def test_complained_employee_cannot_read_unless_granted(self):
        complaint = self._complaint(
            user_id=self.boss.id,
            complained_employee_ids=[(6, 0, self.accused_employee.ids)],
        )
        # The accused would see it as a member of the department otherwise.
        department = self.env["hr.department"].create(
            {"name": "Quality", "member_ids": [(6, 0, self.accused_employee.ids)]}
        )
        complaint.department_id = department
        as_accused = self.Complaint.with_user(self.accused)
        self.assertNotIn(complaint, as_accused.search([]))
        with self.assertRaises(AccessError):
            complaint.with_user(self.accused).read(["name"])
        complaint.with_user(self.boss).recusal_granted_user_ids = self.accused
        self.assertIn(complaint, as_accused.search([]))
        # Recusal also binds managers named in the complaint.
        other = self._complaint(
            user_id=self.handler.id,
            complained_employee_ids=[(6, 0, self.boss_employee.ids)],
        )
        self.assertNotIn(other, self.Complaint.with_user(self.boss).search([]))

    # -- access ---------------------------------------------------------------
    def test_access_per_role(self):
        own = self._complaint()
        other_customer = self.env["res.partner"].create({"name": "Other Ltd"})
        foreign = self._complaint(partner_id=other_customer.id, user_id=self.boss.id)
        # Salespeople register and see their customers' complaints only.
        as_sales = self.Complaint.with_user(self.salesman)
        registered = as_sales.create(
            {"partner_id": self.customer.id, "category_id": self.category.id}
        )
        self.assertEqual(registered.first_responder_id, self.salesman)
        seen = as_sales.search([])
        self.assertIn(own, seen)
        self.assertNotIn(foreign, seen)
        # Users see their own and their team's.
        as_handler = self.Complaint.with_user(self.handler)
        self.assertIn(own, as_handler.search([]))
        self.assertNotIn(foreign, as_handler.search([]))
        self.assertNotIn(own, self.Complaint.with_user(self.colleague).search([]))
        # The handler's manager sees the team's complaints.
        self.assertIn(own, self.Complaint.with_user(self.boss).search([]))
        # Auditors read everything and change nothing.
        as_auditor = self.Complaint.with_user(self.auditor)
        self.assertIn(foreign, as_auditor.search([]))
        with self.assertRaises(AccessError):
            own.with_user(self.auditor).write({"subject": "x"})
        with self.assertRaises(AccessError):
            as_auditor.create(
                {"partner_id": self.customer.id, "category_id": self.category.id}
            )

    # -- solution approval ----------------------------------------------------
    def test_negative_compensation_is_refused(self):
        complaint = self._founded(self._complaint())
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            complaint.write({"remedy_type": "compensation", "amount": -10})
        with self.assertRaisesText(ValidationError, "金额不能为负数"):
            complaint.with_context(lang="zh_CN").write(
                {"remedy_type": "compensation", "amount": -10}
            )
        self.assertEqual(complaint.amount, 0)
        self.assertEqual(complaint.remedy_type, "replace")

    def test_large_compensation_needs_multi_level_approval(self):
        self.env.company.write(
            {
                "cs_complaint_approval_amount": 1000,
                "cs_complaint_approval_amount_gm": 5000,
            }
        )
        gm = new_test_user(
            self.env,
            "cs_c_gm",
            groups="customer_service.group_customer_service_approver_gm",
        )
        complaint = self._founded(
            self._complaint(), remedy_type="compensation", amount=8000
        )
        self.assertEqual(complaint.approval_level, 2)
        with self.assertRaisesText(UserError, "needs approval"):
            complaint.action_propose()
        complaint.with_user(self.handler).request_validation()
        self.assertEqual(len(complaint.review_ids), 2)
        # Handling goes on while the solution waits for approval.
        complaint.with_user(self.handler).action_wait_customer()
        complaint.with_user(gm).validate_tier()
        self.assertEqual(complaint.approval_state, "draft")
        complaint.with_user(self.boss).validate_tier()
        self.assertEqual(complaint.approval_state, "approved")
        complaint.action_propose()
        self.assertEqual(complaint.state, "proposed")

    def test_small_compensation_needs_no_approval(self):
        complaint = self._founded(
            self._complaint(), remedy_type="compensation", amount=200
        )
        self.assertEqual(complaint.approval_level, 0)
        complaint.action_propose()
        self.assertEqual(complaint.state, "proposed")

    def test_complained_employee_cannot_approve(self):
        self.accused.groups_id |= self.env.ref(
            "customer_service.group_customer_service_manager"
        )
        complaint = self._founded(
            self._complaint(
                complained_employee_ids=[(6, 0, self.accused_employee.ids)],
                recusal_granted_user_ids=[(6, 0, self.accused.ids)],
            ),
            remedy_type="refund",
            amount=2000,
        )
        complaint.request_validation()
        with self.assertRaisesText(UserError, "cannot approve"):
            complaint.with_user(self.accused).validate_tier()
        self.assertEqual(complaint.approval_state, "draft")

    # -- severity and repeats -------------------------------------------------
    def test_major_and_safety_notify_management(self):
        manager = new_test_user(self.env, "cs_c_mgmt", groups="base.group_user")
        quality = new_test_user(self.env, "cs_c_quality", groups="base.group_user")
        self.env.company.write(
            {
                "cs_complaint_management_user_ids": [(6, 0, manager.ids)],
                "cs_complaint_quality_user_id": quality.id,
            }
        )
        safety = self.env["customer_service.complaint.category"].create(
            {"name": "Test safety", "safety": True}
        )
        complaint = self.Complaint.create(
            {"partner_id": self.customer.id, "category_id": safety.id}
        )
        self.assertEqual(complaint.severity, "critical")
        self.assertEqual(complaint.user_id, quality)
        notified = complaint.message_ids.partner_ids
        self.assertIn(manager.partner_id, notified)
        self.assertIn(quality.partner_id, notified)
        count = len(complaint.message_ids)
        complaint.write({"subject": "again"})
        complaint._notify_severity()
        self.assertEqual(len(complaint.message_ids), count)

    def test_repeat_detection_in_batch(self):
        product = self.env["product.product"].create({"name": "Pump"})
        first = self._complaint(product_id=product.id)
        batch = self.Complaint.create(
            [
                {
                    "partner_id": self.customer.id,
                    "category_id": self.category.id,
                    "product_id": product.id,
                    "received_at": datetime(2026, 4, 1, 2, 0),
                },
                {
                    "partner_id": self.customer.id,
                    "category_id": self.category.id,
                    "received_at": datetime(2026, 4, 2, 2, 0),
                },
                {
                    # Outside the 90-day window.
                    "partner_id": self.customer.id,
                    "category_id": self.category.id,
                    "product_id": product.id,
                    "received_at": datetime(2025, 10, 1, 2, 0),
                },
            ]
        )
        self.assertEqual(batch[0].repeat_of_id, first)
        self.assertEqual(batch[0].severity, "major")
        self.assertEqual(batch[1].repeat_of_id, batch[0])
        self.assertFalse(batch[2].is_repeat)
        self.assertFalse(first.is_repeat)

    def test_grade_boost_raises_severity(self):
        grade = self.env["customer_service.grade"].create(
            {"name": "Boost test", "category": "general", "complaint_priority_boost": 1}
        )
        self.customer.cs_grade_id = grade
        self.assertEqual(self._complaint().severity, "major")

    # -- transfer, CAPA -------------------------------------------------------
    @freeze_time("2026-03-02 02:00:00")
    def test_transfer_sets_the_department_deadline(self):
        department = self.env["hr.department"].create(
            {"name": "After-sales", "manager_id": self.boss_employee.id}
        )
        complaint = self._complaint()
        self.env["customer_service.complaint.transfer"].create(
            {
                "complaint_id": complaint.id,
                "department_id": department.id,
                "note": "Please check the seal batch",
            }
        ).action_apply()
        self.assertEqual(complaint.department_id, department)
        self.assertEqual(complaint.transfer_note, "Please check the seal batch")
        # Monday + 3 working days.
        self.assertEqual(complaint.dept_deadline, datetime(2026, 3, 5, 2, 0))
        self.assertIn(
            self.boss, complaint.activity_ids.mapped("user_id"), "manager asked"
        )

    @freeze_time("2026-03-02 02:00:00")
    def test_transfer_asks_the_manager_once(self):
        department = self.env["hr.department"].create(
            {"name": "Quality", "manager_id": self.boss_employee.id}
        )
        complaint = self._complaint()
        for note in ("Please check the seal batch", "Any news?"):
            self.env["customer_service.complaint.transfer"].create(
                {
                    "complaint_id": complaint.id,
                    "department_id": department.id,
                    "note": note,
                }
            ).action_apply()
        asked = complaint.activity_ids.filtered(lambda a: a.user_id == self.boss)
        self.assertEqual(len(asked), 1, "one open request per manager")
        self.assertEqual(
            asked.activity_type_id,
            self.env.ref("customer_service.mail_activity_type_followup"),
        )
        self.assertEqual(asked.summary, "Answer the complaint with a solution")
        # Once answered, a new transfer asks again.
        asked.action_done()
        self.env["customer_service.complaint.transfer"].create(
            {
                "complaint_id": complaint.id,
                "department_id": department.id,
                "note": "The seal failed again",
            }
        ).action_apply()
        self.assertEqual(
            len(complaint.activity_ids.filtered(lambda a: a.user_id == self.boss)), 1
        )

    def test_capa_only_on_founded_and_escalates_once(self):
        complaint = self._complaint()
        Action = self.env["customer_service.complaint.action"]
        with self.assertRaisesText(ValidationError, "founded complaints only"):
            Action.create(
                {
                    "complaint_id": complaint.id,
                    "name": "Fix",
                    "owner_id": self.handler.id,
                    "deadline": "2026-03-05",
                }
            )
        self._founded(complaint)
        action = Action.create(
            {
                "complaint_id": complaint.id,
                "name": "Fix the seal supplier",
                "owner_id": self.handler.id,
                "deadline": "2026-03-05",
            }
        )
        with freeze_time("2026-03-10"):
            self.assertEqual(Action._cron_escalate_overdue(), action)
            self.assertFalse(Action._cron_escalate_overdue())
        self.assertEqual(action.activity_ids.user_id, self.boss)
        with self.assertRaisesText(UserError, "Describe the action"):
            action.action_done()
        action.description = "Changed supplier"
        action.action_done()
        action.verification = "Three batches checked"
        with self.assertRaisesText(UserError, "cannot verify"):
            action.with_user(self.handler).action_verify()
        action.with_user(self.boss).action_verify()
        self.assertEqual(action.state, "verified")

    # -- partner, sale order, visit -------------------------------------------
    def test_partner_counts_and_creation_from_documents(self):
        self._complaint()
        done = self._complaint()
        done.action_cancel()
        contact = self.env["res.partner"].create(
            {"name": "李经理", "parent_id": self.customer.id}
        )
        partners = self.customer | contact
        partners.invalidate_recordset(["cs_complaint_count"])
        self.assertEqual(self.customer.cs_complaint_count, 2)
        self.assertEqual(self.customer.cs_complaint_open_count, 1)
        self.assertEqual(contact.cs_complaint_count, 2)
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        action = order.action_cs_new_complaint()
        self.assertEqual(action["context"]["default_sale_order_id"], order.id)
        visit = self.env["customer_service.visit"].create(
            {
                "partner_id": self.customer.id,
                "planned_start": datetime(2026, 3, 6, 2, 0),
            }
        )
        context = visit.action_open_complaint()["context"]
        complaint = self.Complaint.with_context(**context).create(
            {"category_id": self.category.id}
        )
        self.assertEqual(complaint.visit_id, visit)
        self.assertEqual(complaint.partner_id, self.customer)

    # -- email intake ---------------------------------------------------------
    def _email(self, sender, subject, message_id, extra=""):
        return (
            f"From: {sender}\r\nTo: complaints@example.com\r\n"
            f"Subject: {subject}\r\nMessage-ID: {message_id}\r\n{extra}"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "The delivered pump leaks.\r\n"
        )

    def test_email_from_known_customer_creates_and_threads(self):
        alias = self.env.ref("customer_service.mail_alias_complaint")
        Thread = self.env["mail.thread"]
        message = self._email(
            "Ming Yuan <kefu@mingyuan.example.com>", "Leaking pump", "<c1@example>"
        )
        complaint_id = Thread.message_process(alias.alias_model_id.model, message)
        complaint = self.Complaint.browse(complaint_id)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.subject, "Leaking pump")
        reply = self._email(
            "Ming Yuan <kefu@mingyuan.example.com>",
            "Re: Leaking pump",
            "<c2@example>",
            "In-Reply-To: <c1@example>\r\nReferences: <c1@example>\r\n",
        )
        count = self.Complaint.search_count([])
        self.assertEqual(
            Thread.message_process(alias.alias_model_id.model, reply), complaint.id
        )
        self.assertEqual(self.Complaint.search_count([]), count)

    def test_email_from_unknown_sender_keeps_the_address(self):
        message = self._email(
            "Zhang San <zhangsan@unknown.example.com>", "投诉", "<u1@example>"
        )
        complaint = self.Complaint.browse(
            self.env["mail.thread"].message_process(
                "customer_service.complaint", message
            )
        )
        self.assertFalse(complaint.partner_id)
        self.assertIn("zhangsan@unknown.example.com", complaint.email_from)
        self.assertEqual(complaint.complainant_name, "Zhang San")
        self.assertTrue(complaint.name.startswith("TS"))

    # -- handover, invoice ----------------------------------------------------
    def test_handover_moves_open_complaints_but_respects_recusal(self):
        open_one = self._complaint()
        about_colleague = self._complaint(
            complained_employee_ids=[
                (0, 0, {"name": "Colleague", "user_id": self.colleague.id})
            ]
        )
        closed = self._complaint()
        closed.action_cancel()
        self.env["customer_service.handover"].create(
            {"from_user_id": self.handler.id, "to_user_id": self.colleague.id}
        ).action_apply()
        self.assertEqual(open_one.user_id, self.colleague)
        self.assertEqual(about_colleague.user_id, self.handler)
        self.assertEqual(closed.user_id, self.handler)
        self.assertIn("Handed over", open_one.message_ids[0].body)

    def test_new_complaint_from_an_invoice(self):
        invoice = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.customer.id}
        )
        context = invoice.action_cs_new_complaint()["context"]
        complaint = self.Complaint.with_context(**context).create(
            {"category_id": self.category.id}
        )
        self.assertEqual(complaint.invoice_id, invoice)
        self.assertEqual(complaint.partner_id, self.customer)

    def test_other_company_complaints_stay_hidden(self):
        other_company = self.env["res.company"].create({"name": "Branch Co"})
        other_company.resource_calendar_id.tz = "Asia/Shanghai"
        foreign = self.Complaint.with_company(other_company).create(
            {
                "complainant_name": "张三",
                "category_id": self.category.id,
                "company_id": other_company.id,
                "user_id": self.boss.id,
            }
        )
        self.assertTrue(foreign.name.startswith("TS"))
        self.assertNotIn(foreign, self.Complaint.with_user(self.auditor).search([]))
        self.assertNotIn(foreign, self.Complaint.with_user(self.boss).search([]))

    def test_batch_create_is_set_based(self):
        """Numbering, deadlines and repeat detection cost the same for 5 or 50."""
        customers = self.env["res.partner"].create(
            [{"name": f"Batch {i}", "is_company": True} for i in range(5)]
        )

        def create(count):
            vals_list = [
                {
                    "partner_id": customers[i % 5].id,
                    "category_id": self.category.id,
                    "received_at": datetime(2026, 3, 2, 2, i % 60),
                }
                for i in range(count)
            ]
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            complaints = self.Complaint.create(vals_list)
            self.env.flush_all()
            return complaints, self.env.cr.sql_log_count - before

        create(5)  # first complaints of these customers
        create(5)  # repeats: warms the caches of the repeat path
        few, few_queries = create(5)
        many, many_queries = create(50)
        self.assertTrue(all(few.mapped("is_repeat")))
        self.assertEqual(len(set(many.mapped("name"))), 50)
        self.assertEqual(few_queries, many_queries)

    def test_email_to_the_alias_opens_a_complaint(self):
        domain = self.env["mail.alias.domain"].create({"name": "cs.example.com"})
        alias = self.env.ref("customer_service.mail_alias_complaint")
        alias.alias_domain_id = domain
        self.env.company.alias_domain_id = domain
        message = (
            "From: Ming Yuan <kefu@mingyuan.example.com>\r\n"
            "To: complaints@cs.example.com\r\n"
            "Subject: 送货延误\r\nMessage-ID: <alias1@example>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "The parts arrived three days late.\r\n"
        )
        complaint = self.Complaint.browse(
            self.env["mail.thread"].message_process(False, message)
        )
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(
            complaint.category_id,
            self.env.ref("customer_service.complaint_category_other"),
        )
        self.assertEqual(complaint.channel, "email")

    def test_lot_of_the_product_is_recorded(self):
        product = self.env["product.product"].create({"name": "Pump"})
        with Form(self.Complaint.with_user(self.handler)) as form:
            form.partner_id = self.customer
            form.category_id = self.category
            form.product_id = product
            form.lot_number = "LOT-2026-031"
        self.assertEqual(form.record.lot_number, "LOT-2026-031")
