"""Every role opens every screen it reaches, and saves what it may create.

The walk is data-driven: each menu of the addon that a role sees is opened the
way the web client does (``get_views``, then ``web_search_read`` with the list
view's own fields and ``web_read`` with the form view's), so a new screen is
covered without touching this file.
"""

from datetime import date, datetime, timedelta

from common import RoleCase
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

# Views that read a page of records.
MULTI_RECORD_VIEWS = ("list", "kanban", "calendar")
# Views that read aggregates.
GROUPED_VIEWS = ("pivot", "graph")
RELATIONAL = ("many2one", "one2many", "many2many")


def field_spec(node, fields_info, models_info):
    """The ``web_read`` specification of the fields of ``node``, as the web
    client builds it: relations read their display name, x2many fields with an
    inline view read that view's fields."""
    spec = {}
    for child in node.iterchildren(tag=etree.Element):
        if child.tag != "field":
            if child.tag not in ("list", "form", "kanban"):
                spec.update(field_spec(child, fields_info, models_info))
            continue
        name = child.get("name")
        info = fields_info.get(name)
        if not info:
            continue
        if info["type"] not in RELATIONAL:
            spec[name] = {}
            continue
        sub = {"display_name": {}}
        subview = next(
            (v for v in child.iterchildren(tag=etree.Element) if v.tag == "list"),
            None,
        )
        if subview is not None and info["type"] != "many2one":
            comodel_fields = models_info.get(info["relation"], {}).get("fields", {})
            sub.update(field_spec(subview, comodel_fields, models_info))
        spec[name] = {"fields": sub}
    return spec


@tagged("post_install", "-at_install")
class TestRoleScreens(RoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = cls.users_by_role
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "杭州明远科技",
                "is_company": True,
                "email": "kefu@mingyuan.example.com",
                "user_id": users["salesman"].id,
            }
        )
        cls.category = cls.env.ref("customer_service.complaint_category_other")
        cls.complaint = cls.env["customer_service.complaint"].create(
            {
                "partner_id": cls.customer.id,
                "category_id": cls.category.id,
                "user_id": users["cs_user"].id,
                "received_at": datetime(2026, 3, 2, 2, 0),
                "description": "<p>The pump leaks</p>",
                "remedy_type": "compensation",
                "amount": 1_000_000,
            }
        )
        cls.complaint.request_validation()
        cls.visit = cls.env["customer_service.visit"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": users["cs_user"].id,
                "complaint_id": cls.complaint.id,
                "planned_start": datetime(2026, 3, 10, 2, 0),
                "expense_ids": [
                    (0, 0, {"name": "Train tickets", "amount": 1_000_000}),
                ],
            }
        )
        cls.application = cls.env["customer_service.credit.application"].create(
            {
                "partner_id": cls.customer.id,
                "requested_limit": 5000,
                "requested_term_days": 15,
                "expected_monthly_business": 10000,
            }
        )
        cls.guarantee = cls.env["customer_service.credit.guarantee"].create(
            {
                "partner_id": cls.customer.id,
                "amount": 1000,
                "date_topup": date(2026, 9, 30),
            }
        )
        cls.campaign = cls.env["customer_service.survey.campaign"].create(
            {
                "name": "2026 Q2",
                "survey_id": cls.env.ref(
                    "customer_service.survey_default_questionnaire"
                ).id,
            }
        )
        cls.order = cls.env["sale.order"].create({"partner_id": cls.customer.id})
        cls.invoice = cls.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": cls.customer.id}
        )
        cls.all_users = {**users, "public": cls.public_user}

    # ------------------------------------------------------------------
    # The walk
    # ------------------------------------------------------------------
    def _addon_menus(self, user):
        """The addon's menus with a window action that ``user`` reaches: the
        menu and all its parents are visible to the user, as the web client
        builds the menu tree."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        if not Menu.has_access("read"):
            return Menu.browse()  # shared users have no back-end menus at all
        visible = Menu._visible_menu_ids()
        root = self.env.ref("customer_service.customer_service_menu_root")
        # The app's tree, and the addon's menus placed in other apps.
        addon_ids = set(
            self.env["ir.model.data"]
            .search([("module", "=", "customer_service"), ("model", "=", Menu._name)])
            .mapped("res_id")
        )
        return Menu.browse(visible).filtered(
            lambda m: (m.parent_path.startswith(root.parent_path) or m.id in addon_ids)
            and all(int(i) in visible for i in m.parent_path.split("/")[:-1])
            and m.action
            and m.action._name == "ir.actions.act_window"
        )

    def _eval(self, user, text):
        context = {"uid": user.id, "context_today": date.today}
        return safe_eval(text or "{}", context)

    def _open_screen(self, user, model, views, domain=(), context=None):
        """Loads ``views`` of ``model`` as ``user``, reads the first page with
        the multi-record view's fields and the first record with the form's."""
        Model = self.env[model].with_user(user).with_context(**(context or {}))
        result = Model.get_views([*views, (False, "search")])
        models_info = result["models"]
        fields_info = models_info[model]["fields"]
        archs = {
            view_type: etree.fromstring(view["arch"])
            for view_type, view in result["views"].items()
        }
        first = None
        for view_type in MULTI_RECORD_VIEWS:
            if view_type in archs:
                spec = field_spec(archs[view_type], fields_info, models_info)
                page = Model.web_search_read(list(domain), spec, limit=80)
                if page["records"]:
                    first = first or page["records"][0]["id"]
        for view_type in GROUPED_VIEWS:
            if view_type in archs:
                arch = archs[view_type]
                measures = [
                    f"{node.get('name')}:sum"
                    for node in arch.iter("field")
                    if node.get("type") == "measure"
                ]
                rows = [
                    node.get("name")
                    for node in arch.iter("field")
                    if node.get("type") == "row"
                ]
                Model.read_group(list(domain), measures or ["__count"], rows[:1])
        if "form" in archs:
            spec = field_spec(archs["form"], fields_info, models_info)
            if first:
                Model.browse(first).web_read(spec)
            Model.onchange({}, [], {name: {} for name in spec})
        return first

    def _action_views(self, action):
        """The (view id, type) pairs the web client loads for ``action``."""
        return [(view_id or False, view_type) for view_id, view_type in action.views]

    def _try(self, failures, what, function, *args):
        try:
            function(*args)
        except AccessError as error:
            failures.append(f"{what}: {error}".splitlines()[0])

    def test_every_role_opens_every_menu_it_sees(self):
        failures, reached = [], set()
        for role, user in self.all_users.items():
            for menu in self._addon_menus(user):
                action = menu.action.sudo()
                reached.add(role)
                self._try(
                    failures,
                    f"{role} opens {menu.complete_name}",
                    self._open_screen,
                    user,
                    action.res_model,
                    self._action_views(action),
                    self._eval(user, action.domain) or [],
                    self._eval(user, action.context),
                )
        self.assertEqual(failures, [])
        # Every internal role reaches the addon from its own menu.
        internal = {role for role, user in self.users_by_role.items() if not user.share}
        self.assertEqual(internal - reached, {"employee", "accountant"})

    def test_shared_users_see_no_menu_of_the_addon(self):
        for user in (self.users_by_role["portal"], self.public_user):
            self.assertFalse(self._addon_menus(user))

    def test_every_employee_opens_the_core_screens(self):
        screens = [
            ("res.partner", [(False, "list"), (False, "form")], self.customer),
            ("sale.order", [(False, "list"), (False, "form")], self.order),
            (
                "account.move",
                [
                    (self.env.ref("account.view_invoice_tree").id, "list"),
                    (self.env.ref("account.view_move_form").id, "form"),
                ],
                self.invoice,
            ),
        ]
        failures = []
        for role, user in self.users_by_role.items():
            if user.share:
                continue
            for model, views, record in screens:
                if not self.env[model].with_user(user).has_access("read"):
                    continue  # the role never reaches this screen
                self._try(
                    failures,
                    f"{role} opens {model}",
                    self._open_screen,
                    user,
                    model,
                    views,
                    [("id", "=", record.id)],
                )
        self.assertEqual(failures, [])

    # ------------------------------------------------------------------
    # Roles see the menus they need
    # ------------------------------------------------------------------
    def _sees(self, role, xmlid):
        menu = self.env.ref(xmlid)
        return menu in self._addon_menus(self.users_by_role[role])

    def test_salesperson_reaches_visits_of_the_week_and_complaints(self):
        for xmlid in (
            "customer_service.customer_service_visit_menu_my_week",
            "customer_service.customer_service_complaint_menu_my",
        ):
            self.assertTrue(self._sees("salesman", xmlid), xmlid)
        self.assertFalse(
            self._sees("salesman", "customer_service.customer_service_grade_menu")
        )

    def test_approvers_and_controller_reach_what_they_approve(self):
        for role in ("approver_gm", "approver_deputy_gm"):
            for xmlid in (
                "customer_service.customer_service_complaint_menu",
                "customer_service.customer_service_credit_application_menu",
                "customer_service.customer_service_credit_guarantee_menu",
            ):
                self.assertTrue(self._sees(role, xmlid), (role, xmlid))
        for role in ("approver_president", "approver_ceo", "credit_controller"):
            self.assertTrue(
                self._sees(
                    role, "customer_service.customer_service_credit_application_menu"
                ),
                role,
            )

    # ------------------------------------------------------------------
    # Read access of approvers: what they approve, nothing else
    # ------------------------------------------------------------------
    def test_approvers_read_the_documents_they_review_only(self):
        plain = self.env["customer_service.complaint"].create(
            {
                "partner_id": self.customer.id,
                "category_id": self.category.id,
                "received_at": datetime(2026, 1, 5, 2, 0),
                "description": "<p>Late delivery</p>",
            }
        )
        reviewers = self.complaint.review_ids.reviewer_ids
        self.assertIn(self.users_by_role["approver_gm"], reviewers)
        for role in ("approver_gm", "approver_deputy_gm", "approver_ceo"):
            user = self.users_by_role[role]
            reviews = user in reviewers
            visible = (
                self.env["customer_service.complaint"]
                .with_user(user)
                .search([("partner_id", "=", self.customer.id)])
            )
            self.assertEqual(visible, self.complaint if reviews else plain.browse())
            self.assertEqual(
                self.env["customer_service.visit"]
                .with_user(user)
                .search([("partner_id", "=", self.customer.id)]),
                self.visit if reviews else self.visit.browse(),
            )
            with self.assertRaises(AccessError):
                plain.with_user(user).read(["description"])
            # Read-only on the return visits: approving is not handling.
            if reviews:
                with self.assertRaises(AccessError):
                    self.visit.with_user(user).write({"content": "Changed"})
                self.assertFalse(self.visit.content)
            self.assertTrue(self.application.with_user(user).read(["name"]))

    # ------------------------------------------------------------------
    # Each role saves what it may create
    # ------------------------------------------------------------------
    def test_salesperson_registers_a_complaint_through_the_form(self):
        salesman = self.users_by_role["salesman"]
        Complaint = self.env["customer_service.complaint"].with_user(salesman)
        with Form(Complaint) as form:
            form.partner_id = self.customer
            form.category_id = self.category
            form.description = "<p>The invoice is wrong</p>"
        complaint = form.record
        self.assertTrue(complaint.exists())
        self.assertEqual(complaint.first_responder_id, salesman)
        self.assertEqual(complaint.action_count, 0)

    def test_salesperson_and_cs_user_plan_a_visit_through_the_form(self):
        for role in ("salesman", "cs_user"):
            user = self.users_by_role[role]
            with Form(self.env["customer_service.visit"].with_user(user)) as form:
                form.partner_id = self.customer
                form.planned_start = datetime.now() + timedelta(days=1)
            self.assertEqual(form.record.user_id, user, role)

    def test_controller_files_a_credit_application_and_a_guarantee(self):
        controller = self.users_by_role["credit_controller"]
        Application = self.env["customer_service.credit.application"]
        with Form(Application.with_user(controller)) as form:
            form.partner_id = self.customer
            form.requested_limit = 8000
            form.requested_term_days = 15
            form.expected_monthly_business = 10000
        self.assertEqual(form.record.state, "draft")
        Guarantee = self.env["customer_service.credit.guarantee"]
        with Form(Guarantee.with_user(controller)) as form:
            form.partner_id = self.customer
            form.amount = 500
            form.date_topup = date(2026, 9, 30)
        self.assertTrue(form.record.exists())

    def test_cs_user_prepares_a_survey_campaign_through_the_form(self):
        user = self.users_by_role["cs_user"]
        Campaign = self.env["customer_service.survey.campaign"].with_user(user)
        with Form(Campaign) as form:
            form.name = "2026 Q3"
        self.assertEqual(form.record.create_uid, user)

    def test_repeat_of_an_invisible_complaint_is_linked_not_shown(self):
        """The earlier complaint belongs to another team: the new one is still
        saved and linked, and the earlier one stays unreadable."""
        other = self.users_by_role["cs_user"]
        newcomer = self.env["res.users"].create(
            {
                "name": "Newcomer",
                "login": "cs_role_newcomer",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref(
                                "customer_service.group_customer_service_user"
                            ).id
                        ],
                    )
                ],
            }
        )
        earlier = self.env["customer_service.complaint"].create(
            {
                "partner_id": self.customer.id,
                "category_id": self.category.id,
                "user_id": other.id,
                "first_responder_id": other.id,
                "received_at": datetime.now() - timedelta(days=3),
                "description": "<p>Secret details</p>",
            }
        )
        Complaint = self.env["customer_service.complaint"].with_user(newcomer)
        self.assertFalse(Complaint.search([("id", "=", earlier.id)]))
        with Form(Complaint) as form:
            form.partner_id = self.customer
            form.category_id = self.category
            form.description = "<p>Again</p>"
        complaint = form.record
        self.assertEqual(complaint.sudo().repeat_of_id, earlier)
        self.assertTrue(complaint.is_repeat)
        with self.assertRaises(AccessError):
            complaint.repeat_of_id.read(["description"])

    def test_visit_figures_on_the_customer_follow_the_archive_not_visit_rights(self):
        """The credit controller reads every customer's archive without any
        right on visits; an employee outside the archive reads no figures."""
        self.visit.write(
            {"actual_start": datetime(2026, 3, 10, 3, 0), "content": "Met"}
        )
        self.visit.action_done()
        planned = self.env["customer_service.visit"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.users_by_role["cs_user"].id,
                "planned_start": datetime(2026, 4, 1, 2, 0),
            }
        )
        fields = ["cs_visit_count", "cs_last_visit", "cs_next_visit"]
        controller = self.users_by_role["credit_controller"]
        self.assertFalse(
            self.env["customer_service.visit"].with_user(controller).has_access("read")
        )
        self.customer.invalidate_recordset(fields)
        values = self.customer.with_user(controller).read(fields)[0]
        self.assertEqual(values["cs_visit_count"], 2)
        self.assertEqual(values["cs_last_visit"], datetime(2026, 3, 10, 3, 0))
        self.assertEqual(values["cs_next_visit"], planned.planned_start)
        employee = self.users_by_role["employee"]
        values = self.customer.with_user(employee).read(fields)[0]
        self.assertEqual(values["cs_visit_count"], 0)
        self.assertFalse(values["cs_last_visit"])
        self.assertFalse(values["cs_next_visit"])

    def test_salesperson_reads_but_never_changes_corrective_actions(self):
        salesman = self.users_by_role["salesman"]
        self.complaint.action_acknowledge()
        self.complaint.action_investigate()
        self.complaint.write(
            {
                "investigation_result": "founded",
                "responsibility": "company",
                "root_cause": "Seal",
            }
        )
        action = self.env["customer_service.complaint.action"].create(
            {
                "complaint_id": self.complaint.id,
                "name": "Change the seal supplier",
                "owner_id": self.users_by_role["cs_user"].id,
                "deadline": date(2026, 4, 1),
            }
        )
        complaint = self.complaint.with_user(salesman)
        self.assertEqual(complaint.action_count, 1)
        self.assertEqual(complaint.action_ids.name, "Change the seal supplier")
        with self.assertRaises(AccessError):
            action.with_user(salesman).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            action.with_user(salesman).copy()
        action.invalidate_recordset()
        self.assertEqual(action.name, "Change the seal supplier")
        self.assertEqual(
            self.env["customer_service.complaint.action"].search_count(
                [("complaint_id", "=", self.complaint.id)]
            ),
            1,
        )
