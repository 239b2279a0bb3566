"""Complaint deadlines in working days, pause, met/missed, escalation, summary."""

from datetime import datetime

from complaint_common import ComplaintCase
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

MONDAY_10H = datetime(2026, 3, 2, 2, 0)  # 10:00 in Shanghai


@tagged("post_install", "-at_install")
class TestComplaintSla(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.management = new_test_user(cls.env, "cs_c_top", groups="base.group_user")
        cls.env.company.write(
            {
                "cs_complaint_management_user_ids": [(6, 0, cls.management.ids)],
                "cs_complaint_at_risk_hours": 4,
                "cs_complaint_escalation_extra_hours": 48,
            }
        )

    def test_deadlines_by_channel_in_working_days(self):
        phone = self._complaint(channel="phone")
        self.assertEqual(phone.ack_deadline, datetime(2026, 3, 3, 2, 0))
        self.assertEqual(phone.reply_deadline, datetime(2026, 3, 9, 2, 0))
        email = self._complaint(channel="email")
        self.assertEqual(email.ack_deadline, datetime(2026, 3, 3, 2, 0))
        chat = self._complaint(channel="chat")
        self.assertEqual(chat.ack_deadline, datetime(2026, 3, 2, 2, 5))
        # Friday 18:00, after work: one working day is the end of Monday.
        friday = self._complaint(received_at=datetime(2026, 3, 6, 10, 0))
        self.assertEqual(friday.ack_deadline, datetime(2026, 3, 9, 9, 0))
        self.assertEqual(phone.sla_deadline, phone.ack_deadline)

    def test_make_up_working_day_counts(self):
        calendar = self.env.company.resource_calendar_id
        self.env["customer_service.calendar.exception"].create(
            {
                "calendar_id": calendar.id,
                "date": "2026-03-07",
                "kind": "workday",
                "name": "调休上班",
                "hour_from": 8.0,
                "hour_to": 17.0,
            }
        )
        friday = self._complaint(received_at=datetime(2026, 3, 6, 2, 0))
        self.assertEqual(friday.ack_deadline, datetime(2026, 3, 7, 2, 0))

    def test_met_and_missed_are_recorded(self):
        on_time = self._complaint()
        late = self._complaint()
        with freeze_time("2026-03-02 05:00:00"):
            on_time.action_acknowledge()
        with freeze_time("2026-03-04 05:00:00"):
            late.action_acknowledge()
        self.assertEqual(on_time.ack_sla, "met")
        self.assertFalse(on_time.sla_missed)
        self.assertEqual(late.ack_sla, "missed")
        self.assertTrue(late.sla_missed)
        self.assertEqual(late.sla_deadline, late.reply_deadline)

    def test_waiting_on_the_customer_pauses_the_deadlines(self):
        complaint = self._complaint()
        with freeze_time("2026-03-02 03:00:00"):
            complaint.action_wait_customer()
        with freeze_time("2026-03-03 03:00:00"):
            complaint.action_resume()
        # Eight working hours waited (11-12 and 13-17 Monday, 8-11 Tuesday).
        self.assertEqual(complaint.ack_deadline, datetime(2026, 3, 4, 2, 0))
        self.assertEqual(complaint.reply_deadline, datetime(2026, 3, 10, 2, 0))
        # A category that does not pause keeps its deadlines.
        self.category.pause_when_waiting = False
        other = self._complaint()
        with freeze_time("2026-03-02 03:00:00"):
            other.action_wait_customer()
        with freeze_time("2026-03-03 03:00:00"):
            other.action_resume()
        self.assertEqual(other.ack_deadline, datetime(2026, 3, 3, 2, 0))

    def test_sla_state_colours(self):
        complaint = self._complaint()
        with freeze_time("2026-03-02 03:00:00"):
            complaint.invalidate_recordset(["sla_state"])
            self.assertEqual(complaint.sla_state, "on_time")
            self.assertIn(
                complaint, self.Complaint.search([("sla_state", "=", "on_time")])
            )
        with freeze_time("2026-03-02 23:00:00"):
            complaint.invalidate_recordset(["sla_state"])
            self.assertEqual(complaint.sla_state, "at_risk")
            self.assertIn(
                complaint, self.Complaint.search([("sla_state", "=", "at_risk")])
            )
        with freeze_time("2026-03-03 03:00:00"):
            complaint.invalidate_recordset(["sla_state"])
            self.assertEqual(complaint.sla_state, "overdue")
            self.assertIn(
                complaint, self.Complaint.search([("sla_state", "=", "overdue")])
            )

    def _escalation_users(self, complaint):
        return complaint.activity_ids.mapped("user_id")

    def test_escalation_ladder_never_twice(self):
        complaint = self._complaint()
        Complaint = self.Complaint
        with freeze_time("2026-03-02 23:00:00"):
            Complaint._cron_escalate()
            self.assertEqual(self._escalation_users(complaint), self.handler)
            self.assertEqual(complaint.ack_escalation, 1)
            Complaint._cron_escalate()
            self.assertEqual(len(complaint.activity_ids), 1)
        with freeze_time("2026-03-03 03:00:00"):
            Complaint._cron_escalate()
            self.assertEqual(complaint.ack_escalation, 2)
            self.assertIn(self.boss, self._escalation_users(complaint))
            Complaint._cron_escalate()
            # The "at risk" activity is done: the deadline is overdue now.
            self.assertEqual(len(complaint.activity_ids), 1)
        with freeze_time("2026-03-05 03:00:00"):
            Complaint._cron_escalate()
            self.assertEqual(complaint.ack_escalation, 3)
            self.assertIn(self.management, self._escalation_users(complaint))
            Complaint._cron_escalate()
            self.assertEqual(len(complaint.activity_ids), 2)
        # The reply deadline (9 March) is not at risk yet.
        self.assertEqual(complaint.reply_escalation, 0)

    def test_escalation_queries_do_not_grow_with_open_complaints(self):
        def run_with(extra):
            self._complaint()  # due
            self.Complaint.create(
                [
                    {
                        "partner_id": self.customer.id,
                        "category_id": self.category.id,
                        "user_id": self.handler.id,
                        "received_at": datetime(2026, 6, 1, 2, 0),
                    }
                ]
                * extra
            )
            self.env.flush_all()
            with freeze_time("2026-03-03 03:00:00"):
                before = self.env.cr.sql_log_count
                self.Complaint._cron_escalate()
                return self.env.cr.sql_log_count - before

        # Earlier runs settle the complaints created by other tests.
        with freeze_time("2026-03-03 03:00:00"):
            self.Complaint._cron_escalate()
        run_with(5)  # warms the caches
        few = run_with(5)
        many = run_with(60)
        self.assertEqual(few, many)

    def test_monthly_summary_once(self):
        self._complaint()
        with freeze_time("2026-04-02 01:00:00"):
            mails = self.Complaint._cron_monthly_summary()
            self.assertEqual(len(mails), 1)
            self.assertIn("2026-03", mails.subject)
            self.assertEqual(mails.recipient_ids, self.management.partner_id)
            self.assertFalse(self.Complaint._cron_monthly_summary())
