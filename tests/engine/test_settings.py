"""The regulations' numbers in Settings, kept by a customer-service manager."""

from common import RoleCase

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestSettings(RoleCase):
    def _settings(self, role):
        user = self.users_by_role[role]
        return (
            self.env["res.config.settings"].with_user(user).with_context(lang="en_US")
        )

    def test_manager_who_is_no_admin_saves_the_policy_numbers(self):
        manager = self.users_by_role["cs_manager"]
        self.assertFalse(manager._is_admin())
        with Form(self._settings("cs_manager")) as settings:
            settings.cs_complaint_repeat_days = 60
            settings.cs_credit_hold_days = 45
            settings.cs_visit_expense_limit = 800
        settings.record.execute()
        company = self.env.company
        self.assertEqual(company.cs_complaint_repeat_days, 60)
        self.assertEqual(company.cs_credit_hold_days, 45)
        self.assertEqual(company.cs_visit_expense_limit, 800)

    def test_manager_cannot_change_other_settings(self):
        before = (
            self.env["ir.config_parameter"].sudo().get_param("base_setup.show_effect")
        )
        with self.assertRaises(AccessError):
            self._settings("cs_manager").create(
                {"cs_complaint_repeat_days": 30, "show_effect": not before}
            )
        self.assertEqual(self.env.company.cs_complaint_repeat_days, 90)

    def test_other_roles_are_refused(self):
        for role in ("cs_user", "salesman", "credit_controller", "auditor"):
            with self.assertRaises(AccessError):
                self._settings(role).create({"cs_complaint_repeat_days": 30})
        self.assertEqual(self.env.company.cs_complaint_repeat_days, 90)

    def test_administrator_saves_as_usual(self):
        settings = self.env["res.config.settings"].create(
            {"cs_survey_response_target": 90.0}
        )
        settings.execute()
        self.assertEqual(self.env.company.cs_survey_response_target, 90.0)
