"""Customer archive: grades, key-customer backup, automatic grading, handover."""

from contextlib import contextmanager
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerArchive(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.key = cls.env.ref("customer_service.grade_key")
        cls.general = cls.env.ref("customer_service.grade_general")
        cls.manager_a = new_test_user(
            cls.env, "cs_am_a", groups="sales_team.group_sale_salesman"
        )
        cls.manager_b = new_test_user(
            cls.env, "cs_am_b", groups="sales_team.group_sale_salesman"
        )
        cls.plain = new_test_user(cls.env, "cs_plain", groups="base.group_user")
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "上海宏达贸易有限公司",
                "is_company": True,
                "user_id": cls.manager_a.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Valve", "list_price": 100}
        )

    def _confirmed_order(self, partner, when):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 1})
                ],
            }
        )
        order.action_confirm()
        order.date_order = when
        return order

    @contextmanager
    def assertRaisesText(self, exception, text):
        """Odoo's assertRaises rolls the failed change back; check the message too."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _stored(self, record, fname):
        """The value in the database, not in the cache a failed write left."""
        record.invalidate_recordset([fname])
        return record[fname]

    def _flush_tracking(self):
        # Tracking messages are written when the transaction commits.
        self.env.flush_all()
        self.env.cr.precommit.run()

    # -- grades ---------------------------------------------------------------
    def test_grade_rejects_negative_standard_and_empty_rule(self):
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            self.general.visit_interval_days = -1
        self.assertEqual(self._stored(self.general, "visit_interval_days"), 90)
        with self.assertRaisesText(ValidationError, "at least one month"):
            self.key.auto_months = 0
        with self.assertRaisesText(ValidationError, "at least one"):
            self.key.auto_min_orders = -2
        self.key.invalidate_recordset()
        self.assertEqual((self.key.auto_months, self.key.auto_min_orders), (3, 2))

    def test_key_customer_needs_another_employee_as_backup(self):
        with self.assertRaisesText(ValidationError, "name a backup account manager"):
            self.customer.cs_grade_id = self.key
        self.assertFalse(self._stored(self.customer, "cs_grade_id"))
        with self.assertRaisesText(ValidationError, "must be another employee"):
            self.customer.write(
                {"cs_grade_id": self.key.id, "cs_backup_user_id": self.manager_a.id}
            )
        self.customer.write(
            {"cs_grade_id": self.key.id, "cs_backup_user_id": self.manager_b.id}
        )
        self.assertEqual(self.customer.cs_grade_id, self.key)

    def test_internal_users_and_employees_are_never_key_customers(self):
        employee = self.env["hr.employee"].create({"name": "李雷"})
        for partner in (self.plain.partner_id, employee.work_contact_id):
            with self.assertRaisesText(ValidationError, "cannot be key customers"):
                partner.write(
                    {"cs_grade_id": self.key.id, "cs_backup_user_id": self.manager_b.id}
                )

    def test_data_quality_warnings_never_block(self):
        china = self.env.ref("base.cn")
        person = self.env["res.partner"].create(
            {"name": "王先生", "country_id": china.id, "mobile": "138 0013"}
        )
        self.assertIn("mobile number", person.cs_quality_warning)
        self.assertIn("full name", person.cs_quality_warning)
        person.write({"name": "王建国", "mobile": "+86 138-0013-8000"})
        self.assertFalse(person.cs_quality_warning)
        self.customer.write(
            {"cs_grade_id": self.key.id, "cs_backup_user_id": self.manager_b.id}
        )
        self.assertIn("precise address", self.customer.cs_quality_warning)

    # -- automatic grading ----------------------------------------------------------
    @freeze_time("2026-05-15 08:00:00")
    def test_auto_grading_grants_tracks_and_is_idempotent(self):
        steady = self.customer
        occasional = self.env["res.partner"].create(
            {"name": "Occasional Ltd", "is_company": True}
        )
        for month in (2, 3, 4):
            for day in (3, 20):
                self._confirmed_order(steady, datetime(2026, month, day, 10))
                if month != 3:
                    self._confirmed_order(occasional, datetime(2026, month, day, 10))
        # Orders of the current month do not count: the months are complete ones.
        self._confirmed_order(occasional, datetime(2026, 5, 2, 10))
        self._confirmed_order(occasional, datetime(2026, 5, 3, 10))
        # An internal user's partner never becomes a key customer.
        for month in (2, 3, 4):
            for day in (3, 20):
                self._confirmed_order(
                    self.plain.partner_id, datetime(2026, month, day, 10)
                )

        # Records created in the running transaction are not tracked yet.
        self._flush_tracking()
        Grade = self.env["customer_service.grade"]
        self.assertEqual(Grade._cron_auto_grade(), (1, 0))
        self._flush_tracking()
        self.assertEqual(steady.cs_grade_id, self.key)
        self.assertTrue(steady.cs_grade_auto)
        self.assertFalse(occasional.cs_grade_id)
        self.assertFalse(self.plain.partner_id.cs_grade_id)
        tracked = steady.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "cs_grade_id"
        )
        self.assertEqual(tracked.new_value_char, self.key.display_name)
        # No backup yet: the account manager is asked to name one.
        self.assertEqual(steady.activity_ids.user_id, self.manager_a)

        messages = steady.message_ids
        self.assertEqual(Grade._cron_auto_grade(), (0, 0))
        self._flush_tracking()
        self.assertEqual(steady.message_ids, messages)

        # Three months later the rule is no longer met: the job takes its grade back.
        with freeze_time("2026-08-15 08:00:00"):
            self.assertEqual(Grade._cron_auto_grade(), (1, 0))
        self.assertEqual(steady.cs_grade_id, self.general)
        self.assertFalse(steady.cs_grade_auto)

    @freeze_time("2026-05-15 08:00:00")
    def test_auto_grading_keeps_grades_set_by_hand(self):
        self.customer.write(
            {"cs_grade_id": self.key.id, "cs_backup_user_id": self.manager_b.id}
        )
        self.env["customer_service.grade"]._cron_auto_grade()
        self.assertEqual(self.customer.cs_grade_id, self.key)

    # -- handover -------------------------------------------------------------
    def _handover(self, **values):
        return self.env["customer_service.handover"].create(
            {
                "from_user_id": self.manager_a.id,
                "to_user_id": self.manager_b.id,
                **values,
            }
        )

    def test_handover_refuses_archived_or_same_user(self):
        with self.assertRaisesText(UserError, "another user"):
            self._handover(to_user_id=self.manager_a.id).action_apply()
        self.manager_b.active = False
        with self.assertRaisesText(UserError, "archived"):
            self._handover().action_apply()
        self.assertEqual(self.customer.user_id, self.manager_a)

    def test_handover_moves_customers_and_backups_with_a_note(self):
        backed = self.env["res.partner"].create(
            {
                "name": "深圳安信电子",
                "is_company": True,
                "user_id": self.manager_b.id,
                "cs_backup_user_id": self.manager_a.id,
            }
        )
        other = self.env["res.partner"].create(
            {"name": "Other Co", "user_id": self.plain.id}
        )
        Visit = self.env["customer_service.visit"]
        open_visit, done_visit = Visit.create(
            [
                {
                    "partner_id": self.customer.id,
                    "user_id": self.manager_a.id,
                    "planned_start": datetime(2026, 3, 6, 2, 0),
                }
            ]
            * 2
        )
        done_visit.write({"actual_start": datetime(2026, 3, 6, 2), "content": "Met"})
        done_visit.action_done()
        wizard = self._handover(note="Leaves the company")
        self.assertEqual(wizard.partner_count, 2)
        wizard.action_apply()
        # Open visits follow the customer; the record of a past visit stays.
        self.assertEqual(open_visit.user_id, self.manager_b)
        self.assertEqual(open_visit.calendar_event_id.user_id, self.manager_b)
        self.assertIn("Leaves the company", open_visit.message_ids[0].body)
        self.assertEqual(done_visit.user_id, self.manager_a)
        self.assertEqual(self.customer.user_id, self.manager_b)
        # manager_b managed "backed", manager_a was its backup: that role falls empty.
        self.assertEqual(backed.user_id, self.manager_b)
        self.assertFalse(backed.cs_backup_user_id)
        self.assertEqual(other.user_id, self.plain)
        for partner in (self.customer, backed):
            self.assertIn("Leaves the company", partner.message_ids[0].body)

    def test_handover_limited_to_a_grade(self):
        general_customer = self.env["res.partner"].create(
            {
                "name": "General Co",
                "user_id": self.manager_a.id,
                "cs_grade_id": self.general.id,
            }
        )
        self._handover(grade_ids=[(6, 0, self.general.ids)]).action_apply()
        self.assertEqual(general_customer.user_id, self.manager_b)
        self.assertEqual(self.customer.user_id, self.manager_a)

    # -- access ---------------------------------------------------------------
    def test_employees_read_grades_only_managers_configure(self):
        grade = self.general.with_user(self.plain)
        self.assertEqual(grade.name, "General customer")
        with self.assertRaises(AccessError):
            grade.write({"visit_interval_days": 10})
        with self.assertRaises(AccessError):
            self.env["customer_service.handover"].with_user(self.plain).create(
                {"from_user_id": self.manager_a.id, "to_user_id": self.manager_b.id}
            )
