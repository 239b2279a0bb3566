"""The security skeleton is complete and the translations load."""

import io
import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationImporter, trans_export

MODULE = "customer_service"


@tagged("post_install", "-at_install")
class TestSmoke(TransactionCase):
    def _addon_models(self):
        """Models the addon defines with a table (wizards included)."""
        models = self.env["ir.model"].search([("model", "=like", f"{MODULE}.%")])
        return models.filtered(lambda model: not self.env[model.model]._abstract)

    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        self.assertEqual(module.state, "installed")
        self.assertEqual(module.latest_version, "18.0.1.2.0")
        self.assertEqual(module.license, "LGPL-3")

    def test_every_model_has_access_rows(self):
        missing = self._addon_models().filtered(lambda model: not model.access_ids)
        self.assertFalse(
            missing, f"models without access rows: {missing.mapped('model')}"
        )

    def test_every_company_model_has_a_company_rule(self):
        missing = []
        for model in self._addon_models().filtered(lambda m: not m.transient):
            if "company_id" not in self.env[model.model]._fields:
                continue
            rules = self.env["ir.rule"].search(
                [("model_id", "=", model.id), ("global", "=", True)]
            )
            if not any("company_ids" in (rule.domain_force or "") for rule in rules):
                missing.append(model.model)
        self.assertFalse(missing, f"models without a global company rule: {missing}")

    def test_group_ladder(self):
        user = self.env.ref("customer_service.group_customer_service_user")
        manager = self.env.ref("customer_service.group_customer_service_manager")
        auditor = self.env.ref("customer_service.group_customer_service_auditor")
        self.assertIn(user, manager.implied_ids)
        self.assertNotIn(manager, auditor.trans_implied_ids)
        self.assertIn(manager, self.env.ref("base.user_admin").groups_id)
        for xmlid in (
            "group_customer_service_credit_controller",
            "group_customer_service_credit_override",
            "group_customer_service_approver_gm",
            "group_customer_service_approver_deputy_gm",
            "group_customer_service_approver_president",
            "group_customer_service_approver_ceo",
        ):
            group = self.env.ref(f"customer_service.{xmlid}")
            self.assertEqual(group.category_id, user.category_id, xmlid)

    def test_zh_cn_catalogue_loads(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        path = os.path.join(get_module_path(MODULE), "i18n", "zh_CN.po")
        importer = TranslationImporter(self.env.cr, verbose=False)
        importer.load_file(path, "zh_CN")
        importer.save(overwrite=True)
        category = self.env.ref("customer_service.module_category_customer_service")
        self.assertEqual(category.with_context(lang="zh_CN").name, "客户服务")

    def test_every_term_translated_in_zh_cn(self):
        buffer = io.BytesIO()
        trans_export(None, [MODULE], buffer, "po", self.env.cr)
        terms = {entry.msgid for entry in polib.pofile(buffer.getvalue().decode())}
        path = os.path.join(get_module_path(MODULE), "i18n", "zh_CN.po")
        translated = {entry.msgid for entry in polib.pofile(path) if entry.msgstr}
        self.assertTrue(terms)
        self.assertEqual(sorted(terms - translated), [], "run ./dev i18n")
