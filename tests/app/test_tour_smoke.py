"""What only a browser proves: the app opens from the home menu."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSmokeTour(HttpCase):
    def test_top_menu_opens(self):
        self.start_tour("/odoo", "customer_service_smoke_tour", login="admin")
