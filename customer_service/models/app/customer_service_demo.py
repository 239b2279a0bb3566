"""Demo data helpers: the demo is built through the same actions as a user's
work, in the language of the people it shows."""

from datetime import timedelta

from odoo import api, models

from ..complaint.customer_service_complaint import SLA_STEPS

# The ladder from a new complaint up to each state, as its actions walk it.
LADDER = [
    ("acknowledged", "action_acknowledge"),
    ("investigating", "action_investigate"),
    ("proposed", "action_propose"),
    ("accepted", "action_accept"),
    ("implementing", "action_implement"),
    ("return_visit", "action_implemented"),
    ("closed", "action_close"),
]

# The demo company of a database made in China: a Shanghai maker of seals.
CHINA_TZ = "Asia/Shanghai"
CHINESE_COMPANY = {
    "name": "上海恒泰密封技术有限公司",
    "street": "闵行区春东路 508 号",
    "street2": "莘庄工业区 3 号楼",
    "city": "上海",
    "zip": "201108",
    "phone": "+86 21 6489 7700",
    "email": "service@hengtai-seal.example.com",
    "website": "https://www.hengtai-seal.example.com",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    def _cs_demo_chinese_company(self):
        """Gives the companies in China a Chinese name, an address in Shanghai
        and the Shanghai time zone (the company's working hours, its partner
        and its internal users). A database made in China (the database
        manager's country, as ``./dev run`` does) sets the country and its
        currency before accounting is installed; elsewhere base's demo
        company stays as it is, as base keeps what the database manager gave.

        l10n_cn's demo gives accounting's demo entries to a company of its
        own (CN Company): a company in China with its chart of accounts but
        no entry gets them too, in its currency, as the default chart's demo
        gives them to the main company."""
        shanghai = self.env.ref("base.state_cn_SH")
        for company in self.filtered(lambda company: company.country_id.code == "CN"):
            # base's demo people name the company in plain text, not by link.
            staff = self.env["res.partner"].search(
                [("company_name", "=", company.name), ("parent_id", "=", False)]
            )
            company.write({**CHINESE_COMPANY, "state_id": shanghai.id})
            staff.company_name = company.name
            company.partner_id.tz = CHINA_TZ
            company.resource_calendar_id.tz = CHINA_TZ
            self.env["res.users"].with_context(active_test=False).search(
                [("company_id", "=", company.id), ("share", "=", False)]
            ).tz = CHINA_TZ
            if company.chart_template and not self.env["account.move"].search_count(
                [("company_id", "=", company.id)], limit=1
            ):
                # In the company, as loading the chart with its demo does.
                self.env["account.chart.template"].with_company(company).with_context(
                    default_company_id=company.id
                )._install_demo(company)


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _cs_demo_install(self, code):
        """Installs a language with the translations of every module installed
        or being installed, as Settings > Languages does."""
        self._activate_lang(code)
        modules = self.env["ir.module.module"].search(
            [("state", "in", ("installed", "to install", "to upgrade"))]
        )
        modules._update_translations(code)


class CustomerServiceComplaint(models.Model):
    _inherit = "customer_service.complaint"

    def _cs_demo_advance(self, state, findings=None, visit_note=None, late=False):
        """Moves demo complaints to ``state`` step by step with the buttons of
        the form, as their handler and in his language: what each step needs
        (findings, return visits with the customer's satisfaction) is done
        when the ladder reaches it."""
        for complaint in self:
            handler = complaint.user_id
            as_handler = complaint.with_user(handler).with_context(
                lang=handler.lang or "en_US"
            )
            if state == "unfounded":
                as_handler.action_acknowledge()
                as_handler.action_investigate()
                as_handler.write(findings or {})
                as_handler.action_unfounded()
                continue
            if state == "cancelled":
                as_handler.action_cancel()
                continue
            for reached, action in LADDER:
                if reached == "proposed" and findings:
                    as_handler.write(findings)
                if reached == "closed":
                    for visit in as_handler.visit_ids.filtered(
                        lambda v: v.state == "planned"
                    ):
                        visit.write(
                            {
                                "content": visit_note or "Customer satisfied.",
                                "satisfaction": "4",
                            }
                        )
                        visit.action_record_return()
                getattr(as_handler, action)()
                if reached == state:
                    break
            if not late:
                complaint._cs_demo_in_time()
            complaint.visit_ids._cs_demo_own()

    def _cs_demo_request_approval(self):
        """The handler asks for the approval of the compensation."""
        for complaint in self:
            complaint.with_user(complaint.user_id).with_context(
                lang=complaint.user_id.lang or "en_US"
            ).request_validation()

    def _cs_demo_in_time(self):
        """The demo's steps are done at install time, days after the complaints
        were received: dated back to within their deadlines, as a team that
        keeps its deadlines would have done them."""
        for complaint in self:
            vals = {}
            for step in SLA_STEPS:
                done = complaint[f"{step}_done"]
                deadline = complaint[f"{step}_deadline"]
                if done and deadline and done > deadline:
                    vals[f"{step}_done"] = max(
                        deadline - timedelta(hours=1), complaint.received_at
                    )
                    vals[f"{step}_sla"] = "met"
            if vals:
                complaint.with_context(cs_complaint_bookkeeping=True).write(vals)


class CustomerServiceVisit(models.Model):
    _inherit = "customer_service.visit"

    def _cs_demo_own(self):
        """The return visits the demo's complaints planned belong to the demo
        data, so that uninstalling removes them with their complaints."""
        existing = set(
            self.env["ir.model.data"]
            .search([("model", "=", self._name), ("res_id", "in", self.ids)])
            .mapped("res_id")
        )
        self.env["ir.model.data"].create(
            [
                {
                    "module": "customer_service",
                    "name": f"demo_return_visit_{visit.id}",
                    "model": self._name,
                    "res_id": visit.id,
                    "noupdate": True,
                }
                for visit in self
                if visit.id not in existing
            ]
        )
