"""Satisfaction surveys: questionnaire, campaigns, KPIs, follow-up, retention."""

import os
from contextlib import contextmanager
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.translate import TranslationImporter

from odoo.addons.customer_service.models.survey import customer_service_survey_campaign
from odoo.addons.customer_service.models.survey.survey_question import (
    DIMENSIONS as ALL_DIMENSIONS,
)

DIMENSIONS = tuple(key for key, _label in ALL_DIMENSIONS if key != "overall")


@tagged("post_install", "-at_install")
class SurveyCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.env.company.email = "service@example.com"
        cs_user = ",".join(
            [
                "sales_team.group_sale_salesman",
                "customer_service.group_customer_service_user",
            ]
        )
        cls.rep = new_test_user(
            cls.env, "cs_survey_rep", groups=cs_user, email="rep@example.com"
        )
        cls.manager = new_test_user(
            cls.env,
            "cs_survey_manager",
            groups="customer_service.group_customer_service_manager",
            email="manager@example.com",
        )
        cls.auditor = new_test_user(
            cls.env,
            "cs_survey_auditor",
            groups="customer_service.group_customer_service_auditor",
        )
        cls.department = cls.env["hr.department"].create({"name": "Service East"})
        cls.env["hr.employee"].create(
            {
                "name": "Rep",
                "user_id": cls.rep.id,
                "department_id": cls.department.id,
            }
        )
        cls.tag = cls.env["res.partner.category"].create({"name": "Survey Q2"})
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Survey customer {i}",
                    "is_company": True,
                    "customer_rank": 1,
                    "email": f"customer{i}@example.com",
                    "user_id": cls.rep.id,
                    "category_id": [(4, cls.tag.id)],
                }
                for i in range(3)
            ]
        )
        cls.no_email = cls.env["res.partner"].create(
            {
                "name": "No email customer",
                "is_company": True,
                "customer_rank": 1,
                "user_id": cls.rep.id,
                "category_id": [(4, cls.tag.id)],
            }
        )
        cls.survey = cls.env.ref("customer_service.survey_default_questionnaire")
        cls.Campaign = cls.env["customer_service.survey.campaign"]
        cls.Answer = cls.env["survey.user_input"]
        cls.Kpi = cls.env["customer_service.survey.kpi"]

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _campaign(self, **values):
        return self.Campaign.create(
            {
                "name": "2026 Q2",
                "survey_id": self.survey.id,
                "category_ids": [(4, self.tag.id)],
                **values,
            }
        )

    def _invited_on(self, answers, when):
        """Backdates invitations: create dates come from the database clock."""
        answers.flush_recordset()
        self.env.cr.execute(
            "UPDATE survey_user_input SET create_date = %s WHERE id = ANY(%s)",
            [when, answers.ids],
        )
        answers.invalidate_recordset(["create_date"])

    def _question(self, key):
        return self.env.ref(f"customer_service.survey_question_{key}")

    def _answer(self, answer, level, comment=None, dimensions=DIMENSIONS):
        """Fills in every scale question at ``level`` and submits."""
        for key in (*dimensions, "overall"):
            question = self._question(key)
            choice = question.suggested_answer_ids.filtered(
                lambda a, level=level: a.cs_level == level
            )
            answer._save_lines(question, choice.id)
        if comment:
            answer._save_lines(self._question("comment"), comment)
        answer._mark_done()


class TestQuestionnaire(SurveyCase):
    def test_default_questionnaire_covers_every_dimension(self):
        scale = self.survey.question_ids.filtered("cs_dimension")
        self.assertEqual(set(scale.mapped("cs_dimension")), {*DIMENSIONS, "overall"})
        for question in scale:
            self.assertEqual(
                question.suggested_answer_ids.mapped("cs_level"), [5, 4, 3, 2, 1]
            )
        comment = self.survey.question_ids.filtered("cs_comment")
        self.assertEqual(comment.question_type, "text_box")
        self.assertEqual(self.survey.access_mode, "token")

    def test_questionnaire_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        importer = TranslationImporter(self.env.cr, verbose=False)
        importer.load_file(
            os.path.join(get_module_path("customer_service"), "i18n", "zh_CN.po"),
            "zh_CN",
        )
        importer.save(overwrite=True)
        survey = self.survey.with_context(lang="zh_CN")
        self.assertEqual(survey.title, "客户满意度调查")
        empathy = self._question("empathy").with_context(lang="zh_CN")
        self.assertIn("个人关注", empathy.title)
        self.assertEqual(
            empathy.suggested_answer_ids.mapped("value"),
            ["非常满意", "满意", "基本满意", "不满意", "非常不满意"],
        )

    def test_rule_only_for_survey_subjects(self):
        with self.assertRaisesText(ValidationError, "cannot send satisfaction"):
            self.env["customer_service.survey.rule"].create(
                {
                    "model_id": self.env["ir.model"]._get_id("customer_service.grade"),
                    "survey_id": self.survey.id,
                }
            )


class TestCampaign(SurveyCase):
    def test_cron_starts_a_campaign_on_its_company_day(self):
        """The company's zone decides when a campaign starts, not the zone of
        whoever runs the job (Shanghai here, 8 hours ahead of UTC)."""
        with freeze_time("2026-12-03 10:00:00"):  # 18:00 in Shanghai
            campaign = self._campaign(date_start=date(2026, 12, 4))
            campaign.action_launch()
        self.assertFalse(campaign.answer_ids)
        # 23:00 in Shanghai, already the 4th where the job's user is.
        with freeze_time("2026-12-03 15:00:00"):
            self.Campaign.with_context(tz="Pacific/Kiritimati")._cron_dispatch()
        self.assertFalse(campaign.answer_ids)
        # 01:00 on the 4th in Shanghai, still the 3rd in UTC.
        with freeze_time("2026-12-03 17:00:00"):
            self.Campaign.with_context(tz="UTC")._cron_dispatch()
        self.assertEqual(campaign.answer_ids.partner_id, self.customers)
        self.assertTrue(campaign.dispatch_done)

    def test_launch_invites_the_segment_and_queues_mail(self):
        campaign = self._campaign()
        self.assertEqual(campaign.segment_count, 4)
        self.assertEqual(campaign.response_target, 85.0)
        self.assertEqual(campaign.satisfaction_target, 95.0)
        campaign.with_user(self.rep).action_launch()
        self.assertEqual(campaign.state, "running")
        answers = campaign.answer_ids
        self.assertEqual(answers.cs_partner_id, self.customers)
        self.assertEqual(answers.partner_id, self.customers)
        self.assertEqual(set(answers.mapped("cs_user_id")), {self.rep})
        self.assertEqual(set(answers.mapped("cs_department_id")), {self.department})
        self.assertEqual(campaign.no_email_partner_ids, self.no_email)
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.customers.ids)]
        )
        self.assertEqual(len(mails), 3)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertIn(answers[0].access_token, " ".join(mails.mapped("body_html")))
        self.assertEqual(campaign.invited_count, 3)
        # Every customer handled: the job adds nothing, even twice.
        self.Campaign._cron_dispatch()
        self.Campaign._cron_dispatch()
        self.assertTrue(campaign.dispatch_done)
        self.assertEqual(len(campaign.answer_ids), 3)
        self.assertEqual(campaign.no_email_count, 1)
        with self.assertRaisesText(UserError, "Give the customers without email"):
            campaign.action_invite_no_email()
        self.no_email.email = "late@example.com"
        campaign.action_invite_no_email()
        self.assertFalse(campaign.no_email_partner_ids)
        self.assertEqual(
            campaign.answer_ids.cs_partner_id, self.customers | self.no_email
        )

    def test_dispatch_job_sends_due_campaigns_in_batches(self):
        campaign = self._campaign(date_start=date(2026, 5, 4))
        with freeze_time("2026-05-01 02:00:00"):
            campaign.action_launch()
            self.assertFalse(campaign.answer_ids)
            self.assertFalse(self.Campaign._cron_dispatch())
        with (
            freeze_time("2026-05-04 02:00:00"),
            patch.object(customer_service_survey_campaign, "DISPATCH_BATCH", 2),
        ):
            self.assertEqual(self.Campaign._cron_dispatch(), 2)
            self.assertEqual(len(campaign.answer_ids), 2)
            self.assertEqual(self.Campaign._cron_dispatch(), 2)
            self.assertFalse(self.Campaign._cron_dispatch())
        self.assertTrue(campaign.dispatch_done)
        self.assertEqual(campaign.answer_ids.cs_partner_id, self.customers)
        self.assertEqual(campaign.no_email_partner_ids, self.no_email)

    def test_dispatch_resumes_after_the_customers_handled(self):
        """Each batch starts after the last customer handled, invited or
        listed without email, so a customer who joins the segment during the
        dispatch is invited and nobody twice."""
        campaign = self._campaign(date_start=date(2026, 5, 4))
        segment = (self.customers | self.no_email).sorted("id")
        with (
            freeze_time("2026-05-04 02:00:00"),
            patch.object(customer_service_survey_campaign, "DISPATCH_BATCH", 2),
        ):
            campaign.action_launch()
            self.assertEqual(
                campaign.answer_ids.cs_partner_id | campaign.no_email_partner_ids,
                segment[:2],
            )
            late = self.env["res.partner"].create(
                {
                    "name": "Late customer",
                    "is_company": True,
                    "customer_rank": 1,
                    "email": "late-customer@example.com",
                    "category_id": [(4, self.tag.id)],
                }
            )
            campaign.invalidate_recordset(["segment_count"])
            self.assertEqual(campaign.segment_count, 5)
            while self.Campaign._cron_dispatch():
                pass
        self.assertTrue(campaign.dispatch_done)
        self.assertEqual(campaign.answer_ids.cs_partner_id, self.customers | late)
        self.assertEqual(len(campaign.answer_ids), 4)
        self.assertEqual(campaign.no_email_partner_ids, self.no_email)

    def test_department_and_grade_segments(self):
        other_department = self.env["hr.department"].create({"name": "North"})
        campaign = self._campaign(department_ids=[(4, other_department.id)])
        self.assertEqual(campaign.segment_count, 0)
        campaign.department_ids = self.department
        self.assertEqual(campaign.segment_count, 4)
        grade = self.env["customer_service.grade"].create(
            {"name": "No surveys", "survey_included": False}
        )
        self.customers[0].cs_grade_id = grade
        campaign.invalidate_recordset(["segment_count"])
        self.assertEqual(campaign.segment_count, 3)

    def test_bad_campaigns_are_refused(self):
        campaign = self._campaign(survey_id=False)
        with self.assertRaisesText(UserError, "Choose the questionnaire"):
            campaign.action_launch()
        self.assertEqual(campaign.state, "draft")
        empty = self._campaign(category_ids=[(6, 0, [])], salesperson_ids=self.auditor)
        with self.assertRaisesText(UserError, "selects no customer"):
            empty.action_launch()
        self.assertEqual(empty.state, "draft")
        self.assertFalse(self.Answer.search([("cs_campaign_id", "=", empty.id)]))
        with self.assertRaisesText(ValidationError, "between 0 and 100"):
            self._campaign(response_target=120)
        with self.assertRaisesText(ValidationError, "between 0 and 100"):
            campaign.satisfaction_target = -1
        self.assertEqual(campaign.satisfaction_target, 95.0)
        with self.assertRaisesText(ValidationError, "between 0 and 100"):
            self.env.company.cs_survey_response_target = 101
        self.assertEqual(self.env.company.cs_survey_response_target, 85.0)

    def test_answer_submitted_twice_counts_once(self):
        campaign = self._campaign()
        campaign.action_launch()
        answer = campaign.answer_ids[0]
        with freeze_time("2026-05-04 02:00:00"):
            self._answer(answer, 5)
        with self.assertRaisesText(UserError, "already submitted"):
            answer._mark_done()
        self.assertEqual(answer.end_datetime, datetime(2026, 5, 4, 2, 0))
        self.assertEqual(campaign.answered_count, 1)
        self.assertEqual(campaign.satisfied_count, 1)

    def test_a_customer_is_invited_once_per_campaign(self):
        campaign = self._campaign()
        campaign.action_launch()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.survey._cs_create_answers(
                [
                    {
                        "partner_id": self.customers[0].id,
                        "cs_partner_id": self.customers[0].id,
                        "cs_campaign_id": campaign.id,
                        "cs_company_id": campaign.company_id.id,
                    }
                ]
            )
        self.assertEqual(len(campaign.answer_ids), 3)

    def test_progress_costs_the_same_for_many_campaigns(self):
        campaigns = self._campaign() | self._campaign(name="2026 Q3")
        campaigns.action_launch()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        campaigns[0].response_rate  # noqa: B018
        one = self.env.cr.sql_log_count - start
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        campaigns.mapped("response_rate")
        self.assertEqual(self.env.cr.sql_log_count - start, one)

    def test_reminders_once_per_round_to_non_respondents(self):
        with freeze_time("2026-04-01 02:00:00"):
            campaign = self._campaign(date_start=date(2026, 4, 1))
            campaign.action_launch()
            self._answer(campaign.answer_ids[0], 4)
        Mail = self.env["mail.mail"]
        to_customers = [("recipient_ids", "in", self.customers.ids)]
        before = Mail.search_count(to_customers)
        with freeze_time("2026-04-03 02:00:00"):
            self.Campaign._cron_dispatch()
        self.assertEqual(Mail.search_count(to_customers), before)
        with freeze_time("2026-04-06 02:00:00"):
            self.Campaign._cron_dispatch()
            self.Campaign._cron_dispatch()
        self.assertEqual(campaign.reminder_round, 1)
        self.assertEqual(Mail.search_count(to_customers), before + 2)
        reminders = Mail.search([*to_customers, ("subject", "=like", "Reminder:%")])
        self.assertEqual(len(reminders), 2)
        reminded = campaign.answer_ids.filtered("cs_reminder_count")
        self.assertEqual(reminded, campaign.answer_ids[1:])

    def test_recurring_campaign_closes_and_repeats_once(self):
        with freeze_time("2026-04-01 02:00:00"):
            campaign = self._campaign(date_start=date(2026, 4, 1))
            campaign.action_launch()
        with freeze_time("2026-04-20 02:00:00"):
            self.Campaign._cron_dispatch()
            self.Campaign._cron_dispatch()
        self.assertEqual(campaign.state, "done")
        following = campaign.next_campaign_id
        self.assertEqual(following.date_start, date(2026, 7, 1))
        self.assertEqual(following.state, "running")
        self.assertEqual(following.category_ids, self.tag)
        self.assertEqual(self.Campaign.search_count([("name", "=", "2026 Q2")]), 2)

    def test_access(self):
        campaign = self._campaign().with_user(self.rep)
        campaign.action_launch()
        self.assertEqual(campaign.invited_count, 3)
        self.assertEqual(
            campaign.with_user(self.auditor).answer_ids.cs_partner_id, self.customers
        )
        with self.assertRaises(AccessError):
            campaign.with_user(self.auditor).name = "Renamed"
        with self.assertRaises(AccessError):
            self.Campaign.with_user(self.auditor).create({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["customer_service.survey.rule"].with_user(self.rep).create(
                {
                    "model_id": self.env["ir.model"]._get_id("customer_service.visit"),
                    "survey_id": self.survey.id,
                }
            )
        self.assertTrue(self.Kpi.with_user(self.auditor).search_count([]))
        other = self.env["res.company"].create({"name": "Other company"})
        foreign = self.Campaign.create({"name": "Foreign", "company_id": other.id})
        self.assertNotIn(foreign, self.Campaign.with_user(self.rep).search([]))


class TestKpi(SurveyCase):
    def test_levels_rates_and_dimensions_are_stored(self):
        campaign = self._campaign()
        campaign.action_launch()
        first, second, third = campaign.answer_ids.sorted("id")
        self._answer(first, 5)
        self._answer(second, 3, dimensions=("reliability",))
        self.assertEqual(first.cs_level, 5)
        self.assertTrue(first.cs_satisfied)
        self.assertEqual(first.cs_level_empathy, 5)
        self.assertTrue(second.cs_satisfied, "basically satisfied counts")
        self.assertEqual(second.cs_level_empathy, 0)
        self.assertFalse(third.cs_level)
        [(invited, response, satisfaction, empathy)] = self.Kpi._read_group(
            [("campaign_id", "=", campaign.id)],
            [],
            [
                "invited_count:sum",
                "response_rate:avg",
                "satisfaction_rate:avg",
                "level_empathy:avg",
            ],
        )
        self.assertEqual(invited, 3)
        self.assertAlmostEqual(response, 200 / 3)
        self.assertEqual(satisfaction, 100.0)
        self.assertEqual(empathy, 5.0)
        self.assertEqual(campaign.response_rate, 200 / 3)
        [(department, rate)] = self.Kpi._read_group(
            [("campaign_id", "=", campaign.id)],
            ["department_id"],
            ["satisfaction_rate:avg"],
        )
        self.assertEqual((department, rate), (self.department, 100.0))

    def test_quarter_results_by_the_28th_once(self):
        with freeze_time("2026-04-10 02:00:00"):
            campaign = self._campaign(date_start=date(2026, 4, 10))
            campaign.action_launch()
            self._invited_on(campaign.answer_ids, datetime(2026, 4, 10, 2, 0))
            self._answer(campaign.answer_ids[0], 2)
            self._answer(campaign.answer_ids[1], 4)
        Result = self.env["customer_service.survey.result"]
        with freeze_time("2026-06-27 02:00:00"):
            self.assertFalse(Result._cron_prepare_quarter_results())
        with freeze_time("2026-06-28 02:00:00"):
            results = Result._cron_prepare_quarter_results()
            self.assertFalse(Result._cron_prepare_quarter_results())
        row = results.filtered(lambda r: r.campaign_id == campaign)
        self.assertEqual(row.name, "2026 Q2")
        self.assertEqual((row.invited_count, row.answered_count), (3, 2))
        self.assertAlmostEqual(row.response_rate, 200 / 3)
        self.assertEqual(row.satisfaction_rate, 50.0)
        self.assertFalse(row.response_met)
        self.assertFalse(row.satisfaction_met)
        self.assertTrue(results.filtered(lambda r: r.department_id == self.department))
        self.assertEqual(len(results.filtered(lambda r: r.scope == "company")), 1)


class TestFollowup(SurveyCase):
    def test_dissatisfied_answer_opens_one_return_visit(self):
        campaign = self._campaign()
        campaign.action_launch()
        answer = campaign.answer_ids[0]
        self._answer(answer, 1, comment="Delivery was late")
        visit = answer.cs_followup_ref
        self.assertEqual(visit._name, "customer_service.visit")
        self.assertEqual(visit.visit_type, "survey_followup")
        self.assertEqual(visit.user_id, self.rep)
        self.assertEqual(visit.partner_id, answer.cs_partner_id)
        self.assertIn("Delivery was late", visit.purpose)
        answer._cs_open_followups()
        self.assertEqual(
            self.env["customer_service.visit"].search_count(
                [
                    ("partner_id", "=", answer.cs_partner_id.id),
                    ("visit_type", "=", "survey_followup"),
                ]
            ),
            1,
        )
        self.assertEqual(campaign.followup_count, 1)

    def test_negative_comment_opens_a_follow_up_satisfied_does_not(self):
        campaign = self._campaign()
        campaign.action_launch()
        first, second = campaign.answer_ids[:2]
        self._answer(first, 4, comment="送货太慢，很失望")
        self._answer(second, 4)
        self.assertTrue(first.cs_negative_comment)
        self.assertTrue(first.cs_followup_ref)
        self.assertFalse(second.cs_followup_ref)


class TestVisitSurvey(SurveyCase):
    def _visit(self, partner):
        return self.env["customer_service.visit"].create(
            {
                "partner_id": partner.id,
                "user_id": self.rep.id,
                "planned_start": datetime(2026, 3, 6, 2, 0),
            }
        )

    def _done(self, visit):
        visit.write(
            {"actual_start": datetime(2026, 3, 6, 2, 30), "content": "Discussed"}
        )
        visit.action_done()

    def test_done_visit_sends_the_survey_once(self):
        visit = self._visit(self.customers[0])
        self.assertFalse(visit._cs_satisfaction_answered())
        self._done(visit)
        answer = self.Answer.search(
            [("cs_res_model", "=", visit._name), ("cs_res_id", "=", visit.id)]
        )
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.cs_user_id, self.rep)
        self.assertEqual(answer.cs_department_id, self.department)
        self.assertEqual(answer.cs_subject_ref, visit)
        self.assertFalse(visit._cs_send_satisfaction_survey())
        self.assertEqual(visit.cs_survey_answer_count, 1)
        self._answer(answer, 5)
        self.assertTrue(visit._cs_satisfaction_answered())
        visit.invalidate_recordset(["cs_survey_answered"])
        self.assertTrue(visit.cs_survey_answered)
        self.assertEqual(visit.cs_survey_level, 5)

    def test_employee_completing_a_visit_sends_the_survey(self):
        visit = self._visit(self.customers[2]).with_user(self.rep)
        self._done(visit)
        answer = self.Answer.search(
            [("cs_res_model", "=", visit._name), ("cs_res_id", "=", visit.id)]
        )
        self.assertEqual(answer.partner_id, self.customers[2])
        self.assertEqual(answer.cs_department_id, self.department)
        self.assertTrue(
            self.env["mail.mail"].search_count(
                [("recipient_ids", "in", self.customers[2].ids)]
            )
        )
        self.assertEqual(visit.cs_survey_answer_count, 1)

    def test_customer_without_email_is_reported(self):
        visit = self._visit(self.no_email)
        self._done(visit)
        self.assertEqual(visit.state, "done")
        self.assertFalse(
            self.Answer.search(
                [("cs_res_model", "=", visit._name), ("cs_res_id", "=", visit.id)]
            )
        )
        self.assertIn("no valid email", visit.message_ids[0].body)

    def test_follow_up_visits_send_no_survey(self):
        visit = self._visit(self.customers[1])
        visit.visit_type = "survey_followup"
        self._done(visit)
        self.assertFalse(visit.cs_survey_answer_count)

    def test_partner_smart_button_counts(self):
        visit = self._visit(self.customers[0])
        self._done(visit)
        answer = self.Answer.search(
            [("cs_res_id", "=", visit.id), ("cs_res_model", "=", visit._name)]
        )
        self._answer(answer, 2)
        partner = self.customers[0].with_user(self.rep)
        self.assertEqual(partner.cs_survey_answer_count, 1)
        self.assertEqual(partner.cs_survey_done_count, 1)
        self.assertEqual(partner.cs_survey_satisfaction, 0.0)
        action = partner.action_cs_view_survey_answers()
        self.assertEqual(
            self.Answer.with_user(self.rep).search(action["domain"]), answer
        )


class TestRetention(SurveyCase):
    def test_old_answers_are_anonymised_kpis_stay(self):
        with freeze_time("2025-01-10 02:00:00"):
            campaign = self._campaign(date_start=date(2025, 1, 10))
            campaign.action_launch()
            self._invited_on(campaign.answer_ids, datetime(2025, 1, 10, 2, 0))
            old = campaign.answer_ids[0]
            self._answer(old, 2, comment="Rude staff, very bad")
        recent = self._campaign()
        recent.action_launch()
        domain = [("campaign_id", "=", campaign.id)]
        measures = ["response_rate:avg", "satisfaction_rate:avg", "score:avg"]
        before = self.Kpi._read_group(domain, [], measures)
        with freeze_time("2026-02-01 02:00:00"):
            anonymised = self.Answer._cron_cs_anonymise()
            self.assertFalse(self.Answer._cron_cs_anonymise())
        self.assertEqual(anonymised, campaign.answer_ids)
        self.assertFalse(old.partner_id or old.email or old.cs_partner_id)
        self.assertTrue(old.cs_anonymised)
        self.assertFalse(old.user_input_line_ids.filtered("value_text_box"))
        self.assertFalse(recent.answer_ids.filtered("cs_anonymised"))
        self.assertEqual(self.Kpi._read_group(domain, [], measures), before)
