"""Query-count pins of the bulk paths: the same number of queries for 5 and for
50 records proves that nothing is done one record at a time, and the pinned
number that nothing was added to the batch. Not timed: the figures are for
``./dev bench``."""

from contextlib import nullcontext
from datetime import date, datetime, timedelta
from itertools import pairwise

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user, tagged

# The credit check of a quotation: the customer's documents summed in one query
# whatever their number, the limit and overdue guarantees read in another; then,
# until the transaction writes a table the sums are read from, the check reads
# the limit again but no document.
CREDIT_CHECK_QUERIES = 7
CREDIT_RECHECK_QUERIES = 2
# A batch of any size, once the caches are warm.
PLANNING_QUERIES = 40
ESCALATION_QUERIES = 81
DISPATCH_QUERIES = 31
INTAKE_QUERIES = 61
TEAM_INTAKE_QUERIES = 61


def queries(case, action, pin=None):
    """(queries, result) of ``action`` and of the work it leaves to the end of
    the transaction, from a flushed, empty cache; with ``pin``,
    ``assertQueryCount`` holds it to that number."""
    env = case.env
    # What the set-up left to the end of the transaction is not the action's.
    env.flush_all()
    env.cr.flush()
    env.invalidate_all()
    before = env.cr.sql_log_count
    with case.assertQueryCount(pin) if pin else nullcontext():
        result = action()
        env.flush_all()
        env.cr.flush()
    return env.cr.sql_log_count - before, result


@tagged("post_install", "-at_install")
class TestBulkQueryCounts(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        salesman = (
            "sales_team.group_sale_salesman,"
            "customer_service.group_customer_service_user"
        )
        cls.rep = new_test_user(
            cls.env, "cs_perf_rep", groups=salesman, notification_type="email"
        )
        cls.inbox_rep = new_test_user(
            cls.env, "cs_perf_inbox_rep", groups=salesman, notification_type="inbox"
        )
        cls.grade = cls.env["customer_service.grade"].create(
            {"name": "Perf grade", "visit_interval_days": 30}
        )
        cls.category = cls.env["customer_service.complaint.category"].search(
            [("safety", "=", False)], limit=1
        )

    def _customers(self, count, tag, **values):
        return self.env["res.partner"].create(
            [
                {
                    "name": f"{tag} customer {i}",
                    "is_company": True,
                    "email": f"{tag.lower()}{i}@example.com",
                    **values,
                }
                for i in range(count)
            ]
        )

    # -- routine visit planning -----------------------------------------------
    @freeze_time("2026-03-04 01:00:00")
    def test_visit_planning_queries_do_not_grow_with_the_visits(self):
        Visit = self.env["customer_service.visit"]
        # Customers of other tests or demo data are planned first.
        while Visit._cron_plan_routine_visits():
            pass

        def plan(count, tag, pin=None):
            self._customers(count, tag, user_id=self.rep.id, cs_grade_id=self.grade.id)
            return queries(self, Visit._cron_plan_routine_visits, pin)

        plan(5, "Warm")
        few, planned_few = plan(5, "Few", PLANNING_QUERIES)
        many, planned_many = plan(50, "Many", PLANNING_QUERIES)
        self.assertEqual(len(planned_few), 5)
        self.assertEqual(len(planned_many), 50)
        self.assertEqual(few, many)
        # Everything the visit-by-visit planning did is still done per visit.
        self.assertEqual(len(set(planned_many.mapped("name"))), 50)
        for visit in planned_many:
            self.assertEqual(visit.calendar_event_id.res_id, visit.id)
            self.assertEqual(visit.calendar_event_id.user_id, self.rep)
            self.assertIn(self.rep.partner_id, visit.message_partner_ids)
            self.assertTrue(visit.message_ids)

    # -- escalation -----------------------------------------------------------
    def test_escalation_queries_do_not_grow_and_every_notice_is_sent(self):
        Complaint = self.env["customer_service.complaint"]
        with freeze_time("2026-03-03 03:00:00"):
            Complaint._cron_escalate()  # complaints of other tests

        def escalate(count, tag, pin=None):
            customers = self._customers(count, tag)
            complaints = Complaint.create(
                [
                    {
                        "partner_id": customer.id,
                        "category_id": self.category.id,
                        "user_id": (self.rep, self.inbox_rep)[i % 2].id,
                        "received_at": datetime(2026, 3, 2, 1, 0),
                    }
                    for i, customer in enumerate(customers)
                ]
            )
            # As the cron finds complaints registered before the portal gave
            # them tokens: none yet, nothing of them in the cache.
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE customer_service_complaint SET access_token = NULL"
                " WHERE id = ANY(%s)",
                [complaints.ids],
            )
            self.env.invalidate_all()
            with freeze_time("2026-03-03 03:00:00"):
                count_, _done = queries(self, Complaint._cron_escalate, pin)
            return count_, complaints

        escalate(4, "Warm")
        few, _complaints = escalate(4, "Few", ESCALATION_QUERIES)
        queue = self.env.ref("mail.ir_cron_mail_scheduler_action")
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search_count([("cron_id", "=", queue.id)])
        many, complaints = escalate(40, "Many", ESCALATION_QUERIES)
        self.assertEqual(few, many)
        # The queued notices are sent by the mail queue, asked to run now.
        self.assertGreater(Trigger.search_count([("cron_id", "=", queue.id)]), triggers)
        escalation = self.env.ref("customer_service.mail_activity_type_escalation")
        for complaint in complaints:
            activity = complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == escalation
            )
            self.assertTrue(activity)
            notice = (
                self.env["mail.message"]
                .search(
                    [
                        ("model", "=", complaint._name),
                        ("res_id", "=", complaint.id),
                        ("message_type", "=", "user_notification"),
                    ]
                )
                .filtered(lambda m, a=activity: any(x.summary in m.subject for x in a))
            )
            self.assertEqual(len(notice), len(activity))
            self.assertEqual(notice.partner_ids, activity.user_id.partner_id)
            self.assertIn(complaint.name, notice[0].subject)
            notification = notice.notification_ids
            if complaint.user_id == self.rep:
                self.assertEqual(
                    set(notification.mapped("notification_type")), {"email"}
                )
                self.assertTrue(notification.mail_mail_id)
                self.assertEqual(
                    notification.mail_mail_id.recipient_ids, self.rep.partner_id
                )
                self.assertEqual(
                    set(notification.mail_mail_id.mapped("state")), {"outgoing"}
                )
                # A notice to staff links the form, not the customer's portal
                # page, and writes nothing on the customer.
                body = notification.mail_mail_id.body_html
                self.assertIn(f"res_id={complaint.id}", body)
                self.assertNotIn("auth_signup_token", body)
                self.assertNotIn(complaint.access_token or "no token", body)
                self.assertFalse(complaint.partner_id.signup_type)
            else:
                self.assertEqual(
                    set(notification.mapped("notification_type")), {"inbox"}
                )
                self.assertFalse(notification.mail_mail_id)

    # -- campaign dispatch ----------------------------------------------------
    def test_dispatch_queries_do_not_grow_and_each_mail_is_personal(self):
        Campaign = self.env["customer_service.survey.campaign"]
        survey = self.env.ref("customer_service.survey_default_questionnaire")

        def dispatch(count, tag, pin=None):
            label = self.env["res.partner.category"].create({"name": tag})
            customers = self._customers(
                count, tag, customer_rank=1, category_id=[Command.set(label.ids)]
            )
            campaign = Campaign.create(
                {
                    "name": tag,
                    "survey_id": survey.id,
                    "category_ids": [Command.set(label.ids)],
                    "date_start": date.today(),
                    "date_deadline": date.today() + timedelta(days=20),
                }
            )
            count_, _result = queries(self, campaign.action_launch, pin)
            return count_, campaign, customers

        dispatch(5, "Warm")
        few, _campaign, _customers = dispatch(5, "Few", DISPATCH_QUERIES)
        many, campaign, customers = dispatch(50, "Many", DISPATCH_QUERIES)
        self.assertEqual(few, many)
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", customers.ids), ("state", "=", "outgoing")]
        )
        self.assertEqual(len(mails), 50)
        for answer in campaign.answer_ids:
            mail = mails.filtered(lambda m, a=answer: m.recipient_ids == a.partner_id)
            self.assertEqual(len(mail), 1)
            self.assertIn(answer.access_token, mail.body_html)
            self.assertIn(answer.partner_id.name, mail.body_html)
            others = campaign.answer_ids - answer
            self.assertFalse(
                [a for a in others[:5] if a.access_token in mail.body_html]
            )

        # Each answer is what the survey's own _create_answer makes: the same
        # questions and score, linked and stored in bulk.
        own = survey._create_answer(partner=customers[0], check_attempts=False)
        own.flush_recordset()
        own.invalidate_recordset()
        campaign.answer_ids.invalidate_recordset()
        self.assertTrue(own.predefined_question_ids)
        scoring = ["scoring_percentage", "scoring_total", "scoring_success"]
        for answer in campaign.answer_ids:
            questions = answer.predefined_question_ids
            self.assertEqual(questions, own.predefined_question_ids)
            self.assertEqual(
                [answer[fname] for fname in scoring], [own[fname] for fname in scoring]
            )

    def test_dispatch_renders_a_customer_whose_name_is_in_the_text(self):
        """A name the template also contains cannot be filled in safely: the
        group is rendered customer by customer, with the same result."""
        survey = self.env.ref("customer_service.survey_default_questionnaire")
        label = self.env["res.partner.category"].create({"name": "Odd names"})
        customers = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "email": f"odd{i}@example.com",
                    "customer_rank": 1,
                    "category_id": [Command.set(label.ids)],
                }
                for i, name in enumerate(["Survey", "Dear", "Zhang <Wei>", "Li & Co"])
            ]
        )
        campaign = self.env["customer_service.survey.campaign"].create(
            {
                "name": "Odd names",
                "survey_id": survey.id,
                "category_ids": [Command.set(label.ids)],
            }
        )
        campaign.action_launch()
        for answer in campaign.answer_ids:
            mail = self.env["mail.mail"].search(
                [("recipient_ids", "=", answer.partner_id.id)]
            )
            self.assertIn(answer.access_token, mail.body_html)
        mail = self.env["mail.mail"].search([("recipient_ids", "=", customers[2].id)])
        self.assertIn("Zhang &lt;Wei&gt;", mail.body_html)

    # -- complaint intake ------------------------------------------------------
    def test_batch_intake_queries_do_not_grow_with_the_complaints(self):
        Complaint = self.env["customer_service.complaint"]
        management = new_test_user(self.env, "cs_perf_management")
        self.env.company.cs_complaint_management_user_ids = management
        customer = self._customers(1, "Intake")

        def intake(count, pin=None):
            return queries(
                self,
                lambda: Complaint.create(
                    [
                        {
                            "partner_id": customer.id,
                            "category_id": self.category.id,
                            "user_id": self.rep.id,
                            "received_at": fields.Datetime.now() - timedelta(minutes=i),
                            "description": f"Complaint {i}",
                        }
                        for i in range(count)
                    ]
                ),
                pin,
            )

        intake(5)
        few, _complaints = intake(5, INTAKE_QUERIES)
        many, complaints = intake(50, INTAKE_QUERIES)
        self.assertEqual(few, many)
        # The repeats are major: management hears of each one (the oldest of
        # the batch repeat nothing received earlier).
        repeats = complaints.filtered("is_repeat")
        self.assertGreaterEqual(len(repeats), 45)
        for complaint in repeats:
            self.assertEqual(complaint.severity, "major")
            self.assertIn(management.partner_id, complaint.message_partner_ids)
            self.assertTrue(
                complaint.message_ids.filtered(
                    lambda m: management.partner_id in m.partner_ids
                )
            )

    def test_batch_intake_goes_round_the_team_without_a_query_per_complaint(self):
        Complaint = self.env["customer_service.complaint"]
        category = self.env["customer_service.complaint.category"].create(
            {"name": "Perf team category", "user_id": False}
        )
        members = self.rep | self.inbox_rep
        category.team_user_ids = members
        customer = self._customers(1, "Turns")

        def intake(count, pin=None):
            return queries(
                self,
                lambda: Complaint.create(
                    [
                        {
                            "partner_id": customer.id,
                            "category_id": category.id,
                            "received_at": fields.Datetime.now() - timedelta(minutes=i),
                            "description": f"Turn {i}",
                        }
                        for i in range(count)
                    ]
                ),
                pin,
            )

        intake(5)
        few, _complaints = intake(5, TEAM_INTAKE_QUERIES)
        many, complaints = intake(50, TEAM_INTAKE_QUERIES)
        self.assertEqual(few, many)
        handlers = [complaint.user_id for complaint in complaints.sorted("id")]
        # One each in turn, continuing from the batch before.
        first, second = members.sorted("id")
        self.assertEqual(handlers[0], first)
        for previous, handler in pairwise(handlers):
            self.assertNotEqual(previous, handler)
        self.assertEqual(
            Complaint.search_count(
                [("id", "in", complaints.ids), ("user_id", "=", second.id)]
            ),
            25,
        )

    # -- credit check at confirmation ------------------------------------------
    def test_credit_check_queries_do_not_grow_with_invoices_and_orders(self):
        self.env.company.account_use_credit_limit = True
        customer = self._customers(1, "Credit")
        customer.with_company(self.env.company).credit_limit = 10**9
        product = self.env["product.product"].create(
            {"name": "Perf product", "list_price": 10.0, "taxes_id": []}
        )
        line = {"product_id": product.id, "price_unit": 10.0}
        due = fields.Date.today() + timedelta(days=30)

        def documents(count):
            for _i in range(count):
                invoice = self.env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": customer.id,
                        "invoice_date": due - timedelta(days=30),
                        "invoice_date_due": due,
                        "invoice_line_ids": [Command.create({**line, "tax_ids": []})],
                    }
                )
                invoice.action_post()
                order = self.env["sale.order"].create(
                    {
                        "partner_id": customer.id,
                        "order_line": [Command.create({**line, "tax_id": []})],
                    }
                )
                order.with_context(cs_credit_override=True).action_confirm()

        quotation = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [Command.create({**line, "tax_id": []})],
            }
        )
        counts = []
        for count in (2, 2, 20):
            documents(count)
            counts.append(queries(self, quotation._cs_credit_block_messages)[0])
        self.assertEqual(counts[1], counts[2])
        self.assertEqual(quotation.partner_id.cs_credit_exposure, 2 * 24 * 10.0)

        def exposure():
            self.env.invalidate_all()
            return quotation.sudo().cs_credit_exposure

        # After new documents the check sums them once; the confirmation's own
        # check that follows reads the same sums again without any document.
        documents(1)
        self.env.invalidate_all()
        with self.assertQueryCount(CREDIT_CHECK_QUERIES):
            quotation._cs_credit_block_messages()
        with self.assertQueryCount(CREDIT_RECHECK_QUERIES):
            quotation._cs_credit_block_messages()
        # The kept sums follow every write of the transaction, and its rollbacks.
        self.assertEqual(exposure(), 2 * 25 * 10.0 + 10.0)
        documents(1)
        self.assertEqual(exposure(), 2 * 26 * 10.0 + 10.0)
        with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
            documents(1)
            self.assertEqual(exposure(), 2 * 27 * 10.0 + 10.0)
            _fail = 1 / 0
        self.assertEqual(exposure(), 2 * 26 * 10.0 + 10.0)
