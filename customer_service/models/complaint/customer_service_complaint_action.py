from collections import defaultdict

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError, ValidationError

ACTION_BATCH = 1000


class CustomerServiceComplaintAction(models.Model):
    """A corrective or preventive action (纠正和预防措施, CAPA / 8D) opened on a
    founded complaint (R2.12)."""

    _name = "customer_service.complaint.action"
    _description = "Complaint Corrective Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "customer_service.state.mixin"]
    _order = "deadline, id"
    _check_company_auto = True

    name = fields.Char(string="Action", required=True, tracking=True)
    complaint_id = fields.Many2one(
        "customer_service.complaint",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True, precompute=True
    )
    action_type = fields.Selection(
        [("corrective", "Corrective"), ("preventive", "Preventive")],
        required=True,
        default="corrective",
    )
    owner_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    deadline = fields.Date(required=True, index=True, tracking=True)
    root_cause = fields.Text()
    description = fields.Text(string="Action Taken")
    verification = fields.Text(help="How and by whom the effect was verified.")
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("done", "Done"),
            ("verified", "Verified"),
            ("cancelled", "Cancelled"),
        ],
        default="open",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    escalated = fields.Boolean(copy=False, help="Its manager was told it is overdue.")
    overdue = fields.Boolean(compute="_compute_overdue")

    @api.depends("deadline", "state")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.overdue = action.state == "open" and action.deadline < today

    @api.constrains("complaint_id")
    def _check_founded(self):
        for action in self:
            if action.complaint_id.investigation_result != "founded":
                raise ValidationError(
                    _(
                        "Corrective actions are opened on founded complaints only: "
                        "record the investigation of %(complaint)s first.",
                        complaint=action.complaint_id.name,
                    )
                )

    def action_done(self):
        if any(action.state != "open" or not action.description for action in self):
            raise UserError(
                _("Describe the action taken before marking an open action done.")
            )
        self._write_state({"state": "done"})

    def action_verify(self):
        for action in self:
            if action.state != "done" or not action.verification:
                raise UserError(
                    _("Record the verification of a done action before verifying it.")
                )
            if action.owner_id == self.env.user:
                raise UserError(_("The owner cannot verify their own action."))
        self._write_state({"state": "verified", "verified_by_id": self.env.user.id})

    def action_cancel(self):
        if any(action.state == "verified" for action in self):
            raise UserError(_("A verified action cannot be cancelled."))
        self._write_state({"state": "cancelled"})

    @api.model
    def _guarded_state_fields(self):
        return {"state", "verified_by_id"}

    def _locked_fields(self):
        # The verifier accepted this action as it was described.
        if self.state == "verified":
            return {
                "name",
                "action_type",
                "owner_id",
                "root_cause",
                "description",
                "verification",
                "deadline",
                "complaint_id",
            }
        return set()

    def _escalation_recipients(self):
        """{user: actions} told of overdue actions: the owner's manager when
        they may open the action, else the owner."""
        by_manager = self.grouped(
            lambda a: a.owner_id.employee_id.parent_id.user_id or a.owner_id
        )
        result = defaultdict(self.browse)
        for manager, actions in by_manager.items():
            readable = self.browse(
                actions.with_user(manager)._filtered_access("read").ids
            )
            if readable:
                result[manager] |= readable
            for owner, rest in (actions - readable).grouped("owner_id").items():
                result[owner] |= rest
        return result

    @api.model
    def _overdue_summary(self):
        return _lt("Corrective action overdue")

    @api.model
    def _cron_escalate_overdue(self):
        """Tells the owner's manager of each overdue action, once."""
        overdue = self.search(
            [
                ("state", "=", "open"),
                ("deadline", "<", fields.Date.context_today(self)),
                ("escalated", "=", False),
            ],
            limit=ACTION_BATCH,
        )
        today = fields.Date.context_today(self)
        # With the assignment email, so the manager hears of it.
        self._cs_activity_schedule_batch(
            [
                (
                    action,
                    "escalation",
                    user,
                    self._overdue_summary(),
                    {"date_deadline": today},
                )
                for user, actions in overdue._escalation_recipients().items()
                for action in actions
            ]
        )
        overdue.escalated = True
        self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=0)
        return overdue
