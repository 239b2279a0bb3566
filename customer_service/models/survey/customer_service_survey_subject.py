from collections import defaultdict

from odoo import _, fields, models


class CustomerServiceSurveySubject(models.AbstractModel):
    """A business record a satisfaction survey can be about (visit, complaint…).

    Answers point back at the record through ``cs_res_model``/``cs_res_id`` on
    ``survey.user_input``. Inheriting models provide ``partner_id`` and
    ``company_id`` or override the ``_cs_survey_*`` hooks.
    """

    _name = "customer_service.survey.subject"
    _description = "Satisfaction Survey Subject"

    cs_survey_answer_count = fields.Integer(
        string="Survey Answers", compute="_compute_cs_survey"
    )
    cs_survey_answered = fields.Boolean(
        string="Satisfaction Answered", compute="_compute_cs_survey"
    )
    cs_survey_level = fields.Integer(
        string="Satisfaction Level", compute="_compute_cs_survey"
    )

    def _compute_cs_survey(self):
        """Counts and latest level for the whole recordset in one query."""
        stats = defaultdict(lambda: {"count": 0, "done": False, "level": 0})
        if self.ids:
            for res_id, state, count, level in (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [("cs_res_model", "=", self._name), ("cs_res_id", "in", self.ids)],
                    ["cs_res_id", "state"],
                    ["__count", "cs_level:max"],
                )
            ):
                stats[res_id]["count"] += count
                if state == "done":
                    stats[res_id].update(done=True, level=level)
        for record in self:
            record.cs_survey_answer_count = stats[record.id]["count"]
            record.cs_survey_answered = stats[record.id]["done"]
            record.cs_survey_level = stats[record.id]["level"]

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _cs_survey_partner(self):
        """The customer invited to answer."""
        self.ensure_one()
        return self.partner_id

    def _cs_survey_company(self):
        self.ensure_one()
        return self.company_id

    def _cs_survey_responsible(self):
        """(user, department) whose service the answer rates."""
        self.ensure_one()
        user = self.user_id if "user_id" in self._fields else self.env["res.users"]
        # Only the department is read, not the employee's HR file.
        employee = user.sudo().employee_ids.filtered(
            lambda e: e.company_id == self._cs_survey_company()
        )[:1]
        return user, employee.department_id.with_env(self.env)

    def _cs_satisfaction_answered(self):
        """Whether a completed answer about this record exists (e.g. to close it)."""
        self.ensure_one()
        return bool(
            self.env["survey.user_input"]
            .sudo()
            .search_count(
                [
                    ("cs_res_model", "=", self._name),
                    ("cs_res_id", "=", self.id),
                    ("state", "=", "done"),
                ],
                limit=1,
            )
        )

    def _cs_prepare_followup(self, answer):
        """Opens the follow-up of a dissatisfied answer and returns it.

        ``self`` is the record the answer is about (empty for campaign answers).
        By default a return visit for the responsible employee; a complaint can
        override it to reopen itself or open a new complaint instead.
        """
        return (
            self.env["customer_service.visit"]
            .sudo()
            .create(answer._cs_followup_visit_vals())
        )

    # ------------------------------------------------------------------
    # Sending (R5.2)
    # ------------------------------------------------------------------
    def _cs_survey_rules(self):
        """The active rule of each record's company for this model."""
        rules = (
            self.env["customer_service.survey.rule"]
            .sudo()
            .search([("model", "=", self._name)])
        )
        return {rule.company_id: rule for rule in rules}

    def _cs_send_satisfaction_survey(self):
        """Invites each record's customer to the configured survey, once per record.

        Customers without an email address are reported in the record's chatter
        (when it has one) instead of stopping the caller.
        """
        if not self:
            return self.env["survey.user_input"]
        rules = self._cs_survey_rules()
        Answer = self.env["survey.user_input"].sudo()
        sent = set(
            Answer.search(
                [("cs_res_model", "=", self._name), ("cs_res_id", "in", self.ids)]
            ).mapped("cs_res_id")
        )
        by_survey = defaultdict(list)
        for record in self:
            company = record._cs_survey_company()
            rule = rules.get(company)
            if not rule or record.id in sent or not rule._matches(record):
                continue
            partner = record._cs_survey_partner()
            if not partner.email_normalized:
                if hasattr(record, "message_post"):
                    record.message_post(
                        body=_(
                            "No satisfaction survey sent: %(customer)s has no valid "
                            "email address.",
                            customer=partner.display_name,
                        )
                    )
                continue
            user, department = record._cs_survey_responsible()
            by_survey[rule.survey_id].append(
                {
                    "partner_id": partner.id,
                    "deadline": fields.Datetime.add(
                        fields.Datetime.now(), days=company.cs_survey_response_days
                    ),
                    "cs_res_model": record._name,
                    "cs_res_id": record.id,
                    "cs_partner_id": partner.commercial_partner_id.id,
                    "cs_company_id": company.id,
                    "cs_user_id": user.id,
                    "cs_department_id": department.id,
                }
            )
        answers = Answer.browse()
        # Customers never get rights on surveys: the rule chose the survey.
        for survey, vals_list in by_survey.items():
            answers |= survey.sudo()._cs_create_answers(vals_list)
        self.env["survey.invite"]._cs_queue_invitations(answers)
        return answers

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_cs_view_survey_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_service.survey_user_input_cs_action"
        )
        action["domain"] = [
            ("cs_res_model", "=", self._name),
            ("cs_res_id", "=", self.id),
        ]
        action["context"] = {}
        return action
