from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

DISPATCH_BATCH = 1000
RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


class CustomerServiceSurveyCampaign(models.Model):
    """A satisfaction survey campaign (满意度调查活动, R5.1)."""

    _name = "customer_service.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "customer_service.survey_default_questionnaire", raise_if_not_found=False
        ),
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Finished"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )

    # Segment
    grade_ids = fields.Many2many("customer_service.grade", string="Customer Grades")
    category_ids = fields.Many2many("res.partner.category", string="Customer Tags")
    salesperson_ids = fields.Many2many(
        "res.users",
        "customer_service_survey_campaign_salesperson_rel",
        string="Salespeople",
        domain="[('share', '=', False)]",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Customers whose salesperson works in one of these departments.",
    )
    segment_count = fields.Integer(
        string="Customers in Segment", compute="_compute_segment_count"
    )

    # Schedule
    recurrence = fields.Selection(
        [
            ("none", "Once"),
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
            ("half_yearly", "Half-yearly"),
            ("yearly", "Yearly"),
        ],
        required=True,
        default="quarterly",
    )
    date_start = fields.Date(
        string="Send On",
        required=True,
        default=lambda self: self.env.company._cs_today(),
        index=True,
        tracking=True,
    )
    date_deadline = fields.Date(
        string="Answer By",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    dispatch_done = fields.Boolean(
        string="All Invitations Sent", readonly=True, copy=False, index=True
    )
    reminder_round = fields.Integer(string="Reminders Sent", readonly=True, copy=False)
    last_reminder_date = fields.Date(readonly=True, copy=False)
    next_campaign_id = fields.Many2one(
        "customer_service.survey.campaign",
        string="Next Campaign",
        readonly=True,
        copy=False,
        check_company=True,
    )

    # Targets and progress (R5.4)
    response_target = fields.Float(
        string="Response Rate Target (%)",
        compute="_compute_targets",
        store=True,
        readonly=False,
        precompute=True,
    )
    satisfaction_target = fields.Float(
        string="Satisfaction Rate Target (%)",
        compute="_compute_targets",
        store=True,
        readonly=False,
        precompute=True,
    )
    answer_ids = fields.One2many("survey.user_input", "cs_campaign_id", readonly=True)
    no_email_partner_ids = fields.Many2many(
        "res.partner",
        "customer_service_survey_campaign_no_email_rel",
        string="Customers Without Email",
        readonly=True,
        copy=False,
        help="Customers of the segment who could not be invited: once they have "
        "an email address, invite them from here.",
    )
    invited_count = fields.Integer(string="Invited", compute="_compute_progress")
    answered_count = fields.Integer(string="Answered", compute="_compute_progress")
    satisfied_count = fields.Integer(string="Satisfied", compute="_compute_progress")
    followup_count = fields.Integer(string="Follow-ups", compute="_compute_progress")
    no_email_count = fields.Integer(string="Without Email", compute="_compute_progress")
    response_rate = fields.Float(compute="_compute_progress")
    satisfaction_rate = fields.Float(compute="_compute_progress")

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("date_start", "company_id")
    def _compute_date_deadline(self):
        for campaign in self:
            if campaign.date_start and not campaign.date_deadline:
                campaign.date_deadline = campaign.date_start + relativedelta(
                    days=campaign.company_id.cs_survey_response_days
                )

    @api.depends("company_id")
    def _compute_targets(self):
        for campaign in self:
            campaign.response_target = campaign.company_id.cs_survey_response_target
            campaign.satisfaction_target = (
                campaign.company_id.cs_survey_satisfaction_target
            )

    @api.depends(
        "grade_ids", "category_ids", "salesperson_ids", "department_ids", "company_id"
    )
    def _compute_segment_count(self):
        Partner = self.env["res.partner"]
        for campaign in self:
            campaign.segment_count = Partner.search_count(campaign._segment_domain())

    def _compute_progress(self):
        """Progress of every campaign shown, in one grouped query."""
        stats = {}
        followups = {}
        if self.ids:
            Answer = self.env["survey.user_input"].sudo()
            for campaign, state, satisfied, count in Answer._read_group(
                [("cs_campaign_id", "in", self.ids)],
                ["cs_campaign_id", "state", "cs_satisfied"],
                ["__count"],
            ):
                row = stats.setdefault(campaign.id, [0, 0, 0])
                row[0] += count
                if state == "done":
                    row[1] += count
                    row[2] += count if satisfied else 0
            followups = {
                campaign.id: count
                for campaign, count in Answer._read_group(
                    [("cs_campaign_id", "in", self.ids), ("cs_followup_id", ">", 0)],
                    ["cs_campaign_id"],
                    ["__count"],
                )
            }
        for campaign in self:
            invited, answered, satisfied = stats.get(campaign.id, [0, 0, 0])
            campaign.invited_count = invited
            campaign.answered_count = answered
            campaign.satisfied_count = satisfied
            campaign.followup_count = followups.get(campaign.id, 0)
            campaign.no_email_count = len(campaign.no_email_partner_ids)
            campaign.response_rate = 100.0 * answered / invited if invited else 0.0
            campaign.satisfaction_rate = (
                100.0 * satisfied / answered if answered else 0.0
            )

    @api.constrains("response_target", "satisfaction_target")
    def _check_targets(self):
        for campaign in self:
            for target in (campaign.response_target, campaign.satisfaction_target):
                if not 0 <= target <= 100:
                    raise ValidationError(
                        _("A survey target is a percentage between 0 and 100.")
                    )

    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_deadline and campaign.date_deadline < campaign.date_start:
                raise ValidationError(
                    _(
                        "Campaign %(campaign)s: customers must be able to answer after "
                        "it is sent.",
                        campaign=campaign.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(
                _("A campaign that was sent cannot be deleted: cancel it instead.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_launch(self):
        """Checks the campaign and starts sending; the dispatch job sends the rest."""
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(
                    _(
                        "Only a draft campaign can be launched: %(campaign)s.",
                        campaign=campaign.name,
                    )
                )
            if not campaign.survey_id:
                raise UserError(
                    _(
                        "Choose the questionnaire of campaign %(campaign)s before "
                        "launching it.",
                        campaign=campaign.name,
                    )
                )
            campaign.survey_id.check_validity()
            if not campaign.segment_count:
                raise UserError(
                    _(
                        "The segment of campaign %(campaign)s selects no customer: "
                        "widen its grades, tags, salespeople or departments.",
                        campaign=campaign.name,
                    )
                )
        self.write({"state": "running"})
        for campaign in self.filtered(
            lambda c: c.date_start <= c.company_id._cs_today()
        ):
            campaign._dispatch_batch(DISPATCH_BATCH)

    def action_invite_no_email(self):
        """Invites the listed customers who have been given an email address."""
        self.ensure_one()
        fixed = self.no_email_partner_ids.filtered("email_normalized")
        if self.state != "running" or not fixed:
            raise UserError(
                _(
                    "Give the customers without email an address first; they can "
                    "be invited while the campaign runs."
                )
            )
        # Listed during the dispatch, so already due: invited at once.
        self.no_email_partner_ids = [(3, pid) for pid in fixed.ids]
        self._invite_partners(fixed)

    def action_close(self):
        self.filtered(lambda c: c.state == "running").write({"state": "done"})

    def action_cancel(self):
        if any(campaign.state == "done" for campaign in self):
            raise UserError(_("A closed campaign cannot be cancelled."))
        self.write({"state": "cancelled"})

    def action_draft(self):
        if any(
            campaign.state != "cancelled" or campaign.answer_ids for campaign in self
        ):
            raise UserError(
                _("Only a cancelled campaign that sent nothing can be reset to draft.")
            )
        self.write({"state": "draft"})

    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_service.survey_user_input_cs_action"
        )
        action["domain"] = [("cs_campaign_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def action_view_followups(self):
        self.ensure_one()
        action = self.action_view_answers()
        action["domain"] = [
            ("cs_campaign_id", "=", self.id),
            ("cs_followup_id", ">", 0),
        ]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _segment_domain(self):
        """Customers the campaign surveys: active top-level customers of its
        company whose grade takes part in surveys, narrowed by the segment."""
        self.ensure_one()
        domain = [
            ("active", "=", True),
            ("parent_id", "=", False),
            ("company_id", "in", [False, self.company_id.id]),
            "|",
            ("customer_rank", ">", 0),
            ("cs_grade_id", "!=", False),
            "|",
            ("cs_grade_id", "=", False),
            ("cs_grade_id.survey_included", "=", True),
        ]
        if self.grade_ids:
            domain.append(("cs_grade_id", "in", self.grade_ids.ids))
        if self.category_ids:
            domain.append(("category_id", "in", self.category_ids.ids))
        if self.salesperson_ids:
            domain.append(("user_id", "in", self.salesperson_ids.ids))
        if self.department_ids:
            domain.append(
                ("user_id.employee_ids.department_id", "in", self.department_ids.ids)
            )
        return domain

    def _responsible_of(self, partners):
        """{partner: (user id, department id)}, from the salespeople's employees."""
        self.ensure_one()
        users = partners.user_id
        departments = {}
        for employee in (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", users.ids), ("company_id", "=", self.company_id.id)],
                ["user_id", "department_id"],
            )
        ):
            departments[employee.user_id.id] = employee.department_id.id
        return {
            partner: (partner.user_id.id, departments.get(partner.user_id.id, False))
            for partner in partners
        }

    def _dispatch_cursor(self):
        """The highest customer id handled so far (invited or reported).

        Customers are handled in id order, so the next ones are found by
        id from here: each batch costs the same whatever the campaign has
        already sent, with no anti-join whose plan depends on statistics
        that lag behind the batch just inserted. Both maxima are read
        backwards from an index on (campaign, customer).
        """
        self.ensure_one()
        self.env["survey.user_input"].flush_model(["cs_campaign_id", "cs_partner_id"])
        self.flush_recordset(["no_email_partner_ids"])
        self.env.cr.execute(
            SQL(
                """SELECT GREATEST(
                       (SELECT max(cs_partner_id) FROM survey_user_input
                         WHERE cs_campaign_id = %(campaign)s),
                       (SELECT max(res_partner_id)
                          FROM customer_service_survey_campaign_no_email_rel
                         WHERE customer_service_survey_campaign_id = %(campaign)s))""",
                campaign=self.id,
            )
        )
        return self.env.cr.fetchone()[0] or 0

    def _pending_partners(self, limit):
        """The next ``limit`` customers of the segment not handled yet, by id."""
        self.ensure_one()
        return self.env["res.partner"].search(
            [*self._segment_domain(), ("id", ">", self._dispatch_cursor())],
            order="id",
            limit=limit,
        )

    def _dispatch_batch(self, limit):
        """Invites the next ``limit`` customers; returns how many were handled."""
        self.ensure_one()
        partners = self._pending_partners(limit)
        if not partners:
            self.dispatch_done = True
            return 0
        self._invite_partners(partners)
        return len(partners)

    def _invite_partners(self, partners):
        """Invites ``partners``; those without email are listed instead."""
        self.ensure_one()
        partners.fetch(["email_normalized", "user_id"])
        without_email = partners.filtered(lambda p: not p.email_normalized)
        if without_email:
            self.no_email_partner_ids = [(4, pid) for pid in without_email.ids]
        answers = self._create_answers(partners - without_email)
        self.env["survey.invite"]._cs_queue_invitations(answers)

    def _create_answers(self, partners):
        """The campaign's answers of ``partners``, who all have an email."""
        self.ensure_one()
        deadline = fields.Datetime.to_datetime(self.date_deadline) + relativedelta(
            hour=23, minute=59
        )
        responsible = self._responsible_of(partners)
        return self.survey_id._cs_create_answers(
            [
                {
                    "partner_id": partner.id,
                    "deadline": deadline,
                    "cs_campaign_id": self.id,
                    "cs_partner_id": partner.id,
                    "cs_company_id": self.company_id.id,
                    "cs_user_id": responsible[partner][0],
                    "cs_department_id": responsible[partner][1],
                }
                for partner in partners
            ]
        )

    def _send_reminders(self):
        """One reminder round to the customers who have not answered yet."""
        self.ensure_one()
        round_ = self.reminder_round + 1
        answers = self.env["survey.user_input"].search(
            [
                ("cs_campaign_id", "=", self.id),
                ("state", "!=", "done"),
                ("cs_reminder_count", "<", round_),
                ("partner_id", "!=", False),
            ]
        )
        self.env["survey.invite"]._cs_queue_invitations(answers, reminder=True)
        answers.write({"cs_reminder_count": round_})
        self.write(
            {
                "reminder_round": round_,
                "last_reminder_date": self.company_id._cs_today(),
            }
        )
        self.message_post(
            body=_(
                "Reminder %(round)s sent to %(count)s customers who have not answered.",
                round=round_,
                count=len(answers),
            )
        )
        return answers

    def _prepare_next_campaign_vals(self):
        self.ensure_one()
        months = RECURRENCE_MONTHS[self.recurrence]
        start = self.date_start + relativedelta(months=months)
        return {
            "name": self.name,
            "date_start": start,
            "date_deadline": self.date_deadline + relativedelta(months=months),
        }

    def _close_and_repeat(self):
        """Closes campaigns past their deadline and plans the next occurrence."""
        self.write({"state": "done"})
        for campaign in self.filtered(
            lambda c: c.recurrence != "none" and not c.next_campaign_id
        ):
            next_campaign = campaign.copy(campaign._prepare_next_campaign_vals())
            next_campaign.state = "running"
            campaign.next_campaign_id = next_campaign
            campaign.message_post(
                body=_(
                    "Closed; the next campaign is planned for %(date)s.",
                    date=next_campaign.date_start,
                )
            )

    # ------------------------------------------------------------------
    # Cron entry points
    # ------------------------------------------------------------------
    @api.model
    def _cron_dispatch(self):
        """Sends due invitations in batches, reminds, closes and repeats (R5.1).

        Idempotent: invited customers are skipped, each reminder round is sent
        once, a closed campaign is repeated once.
        """
        todays = {}

        def today_of(campaign):
            # The company's day, not the cron user's: a campaign starts,
            # reminds and closes on the dates its company sees.
            company = campaign.company_id
            if company not in todays:
                todays[company] = company._cs_today()
            return todays[company]

        done = 0
        running = self.search([("state", "=", "running")])
        for campaign in running.filtered(
            lambda c: not c.dispatch_done and c.date_start <= today_of(c)
        ):
            while done < DISPATCH_BATCH:
                handled = campaign._dispatch_batch(DISPATCH_BATCH - done)
                if not handled:
                    break
                done += handled
            if done >= DISPATCH_BATCH:
                break
        for campaign in running.filtered("dispatch_done"):
            company = campaign.company_id
            today = today_of(campaign)
            if campaign.date_deadline < today:
                continue
            last = campaign.last_reminder_date or campaign.date_start
            if (
                campaign.reminder_round < company.cs_survey_reminder_count
                and (today - last).days >= company.cs_survey_reminder_days
            ):
                campaign._send_reminders()
        running.filtered(lambda c: c.date_deadline < today_of(c))._close_and_repeat()
        remaining = 1 if done >= DISPATCH_BATCH else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done
