"""The demo company of a database made in China looks like a Chinese company."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    def _company(self, country_xmlid, name):
        calendar = self.env["resource.calendar"].create({"name": name, "tz": "UTC"})
        company = self.env["res.company"].create(
            {
                "name": name,
                "country_id": self.env.ref(country_xmlid).id,
                "resource_calendar_id": calendar.id,
            }
        )
        user = self.env["res.users"].create(
            {
                "name": f"{name} user",
                "login": f"{name.lower()}_user",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "tz": "Europe/Brussels",
            }
        )
        return company, user

    def test_company_in_china_gets_a_chinese_name_address_and_time_zone(self):
        company, user = self._company("base.cn", "Ltd")
        portal = self.env["res.users"].create(
            {
                "name": "Portal customer",
                "login": "cs_demo_portal",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
                "tz": "Europe/Brussels",
            }
        )
        # A person of the company recorded, as in base's demo, by its name.
        staff = self.env["res.partner"].create(
            {"name": "Li Lei", "company_name": "Ltd"}
        )
        company._cs_demo_chinese_company()
        self.assertEqual(company.name, "上海恒泰密封技术有限公司")
        self.assertEqual(staff.display_name, "上海恒泰密封技术有限公司, Li Lei")
        self.assertEqual(company.partner_id.name, "上海恒泰密封技术有限公司")
        self.assertEqual(company.state_id, self.env.ref("base.state_cn_SH"))
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.city, "上海")
        self.assertIn("上海市", company.partner_id.contact_address)
        self.assertEqual(company.resource_calendar_id.tz, "Asia/Shanghai")
        self.assertEqual(company.partner_id.tz, "Asia/Shanghai")
        self.assertEqual(user.tz, "Asia/Shanghai")
        # Customers keep their own time zone.
        self.assertEqual(portal.tz, "Europe/Brussels")

    def test_company_in_china_with_its_chart_gets_accounting_demo_entries(self):
        company, _user = self._company("base.cn", "Entries")
        self.env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
        # The generic chart is in USD; l10n_cn's is in CNY. No entry yet.
        company.currency_id = self.env.ref("base.CNY")
        company._cs_demo_chinese_company()
        moves = self.env["account.move"].search([("company_id", "=", company.id)])
        invoices = moves.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted"
        )
        self.assertTrue(invoices)
        self.assertEqual(moves.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(invoices[0].currency_id.symbol, "¥")
        # The main company of this database already has its entries.
        main = self.env.ref("base.main_company")
        count = self.env["account.move"].search_count([("company_id", "=", main.id)])
        main.country_id = self.env.ref("base.cn")
        main._cs_demo_chinese_company()
        self.assertEqual(
            self.env["account.move"].search_count([("company_id", "=", main.id)]),
            count,
        )

    def test_company_elsewhere_is_left_as_it_is(self):
        company, user = self._company("base.us", "Inc")
        company._cs_demo_chinese_company()
        self.assertEqual(company.name, "Inc")
        self.assertFalse(company.state_id)
        self.assertEqual(company.resource_calendar_id.tz, "UTC")
        self.assertEqual(user.tz, "Europe/Brussels")
