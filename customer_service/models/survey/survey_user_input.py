from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from .survey_question import DIMENSIONS

RETENTION_BATCH = 1000
SCALE_DIMENSIONS = [key for key, _label in DIMENSIONS if key != "overall"]


class SurveyUserInput(models.Model):
    """A survey answer, linked to the campaign, customer and record it is about."""

    _name = "survey.user_input"
    # Campaigns create their answers by the thousand.
    _inherit = ["survey.user_input", "customer_service.batch.defaults.mixin"]

    # ------------------------------------------------------------------
    # What the answer is about (R5.1, R5.2)
    # ------------------------------------------------------------------
    cs_campaign_id = fields.Many2one(
        "customer_service.survey.campaign",
        string="Campaign",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
    )
    cs_res_model = fields.Char(string="About Model", index=True, readonly=True)
    cs_res_id = fields.Integer(string="About Record", index=True, readonly=True)
    cs_subject_ref = fields.Reference(
        selection="_selection_cs_models", string="About", compute="_compute_cs_refs"
    )
    cs_partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null", readonly=True
    )
    cs_company_id = fields.Many2one(
        "res.company", string="Company", index="btree_not_null", readonly=True
    )
    cs_department_id = fields.Many2one(
        "hr.department", string="Responsible Department", index=True, readonly=True
    )
    cs_user_id = fields.Many2one(
        "res.users", string="Responsible Employee", index=True, readonly=True
    )
    cs_reminder_count = fields.Integer(string="Reminders Sent", readonly=True)

    # ------------------------------------------------------------------
    # Result, stored when the answer is completed (R5.4)
    # ------------------------------------------------------------------
    cs_level = fields.Integer(
        string="Satisfaction Level",
        readonly=True,
        aggregator="avg",
        help="1 (very dissatisfied) to 5 (very satisfied).",
    )
    cs_score = fields.Float(
        string="Average Level",
        readonly=True,
        aggregator="avg",
        digits=(3, 2),
        help="Average level over all the dimensions answered.",
    )
    cs_satisfied = fields.Boolean(string="Satisfied", readonly=True, index=True)
    cs_dissatisfied = fields.Boolean(string="Dissatisfied", readonly=True)
    cs_negative_comment = fields.Boolean(string="Negative Comment", readonly=True)
    cs_level_reliability = fields.Float("Reliability", readonly=True, digits=(3, 2))
    cs_level_responsiveness = fields.Float(
        "Responsiveness", readonly=True, digits=(3, 2)
    )
    cs_level_assurance = fields.Float("Assurance", readonly=True, digits=(3, 2))
    cs_level_empathy = fields.Float("Empathy", readonly=True, digits=(3, 2))
    cs_level_tangibles = fields.Float("Tangibles", readonly=True, digits=(3, 2))
    cs_level_attitude = fields.Float("Attitude", readonly=True, digits=(3, 2))
    cs_level_professionalism = fields.Float(
        "Professionalism", readonly=True, digits=(3, 2)
    )
    cs_level_efficiency = fields.Float("Efficiency", readonly=True, digits=(3, 2))
    cs_level_communication = fields.Float("Communication", readonly=True, digits=(3, 2))

    # ------------------------------------------------------------------
    # Follow-up (R5.5) and retention (R5.6)
    # ------------------------------------------------------------------
    cs_followup_model = fields.Char(string="Follow-up Model", readonly=True, copy=False)
    cs_followup_id = fields.Integer(
        string="Follow-up Record", readonly=True, copy=False, index="btree_not_null"
    )
    cs_followup_ref = fields.Reference(
        selection="_selection_cs_models", string="Follow-up", compute="_compute_cs_refs"
    )
    cs_followup_open = fields.Boolean(
        string="Follow-up Open",
        compute="_compute_cs_followup_open",
        search="_search_cs_followup_open",
        help="The visit or complaint opened for this answer is not finished yet.",
    )
    cs_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False)

    def init(self):
        result = super().init()
        # One invitation per customer and campaign, one per record it is about:
        # a second dispatch racing the first cannot invite twice.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS survey_user_input_cs_campaign_uniq
                ON survey_user_input (cs_campaign_id, cs_partner_id)
             WHERE cs_campaign_id IS NOT NULL AND cs_partner_id IS NOT NULL;
            CREATE UNIQUE INDEX IF NOT EXISTS survey_user_input_cs_subject_uniq
                ON survey_user_input (cs_res_model, cs_res_id)
             WHERE cs_res_model IS NOT NULL;
            """
        )
        return result

    @api.model
    def _selection_cs_models(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"]
            .sudo()
            .search([("model", "like", "customer_service.")])
        ]

    @api.depends("cs_res_model", "cs_res_id", "cs_followup_model", "cs_followup_id")
    def _compute_cs_refs(self):
        for answer in self:
            answer.cs_subject_ref = (
                f"{answer.cs_res_model},{answer.cs_res_id}"
                if answer.cs_res_model and answer.cs_res_id
                else False
            )
            answer.cs_followup_ref = (
                f"{answer.cs_followup_model},{answer.cs_followup_id}"
                if answer.cs_followup_model and answer.cs_followup_id
                else False
            )

    @api.model
    def _cs_followup_open_models(self):
        """Follow-up model -> domain of its records still open (hook)."""
        return {"customer_service.visit": [("state", "=", "planned")]}

    @api.depends("cs_followup_model", "cs_followup_id")
    def _compute_cs_followup_open(self):
        open_ids = {}
        for model, domain in self._cs_followup_open_models().items():
            ids = [a.cs_followup_id for a in self if a.cs_followup_model == model]
            # sudo: whether the follow-up is still open is no secret of the
            # record; the answers shown are filtered by the user's own rules.
            open_ids[model] = set(
                self.env[model].sudo().search([("id", "in", ids), *domain]).ids
                if ids
                else ()
            )
        for answer in self:
            answer.cs_followup_open = answer.cs_followup_id in open_ids.get(
                answer.cs_followup_model, ()
            )

    def _search_cs_followup_open(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on open follow-ups."))
        branches = []
        for model, domain in self._cs_followup_open_models().items():
            # sudo: as in the compute; one sub-query per follow-up model.
            subquery = self.env[model].sudo()._search(domain)
            branches.append(
                [
                    ("cs_followup_model", "=", model),
                    ("cs_followup_id", "in", subquery),
                ]
            )
        found = expression.OR(branches)
        return found if (operator == "=") == value else ["!", *found]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cs_answered(self):
        """Nothing lost (SPEC §8): answered customer surveys stay; the retention
        job anonymises them instead."""
        if any(a.cs_company_id and a.state == "done" for a in self):
            raise UserError(
                _(
                    "An answered satisfaction survey cannot be deleted: it is kept "
                    "and anonymised after the retention period."
                )
            )

    # ------------------------------------------------------------------
    # Completion
    # ------------------------------------------------------------------
    def _mark_done(self):
        if any(answer.state == "done" for answer in self):
            raise UserError(
                _("This survey was already submitted: an answer counts only once.")
            )
        result = super()._mark_done()
        ours = self.filtered("cs_company_id")
        ours._cs_store_result()
        ours._cs_open_followups()
        return result

    def _cs_store_result(self):
        """Stores level, score and per-dimension averages, for plain read_groups."""
        levels = defaultdict(lambda: defaultdict(list))
        comments = defaultdict(list)
        for line in self.user_input_line_ids:
            question = line.question_id
            if question.cs_dimension and line.suggested_answer_id.cs_level:
                levels[line.user_input_id][question.cs_dimension].append(
                    line.suggested_answer_id.cs_level
                )
            elif question.cs_comment and (line.value_text_box or line.value_char_box):
                comments[line.user_input_id].append(
                    (line.value_text_box or line.value_char_box).lower()
                )
        for answer in self:
            company = answer.cs_company_id
            by_dimension = {
                key: sum(values) / len(values) for key, values in levels[answer].items()
            }
            scale = [
                by_dimension[key] for key in SCALE_DIMENSIONS if key in by_dimension
            ]
            score = sum(scale) / len(scale) if scale else 0.0
            level = round(by_dimension.get("overall") or score)
            words = company._cs_negative_words()
            vals = {
                "cs_level": level,
                "cs_score": score or level,
                "cs_satisfied": bool(level)
                and level >= company.cs_survey_satisfied_level,
                "cs_dissatisfied": bool(level)
                and level <= company.cs_survey_dissatisfied_level,
                "cs_negative_comment": any(
                    word in comment for comment in comments[answer] for word in words
                ),
            }
            for key in SCALE_DIMENSIONS:
                vals[f"cs_level_{key}"] = by_dimension.get(key, 0.0)
            answer.write(vals)

    # ------------------------------------------------------------------
    # Follow-up (R5.5)
    # ------------------------------------------------------------------
    def _cs_subject(self):
        """The record the answer is about, if it still exists."""
        self.ensure_one()
        if (
            not (self.cs_res_model and self.cs_res_id)
            or self.cs_res_model not in self.env
        ):
            return None
        return self.env[self.cs_res_model].browse(self.cs_res_id).exists() or None

    def _cs_dissatisfied_dimension(self):
        """Whether one dimension was rated at or below the follow-up level, even
        when the answer is satisfied overall."""
        self.ensure_one()
        limit = self.cs_company_id.cs_survey_dissatisfied_level
        return any(0 < self[f"cs_level_{key}"] <= limit for key in SCALE_DIMENSIONS)

    def _cs_needs_followup(self):
        """Every dissatisfaction and every opinion or suggestion is followed up
        (凡有意见和建议的…回访, R5.5)."""
        self.ensure_one()
        return (
            (
                self.cs_dissatisfied
                or self.cs_negative_comment
                or self._cs_dissatisfied_dimension()
                or bool(self._cs_comment())
            )
            and not self.cs_followup_id
            and bool(self.cs_partner_id)
        )

    def _cs_open_followups(self):
        """Opens one follow-up per dissatisfied answer or negative comment."""
        for answer in self.filtered(lambda a: a._cs_needs_followup()):
            subject = answer._cs_subject()
            followup = (
                subject._cs_prepare_followup(answer)
                if subject is not None
                else self.env["customer_service.survey.subject"]._cs_prepare_followup(
                    answer
                )
            )
            answer.write(
                {"cs_followup_model": followup._name, "cs_followup_id": followup.id}
            )
            answer.message_post(
                body=_(
                    "Follow-up %(followup)s opened for this answer.",
                    followup=followup.display_name,
                )
            )

    def _cs_comment(self):
        """The customer's free comments of the answer."""
        self.ensure_one()
        return "\n".join(
            line.value_text_box or line.value_char_box
            for line in self.user_input_line_ids
            if line.question_id.cs_comment
            and (line.value_text_box or line.value_char_box)
        )

    def _cs_followup_visit_vals(self):
        """A return visit for the responsible employee, tomorrow's working day."""
        self.ensure_one()
        partner = self.cs_partner_id
        user = (
            self.cs_user_id
            or partner.user_id
            or self.cs_campaign_id.user_id
            or self.survey_id.user_id
        )
        calendar = self.cs_company_id._cs_working_calendar()
        return {
            "company_id": self.cs_company_id.id,
            "partner_id": partner.id,
            "user_id": user.id,
            "visit_type": "survey_followup",
            "method": "phone",
            "planned_start": calendar.cs_add_working_days(fields.Datetime.now(), 1),
            "purpose": self._cs_followup_purpose(),
        }

    def _cs_followup_purpose(self):
        """What the return visit is for, quoting the comments still stored."""
        self.ensure_one()
        return _(
            "The customer answered survey %(survey)s with satisfaction level "
            "%(level)s. Call back, understand and solve the issue.\n%(comment)s",
            survey=self.survey_id.title,
            level=self.cs_level,
            comment=self._cs_comment(),
        )

    # ------------------------------------------------------------------
    # Cron entry points
    # ------------------------------------------------------------------
    @api.model
    def _cs_retention_domain(self):
        """Answers past their company's retention period, not yet anonymised."""
        now = fields.Datetime.now()
        domains = [
            [
                ("cs_company_id", "=", company.id),
                (
                    "create_date",
                    "<",
                    now - relativedelta(months=company.cs_survey_retention_months),
                ),
            ]
            for company in self.env["res.company"].search([])
        ]
        return expression.AND([[("cs_anonymised", "=", False)], expression.OR(domains)])

    @api.model
    def _cron_cs_anonymise(self):
        """Anonymises answers older than each company's retention (R5.6).

        Customer, email and free text go; campaign, department, employee, levels
        and scores stay, so the KPI figures do not change.
        """
        domain = self._cs_retention_domain()
        answers = self.search(domain, limit=RETENTION_BATCH)
        answers._cs_anonymise()
        remaining = self.search_count(domain) if len(answers) == RETENTION_BATCH else 0
        self.env["ir.cron"]._notify_progress(done=len(answers), remaining=remaining)
        return answers

    def _cs_anonymise(self):
        if not self:
            return
        self.write(
            {
                "partner_id": False,
                "email": False,
                "nickname": False,
                "cs_partner_id": False,
                "cs_anonymised": True,
            }
        )
        # One statement: the line model rescores every line written via the ORM.
        Line = self.env["survey.user_input.line"]
        Line.flush_model()
        self.env.cr.execute(
            """
            UPDATE survey_user_input_line
               SET value_text_box = NULL, value_char_box = NULL
             WHERE user_input_id = ANY(%s)
               AND (value_text_box IS NOT NULL OR value_char_box IS NOT NULL)
            """,
            [self.ids],
        )
        Line.invalidate_model(["value_text_box", "value_char_box"])
        self._cs_anonymise_followup_visits()

    def _cs_anonymise_followup_visits(self):
        """Return visits quoted the customer's comment: quote it no longer."""
        for answer in self.filtered(
            lambda a: a.cs_followup_model == "customer_service.visit"
        ):
            visit = self.env["customer_service.visit"].browse(answer.cs_followup_id)
            # The retention job runs as superuser; visits may be locked to users.
            visit.sudo().exists().write({"purpose": answer._cs_followup_purpose()})

    def _cs_link_predefined_questions(self, questions):
        """Links new answers to the same ``questions`` in one statement: what
        ``predefined_question_ids`` holds after the survey's own create, for a
        batch of thousands without a row of parameters per link. The answers
        are new: they have no link yet."""
        if not self or not questions:
            return
        self.env.cr.execute(
            SQL(
                """INSERT INTO survey_question_survey_user_input_rel
                          (survey_user_input_id, survey_question_id)
                   SELECT a, q FROM unnest(%(answers)s) a, unnest(%(questions)s) q""",
                answers=self.ids,
                questions=questions.ids,
            )
        )
        self.invalidate_recordset(["predefined_question_ids"])
