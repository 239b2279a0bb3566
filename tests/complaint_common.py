"""Shared set-up of the complaint suites: users per role, a customer, a category."""

from contextlib import contextmanager
from datetime import datetime

from odoo.tests import TransactionCase, new_test_user


class ComplaintCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.env["res.lang"]._activate_lang("zh_CN")
        user_groups = "customer_service.group_customer_service_user"
        cls.handler = new_test_user(cls.env, "cs_c_handler", groups=user_groups)
        cls.colleague = new_test_user(cls.env, "cs_c_colleague", groups=user_groups)
        cls.accused = new_test_user(cls.env, "cs_c_accused", groups=user_groups)
        cls.boss = new_test_user(
            cls.env,
            "cs_c_boss",
            groups="customer_service.group_customer_service_manager",
        )
        cls.salesman = new_test_user(
            cls.env, "cs_c_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.auditor = new_test_user(
            cls.env,
            "cs_c_auditor",
            groups="customer_service.group_customer_service_auditor",
        )
        cls.accused_employee = cls.env["hr.employee"].create(
            {"name": "王强", "user_id": cls.accused.id}
        )
        cls.boss_employee = cls.env["hr.employee"].create(
            {"name": "Boss", "user_id": cls.boss.id}
        )
        cls.env["hr.employee"].create(
            {
                "name": "Handler",
                "user_id": cls.handler.id,
                "parent_id": cls.boss_employee.id,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "杭州明远科技",
                "is_company": True,
                "email": "kefu@mingyuan.example.com",
                "user_id": cls.salesman.id,
            }
        )
        cls.category = cls.env["customer_service.complaint.category"].create(
            {"name": "Test quality", "reply_days": 5, "return_visit_count": 2}
        )
        cls.Complaint = cls.env["customer_service.complaint"]

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _complaint(self, lang=None, **values):
        Complaint = self.Complaint.with_context(lang=lang) if lang else self.Complaint
        return Complaint.create(
            {
                "partner_id": self.customer.id,
                "category_id": self.category.id,
                "user_id": self.handler.id,
                "received_at": datetime(2026, 3, 2, 2, 0),
                "description": "<p>The pump leaks</p>",
                **values,
            }
        )

    def _founded(self, complaint, **values):
        complaint.action_acknowledge()
        complaint.action_investigate()
        complaint.write(
            {
                "investigation_result": "founded",
                "responsibility": "company",
                "root_cause": "Seal",
                "solution": "<p>Replace the pump</p>",
                "remedy_type": "replace",
                **values,
            }
        )
        return complaint
