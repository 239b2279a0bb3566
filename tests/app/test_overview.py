"""The app's overview: counters per role, each opening exactly what it counted."""

from datetime import date, datetime, timedelta

from common import RoleCase, role_login

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged, users

COMPLAINT = "customer_service.overview_tile_complaint"
VISIT = "customer_service.overview_tile_visit"
CREDIT = "customer_service.overview_tile_credit"
SURVEY = "customer_service.overview_tile_survey"


@tagged("post_install", "-at_install")
class TestOverview(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        roles = cls.users_by_role
        cls.other_salesman = new_test_user(
            cls.env,
            "cs_overview_other_salesman",
            groups="sales_team.group_sale_salesman",
            name="Other Salesman",
        )
        cls.Tile = cls.env["customer_service.overview.tile"]
        cls.complaint_tile = cls.env.ref(COMPLAINT)
        cls.credit_tile = cls.env.ref(CREDIT)
        # What the manager counted before the test's data: demo data may exist.
        cls.baseline = cls._counts(roles["cs_manager"], COMPLAINT)
        Partner = cls.env["res.partner"]
        cls.mine = Partner.create(
            {
                "name": "上海东方机械",
                "is_company": True,
                "user_id": roles["salesman"].id,
            }
        )
        cls.theirs = Partner.create(
            {
                "name": "Ningbo Harbour Trading",
                "is_company": True,
                "user_id": cls.other_salesman.id,
            }
        )
        cls.category = cls.env.ref("customer_service.complaint_category_other")
        cls.other_category = cls.env.ref("customer_service.complaint_category_delivery")
        Complaint = cls.env["customer_service.complaint"]
        now = fields.Datetime.now()
        manager = roles["cs_manager"]

        def complaint(partner, category, received, **values):
            return Complaint.create(
                {
                    "partner_id": partner.id,
                    "category_id": category.id,
                    "user_id": manager.id,
                    "received_at": received,
                    "description": "<p>Overview</p>",
                    **values,
                }
            )

        # Mine: an overdue one, its repeat, a major one; theirs: two fresh ones.
        cls.overdue = complaint(cls.mine, cls.category, now - timedelta(days=20))
        cls.repeat = complaint(cls.mine, cls.category, now - timedelta(hours=1))
        cls.major = complaint(cls.mine, cls.other_category, now, severity="major")
        cls.their_complaints = complaint(cls.theirs, cls.other_category, now) | (
            complaint(cls.theirs, cls.category, now, user_id=roles["cs_user"].id)
        )
        # A compensation the managers and the general manager approve.
        cls.to_approve = complaint(
            cls.theirs,
            cls.env.ref("customer_service.complaint_category_service"),
            now,
            remedy_type="compensation",
            amount=1_000_000,
        )
        cls.to_approve.request_validation()

    @classmethod
    def _counts(cls, user, xmlid):
        tile = cls.env.ref(xmlid).with_user(user)
        tile.invalidate_recordset()
        names = [name for name in tile._fields if name.endswith("_count")]
        return tile.read(names)[0]

    def _visible_tiles(self, role):
        return self.Tile.with_user(self.users_by_role[role]).search([])

    # ------------------------------------------------------------------
    # Which tiles each role sees
    # ------------------------------------------------------------------
    def test_each_role_sees_the_tiles_of_its_rights(self):
        expected = {
            "cs_user": {COMPLAINT, VISIT, SURVEY},
            "cs_manager": {COMPLAINT, VISIT, SURVEY},
            "salesman": {COMPLAINT, VISIT},
            "sale_manager": {COMPLAINT, VISIT},
            "credit_controller": {CREDIT},
            "approver_gm": {COMPLAINT, VISIT, CREDIT},
            "auditor": {COMPLAINT, VISIT, CREDIT, SURVEY},
            "employee": set(),
        }
        for role, xmlids in expected.items():
            self.assertEqual(
                set(self._visible_tiles(role).get_external_id().values()),
                xmlids,
                role,
            )

    def test_credit_tile_is_refused_to_non_credit_roles(self):
        for role in ("cs_user", "cs_manager", "salesman", "employee"):
            tile = self.credit_tile.with_user(self.users_by_role[role])
            with self.assertRaises(AccessError, msg=role):
                tile.read(["credit_hold_count"])
            with self.assertRaises(AccessError, msg=role):
                tile.with_context(counter="credit_hold").action_open_counter()
        # The credit controller reads it and opens the customers on hold.
        controller = self.users_by_role["credit_controller"]
        action = (
            self.credit_tile.with_user(controller)
            .with_context(counter="credit_hold")
            .action_open_counter()
        )
        self.assertEqual(action["res_model"], "res.partner")

    # ------------------------------------------------------------------
    # Counters as the user
    # ------------------------------------------------------------------
    def test_salesman_counts_only_his_customers(self):
        counts = self._counts(self.users_by_role["salesman"], COMPLAINT)
        self.assertEqual(counts["complaint_open_count"], 3)
        self.assertEqual(counts["complaint_state_new_count"], 3)
        self.assertEqual(counts["complaint_repeat_count"], 1)
        self.assertEqual(counts["complaint_serious_count"], 2)  # major, repeat
        self.assertEqual(counts["complaint_overdue_count"], 1)
        self.assertEqual(counts["complaint_ack_overdue_count"], 1)
        self.assertEqual(counts["complaint_my_count"], 0)
        other = self._counts(self.other_salesman, COMPLAINT)
        self.assertEqual(other["complaint_open_count"], 3)
        self.assertEqual(other["complaint_repeat_count"], 0)
        self.assertEqual(other["complaint_overdue_count"], 0)

    def test_manager_counts_every_complaint_and_the_user_his_own(self):
        counts = self._counts(self.users_by_role["cs_manager"], COMPLAINT)
        for key, added in (
            ("complaint_open_count", 6),
            ("complaint_repeat_count", 1),
            ("complaint_overdue_count", 1),
            ("complaint_my_count", 5),
        ):
            self.assertEqual(counts[key], self.baseline[key] + added, key)
        user_counts = self._counts(self.users_by_role["cs_user"], COMPLAINT)
        self.assertEqual(user_counts["complaint_open_count"], 1)
        self.assertEqual(user_counts["complaint_my_count"], 1)

    def test_approver_counts_what_waits_for_him(self):
        gm = self.users_by_role["approver_gm"]
        self.assertIn(gm, self.to_approve.review_ids.reviewer_ids)
        counts = self._counts(gm, COMPLAINT)
        self.assertEqual(counts["complaint_to_approve_count"], 1)
        self.assertEqual(counts["complaint_open_count"], 1)
        manager_counts = self._counts(self.users_by_role["cs_manager"], COMPLAINT)
        self.assertEqual(
            manager_counts["complaint_to_approve_count"],
            self.baseline["complaint_to_approve_count"] + 1,
        )
        cs_user_counts = self._counts(self.users_by_role["cs_user"], COMPLAINT)
        self.assertEqual(cs_user_counts["complaint_to_approve_count"], 0)
        self.to_approve.with_user(gm).validate_tier()
        self.assertEqual(self._counts(gm, COMPLAINT)["complaint_to_approve_count"], 0)

    def test_credit_counters_of_the_controller_and_approver(self):
        controller = self.users_by_role["credit_controller"]
        gm = self.users_by_role["approver_gm"]
        before = self._counts(gm, CREDIT)
        application = (
            self.env["customer_service.credit.application"]
            .with_user(controller)
            .create(
                {
                    "partner_id": self.mine.id,
                    "requested_limit": 5000,
                    "requested_term_days": 15,
                    "expected_monthly_business": 10000,
                }
            )
        )
        application.action_submit()
        self.assertIn(gm, application.review_ids.reviewer_ids)
        after = self._counts(gm, CREDIT)
        self.assertEqual(
            after["credit_to_approve_count"], before["credit_to_approve_count"] + 1
        )
        # The controller filed it: it never waits for his approval.
        self.assertNotIn(controller, application.review_ids.reviewer_ids)
        self.env["res.partner"].browse(self.theirs.id).sudo().cs_credit_hold = True
        held = self._counts(controller, CREDIT)["credit_hold_count"]
        self.assertEqual(held, before["credit_hold_count"] + 1)

    # ------------------------------------------------------------------
    # Each counter opens exactly what it counted
    # ------------------------------------------------------------------
    def test_each_counter_opens_the_records_it_counted(self):
        Visit = self.env["customer_service.visit"]
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        Visit.create(
            {
                "partner_id": self.mine.id,
                "user_id": self.users_by_role["salesman"].id,
                "planned_start": datetime.combine(monday, datetime.min.time())
                + timedelta(days=2, hours=2),
            }
        )
        checked = 0
        for role in (
            "cs_user",
            "cs_manager",
            "salesman",
            "credit_controller",
            "approver_gm",
            "auditor",
        ):
            user = self.users_by_role[role]
            for tile in self._visible_tiles(role):
                for key in tile._counter_domains(tile.area):
                    if key in tile.hidden_counters.split():
                        # Not shown: the role reads nothing of the list.
                        self.assertEqual(tile[f"{key}_count"], 0)
                        with self.assertRaises(AccessError):
                            tile.with_context(counter=key).action_open_counter()
                        continue
                    action = tile.with_context(counter=key).action_open_counter()
                    found = (
                        self.env[action["res_model"]]
                        .with_user(user)
                        .search_count(action["domain"])
                    )
                    self.assertEqual(found, tile[f"{key}_count"], (role, key))
                    checked += found
        self.assertGreater(checked, 10)
        week = self._counts(self.users_by_role["salesman"], VISIT)
        self.assertEqual(week["visit_week_count"], 1)

    def test_unknown_counter_is_refused(self):
        with self.assertRaises(Exception):  # noqa: B017
            self.complaint_tile.with_context(
                counter="credit_hold"
            ).action_open_counter()

    # ------------------------------------------------------------------
    # A fixed number of queries whatever the data
    # ------------------------------------------------------------------
    def _queries(self, user):
        tiles = self.Tile.with_user(user).search([])
        names = [n for n in self.Tile._fields if n.endswith("_count")]
        tiles.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        tiles.read([*names, "survey_response_rate"])
        return self.env.cr.sql_log_count - before

    @users(role_login("cs_manager"))
    def test_query_count_does_not_grow_with_the_data(self):
        manager = self.env.user
        self._queries(manager)  # warm the caches of rules and fields
        small = self._queries(manager)
        Complaint = self.env["customer_service.complaint"].sudo()
        now = fields.Datetime.now()
        Complaint.create(
            [
                {
                    "partner_id": (self.mine if i % 2 else self.theirs).id,
                    "category_id": self.category.id,
                    "user_id": manager.id,
                    "received_at": now - timedelta(days=i),
                    "description": "<p>More</p>",
                    "severity": "major" if i % 3 else "normal",
                }
                for i in range(30)
            ]
        )
        self.assertEqual(self._queries(manager), small)

    # ------------------------------------------------------------------
    # Graphs opened from the overview
    # ------------------------------------------------------------------
    def test_exposure_graph_shows_limit_beside_exposure_for_credit_roles(self):
        customer = self.env["res.partner"].create(
            {"name": "Suzhou Top Customer", "is_company": True, "credit_limit": 5000}
        )
        product = self.env["product.product"].create(
            {"name": "Pump", "list_price": 1000, "taxes_id": False}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [(0, 0, {"product_id": product.id, "price_unit": 1000})],
            }
        )
        order.action_confirm()
        for role in ("credit_controller", "approver_gm", "auditor"):
            Exposure = self.env["customer_service.credit.exposure"].with_user(
                self.users_by_role[role]
            )
            figures = dict(
                Exposure._read_group(
                    [("partner_id", "=", customer.id)], ["figure"], ["amount:sum"]
                )
            )
            self.assertEqual(figures, {"1_limit": 5000, "2_exposure": 1000}, role)
        for role in ("cs_user", "cs_manager", "salesman"):
            with self.assertRaises(AccessError, msg=role):
                self.env["customer_service.credit.exposure"].with_user(
                    self.users_by_role[role]
                ).search([])

    def test_graph_actions_open_for_the_roles_of_their_tile(self):
        for xmlid, role, groupby in (
            (
                "customer_service_complaint_action_graph_category",
                "cs_user",
                ["received_at:month", "category_id"],
            ),
            (
                "customer_service_complaint_action_graph_sla",
                "salesman",
                ["received_at:month"],
            ),
            (
                "customer_service_survey_kpi_action_graph_quarter",
                "cs_user",
                ["period_date:quarter"],
            ),
        ):
            action = self.env.ref(f"customer_service.{xmlid}").sudo()
            Model = self.env[action.res_model].with_user(self.users_by_role[role])
            views = Model.get_views([(v or False, t) for v, t in action.views])
            self.assertIn("graph", views["views"])
            self.assertTrue(Model.read_group([], ["__count"], groupby, lazy=False))

    def test_sla_graph_shows_the_monthly_share_met(self):
        Complaint = self.env["customer_service.complaint"]
        action = self.env.ref(
            "customer_service.customer_service_complaint_action_graph_sla"
        )
        arch = Complaint.get_views([(action.view_id.id, "graph")])["views"]["graph"]
        self.assertIn('name="sla_met_rate"', arch["arch"])
        # The overdue complaint missed its acknowledgement; the fresh ones have
        # missed nothing yet: one in the six of the test missed its SLA.
        mine = self.overdue | self.repeat | self.major | self.their_complaints
        mine |= self.to_approve
        self.overdue.ack_deadline = fields.Datetime.now() - timedelta(days=1)
        self.overdue.action_acknowledge()
        self.assertEqual(mine.filtered("sla_missed"), self.overdue)
        [(rate,)] = Complaint._read_group(
            [("id", "in", mine.ids)], [], ["sla_met_rate:avg"]
        )
        self.assertAlmostEqual(rate, 100.0 * 5 / 6)

    def test_app_opens_on_the_overview_and_keeps_the_customers_menu(self):
        root = self.env.ref("customer_service.customer_service_menu_root")
        overview = self.env.ref("customer_service.customer_service_overview_action")
        self.assertEqual(root.action, overview)
        self.assertEqual(
            self.env.ref("customer_service.res_partner_menu_customer_service").action,
            self.env.ref("customer_service.res_partner_action_customer_service"),
        )
        # Opened as a salesperson, the overview reads its tiles like the client.
        salesman = self.users_by_role["salesman"]
        Tile = self.Tile.with_user(salesman)
        views = Tile.get_views([(False, "kanban"), (False, "search")])
        self.assertIn("o_cs_overview", views["views"]["kanban"]["arch"])
        page = Tile.web_search_read([], {"name": {}, "complaint_open_count": {}})
        self.assertEqual(
            {r["name"]: r["complaint_open_count"] for r in page["records"]},
            {"Complaints": 3, "Visits": 0},
        )
