"""Surveys and their configuration: nothing lost, valid rules, the CS manager's
configuration rights, and the survey flow (R5.1, R5.2, R5.5, R5.6, SPEC §8)."""

from datetime import date

from complaint_common import ComplaintCase
from freezegun import freeze_time
from test_survey import SurveyCase

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users


@tagged("post_install", "-at_install")
class TestNothingLost(SurveyCase):
    def _answered(self):
        campaign = self._campaign()
        campaign.action_launch()
        answer = campaign.answer_ids[0]
        self._answer(answer, 5)
        return answer

    @users("cs_survey_manager")
    def test_manager_cannot_delete_answered_survey_nor_its_lines(self):
        answer = self._answered().with_user(self.env.user)
        lines = answer.user_input_line_ids
        with self.assertRaisesText(UserError, "cannot be deleted"):
            answer.unlink()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            lines[:1].unlink()
        self.assertTrue(answer.exists())
        self.assertEqual(answer.user_input_line_ids, lines)

    @users("cs_survey_manager")
    def test_questionnaire_with_answers_is_archived_not_deleted(self):
        answer = self._answered()
        survey = self.survey.with_user(self.env.user)
        with self.assertRaisesText(UserError, "archive it instead"):
            survey.unlink()
        self.assertTrue(survey.exists())
        self.assertTrue(answer.exists())
        survey.action_archive()
        self.assertFalse(survey.active)

    @users("cs_survey_manager")
    def test_unanswered_invitation_can_still_be_deleted(self):
        campaign = self._campaign()
        campaign.action_launch()
        answer = campaign.answer_ids[0].with_user(self.env.user)
        answer.unlink()
        self.assertFalse(answer.exists())


@tagged("post_install", "-at_install")
class TestRuleConfiguration(SurveyCase):
    def _rule_vals(self, **values):
        return {
            "model_id": self.env.ref(
                "customer_service.model_customer_service_visit"
            ).id,
            "survey_id": self.survey.id,
            "company_id": self.company.id,
            **values,
        }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own: the shipped rules take the visit slot of the
        # main one.
        cls.company = cls.env["res.company"].create({"name": "Survey Rule Co"})
        cls.manager.write({"company_ids": [(4, cls.company.id)]})
        cls.rep.write({"company_ids": [(4, cls.company.id)]})
        cls.env["customer_service.survey.rule"].search(
            [("company_id", "=", cls.company.id)]
        ).unlink()

    @users("cs_survey_manager")
    def test_non_admin_manager_creates_rule(self):
        self.assertFalse(self.env.user.has_group("base.group_erp_manager"))
        Rule = self.env["customer_service.survey.rule"]
        # The form's "Sent After" picks a model: the manager must read ir.model.
        self.assertTrue(
            self.env["ir.model"].name_search("Visit", [("model", "like", "customer")])
        )
        rule = Rule.create(self._rule_vals())
        self.assertEqual(rule.model, "customer_service.visit")

    @users("cs_survey_manager")
    def test_invalid_domain_is_refused(self):
        Rule = self.env["customer_service.survey.rule"]
        for domain in ("[('no_such_field', '=', 1)]", "[('state', '=',", "42"):
            with self.assertRaisesText(ValidationError, "is not valid"):
                Rule.create(self._rule_vals(filter_domain=domain))
        self.assertFalse(Rule.search([("company_id", "=", self.company.id)]))
        rule = Rule.create(self._rule_vals(filter_domain="[('method', '=', 'phone')]"))
        with self.assertRaisesText(ValidationError, "is not valid"):
            rule.write({"filter_domain": "[('nope', '=', 1)]"})
        rule.invalidate_recordset()
        self.assertEqual(rule.filter_domain, "[('method', '=', 'phone')]")

    @users("cs_survey_rep", "cs_survey_auditor")
    def test_user_and_auditor_cannot_create_rules(self):
        with self.assertRaises(AccessError):
            self.env["customer_service.survey.rule"].create(self._rule_vals())
        self.assertFalse(
            self.env["customer_service.survey.rule"]
            .sudo()
            .search([("company_id", "=", self.company.id)])
        )

    def test_new_company_gets_the_automatic_surveys(self):
        company = self.env["res.company"].create({"name": "After Install Co"})
        rules = (
            self.env["customer_service.survey.rule"]
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)])
        )
        self.assertEqual(
            set(rules.mapped("model")),
            {"customer_service.visit", "customer_service.complaint"},
        )


@tagged("post_install", "-at_install")
class TestSurveyFlow(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.customers[0].lang = "zh_CN"

    def test_campaign_sent_today_is_the_company_day_whoever_launches(self):
        """Created late in the evening in Brussels, launched by a user in UTC:
        in Shanghai, the company's zone, it is already the next morning."""
        self.manager.tz = "Europe/Brussels"
        self.rep.tz = "UTC"
        with freeze_time("2026-06-01 23:30:00"):
            campaign = self._campaign().with_user(self.manager)
            self.assertEqual(campaign.date_start, date(2026, 6, 2))
            campaign.with_user(self.rep).action_launch()
        self.assertEqual(campaign.answer_ids.cs_partner_id, self.customers)

    def _campaign_answer(self):
        campaign = self._campaign()
        campaign.action_launch()
        return campaign.answer_ids.filtered(
            lambda a: a.cs_partner_id == self.customers[0]
        )

    def test_cron_invitations_come_from_the_responsible(self):
        with freeze_time("2026-03-02 02:00:00"):
            campaign = self._campaign(user_id=self.manager.id, date_start="2026-03-03")
            campaign.action_launch()
        with freeze_time("2026-03-03 02:00:00"):
            self.Campaign.with_user(self.env.ref("base.user_root"))._cron_dispatch()
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.customers.ids)]
        )
        self.assertTrue(mails)
        self.assertEqual(set(mails.mapped("author_id")), {self.manager.partner_id})
        self.assertEqual(
            set(mails.mapped("email_from")), {self.manager.email_formatted}
        )

    def test_reminder_subject_in_customer_language(self):
        answer = self._campaign_answer()
        mail = self.env["survey.invite"]._cs_queue_invitations(answer, reminder=True)
        self.assertTrue(mail.subject.startswith("提醒"), mail.subject)
        self.assertNotIn("Reminder", mail.subject)

    def test_dissatisfied_dimension_opens_follow_up(self):
        answer = self._campaign_answer()
        for key in (*self.DIMENSIONS_SATISFIED, "overall"):
            question = self._question(key)
            answer._save_lines(
                question,
                question.suggested_answer_ids.filtered(lambda a: a.cs_level == 5).id,
            )
        question = self._question("responsiveness")
        answer._save_lines(
            question,
            question.suggested_answer_ids.filtered(lambda a: a.cs_level == 1).id,
        )
        answer._mark_done()
        self.assertTrue(answer.cs_satisfied)
        self.assertTrue(answer.cs_followup_ref)

    def test_any_suggestion_opens_follow_up(self):
        answer = self._campaign_answer()
        self._answer(answer, 5, comment="请增加周末送货")
        self.assertTrue(answer.cs_satisfied)
        self.assertFalse(answer.cs_negative_comment)
        self.assertIn("请增加周末送货", answer.cs_followup_ref.purpose)

    def test_anonymised_answer_no_longer_quoted_by_follow_up(self):
        answer = self._campaign_answer()
        self._answer(answer, 1, comment="王经理态度很差")
        visit = answer.cs_followup_ref
        self.assertIn("王经理态度很差", visit.purpose)
        answer._cs_anonymise()
        visit.invalidate_recordset()
        self.assertNotIn("王经理态度很差", visit.purpose)
        self.assertTrue(visit.purpose)

    def test_quarter_counts_the_answer_day_in_company_zone(self):
        with freeze_time("2026-03-20 02:00:00"):
            answer = self._campaign_answer()
        # 1 April 01:00 in Shanghai, still 31 March in UTC.
        with freeze_time("2026-03-31 17:00:00"):
            self._answer(answer, 5)
        with freeze_time("2026-06-28 02:00:00"):
            results = self.env[
                "customer_service.survey.result"
            ]._cron_prepare_quarter_results()
        row = results.filtered(
            lambda r: r.scope == "company" and r.company_id == self.env.company
        )
        self.assertEqual(row.name, "2026 Q2")
        self.assertEqual((row.invited_count, row.answered_count), (1, 1))

    DIMENSIONS_SATISFIED = (
        "reliability",
        "assurance",
        "empathy",
        "tangibles",
        "attitude",
        "professionalism",
        "efficiency",
        "communication",
    )


@tagged("post_install", "-at_install")
class TestUnfoundedComplaintSurvey(ComplaintCase):
    def test_unfounded_complaint_sends_the_survey(self):
        complaint = self._complaint()
        complaint.action_acknowledge()
        complaint.action_investigate()
        complaint.write(
            {"investigation_result": "unfounded", "root_cause": "Misuse of the pump"}
        )
        complaint.action_unfounded()
        answers = self.env["survey.user_input"].search(
            [("cs_res_model", "=", complaint._name), ("cs_res_id", "=", complaint.id)]
        )
        self.assertEqual(len(answers), 1)
