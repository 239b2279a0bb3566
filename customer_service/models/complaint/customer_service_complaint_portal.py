from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .customer_service_complaint import DONE_STATES

INTERNAL = "base.group_user"
# The customer's words for each state of the ladder (R2.6).
PORTAL_STATES = {
    "new": "received",
    "acknowledged": "acknowledged",
    "investigating": "investigating",
    "proposed": "your_answer",
    "accepted": "accepted",
    "implementing": "implementing",
    "return_visit": "follow_up",
    "closed": "closed",
    "unfounded": "closed",
    "cancelled": "cancelled",
}


class CustomerServiceComplaint(models.Model):
    """The complaint as its customer follows it on the portal (/my/complaints)."""

    _name = "customer_service.complaint"
    _inherit = ["customer_service.complaint", "portal.mixin"]

    # What the customer never reads, even through the JSON API: the
    # investigation, responsibility, the employees complained about, recusal and
    # approval details (the portal rule gives read access to their complaints).
    complained_employee_ids = fields.Many2many(groups=INTERNAL)
    recusal_granted_user_ids = fields.Many2many(groups=INTERNAL)
    investigation_result = fields.Selection(groups=INTERNAL)
    responsibility = fields.Selection(groups=INTERNAL)
    root_cause = fields.Text(groups=INTERNAL)
    investigation_note = fields.Html(groups=INTERNAL)
    transfer_note = fields.Text(groups=INTERNAL)
    severity = fields.Selection(groups=INTERNAL)
    severity_notified = fields.Selection(groups=INTERNAL)
    approval_level = fields.Integer(groups=INTERNAL)
    approval_state = fields.Selection(groups=INTERNAL)
    rejection_count = fields.Integer(groups=INTERNAL)
    portal_submit_ip = fields.Char(
        string="Sent From Address",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=INTERNAL,
        help="Network address the public online form was sent from, to limit abuse.",
    )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"
        return result

    def _cs_prepare_email_notices(self):
        # The portal's recipient groups give each email the customer's access
        # link: tokens in one update, and the customers' users and contacts
        # read for all, instead of a write and two reads per complaint.
        result = super()._cs_prepare_email_notices()
        missing = self.filtered(lambda complaint: not complaint.access_token)
        if missing:
            self.env.cr.execute(
                SQL(
                    "UPDATE customer_service_complaint SET access_token = "
                    "gen_random_uuid()::text WHERE id = ANY(%s)",
                    missing.ids,
                )
            )
            missing.invalidate_recordset(["access_token"])
        self.partner_id.mapped("user_ids")
        self.partner_id.mapped("child_ids")
        return result

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Complaint %(reference)s", reference=self.name)

    # ------------------------------------------------------------------
    # What the portal shows
    # ------------------------------------------------------------------
    @api.model
    def _portal_state_labels(self):
        return {
            "received": _("Received, to be acknowledged"),
            "acknowledged": _("Acknowledged, we are on it"),
            "investigating": _("Under investigation"),
            "your_answer": _("Waiting for your answer"),
            "accepted": _("Solution accepted"),
            "implementing": _("Solution being carried out"),
            "follow_up": _("Follow-up visit"),
            "closed": _("Closed"),
            "cancelled": _("Cancelled"),
        }

    def _portal_state(self):
        self.ensure_one()
        return PORTAL_STATES[self.state]

    def _portal_state_label(self):
        self.ensure_one()
        return self._portal_state_labels()[self._portal_state()]

    def _portal_deadline(self):
        """The next date the company promised the customer: acknowledgement,
        first reply, then the return visit; never the internal department one."""
        self.ensure_one()
        if self.state in DONE_STATES:
            return False
        for step in ("ack", "reply", "visit"):
            if self[f"{step}_deadline"] and not self[f"{step}_done"]:
                return self[f"{step}_deadline"]
        return False

    def _portal_public_message_domain(self):
        return [
            ("model", "=", self._name),
            ("res_id", "in", self.ids),
            ("message_type", "in", ("comment", "email", "email_outgoing")),
            ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
            ("is_internal", "=", False),
        ]

    def _portal_last_replies(self):
        """Date of the last reply sent to the customer, per complaint id."""
        if not self:
            return {}
        domain = [
            *self._portal_public_message_domain(),
            ("author_id.user_ids.share", "=", False),
        ]
        return dict(
            self.env["mail.message"]
            .sudo()
            ._read_group(domain, ["res_id"], ["date:max"])
        )

    def _portal_customer_attachments(self):
        """Files the customer's side sent on public messages."""
        self.ensure_one()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    *self._portal_public_message_domain(),
                    (
                        "author_id.commercial_partner_id",
                        "=",
                        self.commercial_partner_id.id or self.partner_id.id,
                    ),
                    ("attachment_ids", "!=", False),
                ]
            )
        )
        return messages.attachment_ids

    def _portal_return_visits(self):
        self.ensure_one()
        return self.visit_ids.filtered(lambda v: v.state != "cancelled").sorted(
            "planned_start"
        )

    # ------------------------------------------------------------------
    # The customer answers the solution (R2.6)
    # ------------------------------------------------------------------
    def _portal_check_answerable(self):
        for complaint in self:
            if complaint.state != "proposed":
                raise UserError(
                    _(
                        "Complaint %(complaint)s has no solution waiting for your "
                        "answer.",
                        complaint=complaint.name,
                    )
                )

    def _portal_log_customer(self, body, partner):
        self.message_post(
            body=body,
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def action_portal_accept(self, partner):
        """The customer accepts the solution on the portal: the same step as
        the back office, logged in the customer's name."""
        self._portal_check_answerable()
        self.action_accept()
        for complaint in self:
            complaint._portal_log_customer(
                Markup("<p>%s</p>") % _("I accept the proposed solution."), partner
            )

    def action_portal_reject(self, reason, partner):
        """The customer rejects the solution on the portal: the back office's
        rejection (severity raised, back to investigating, reason kept),
        logged in the customer's name."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Tell us why you reject the solution."))
        self._portal_check_answerable()
        self.action_customer_reject(reason)
        for complaint in self:
            complaint._portal_log_customer(
                Markup("<p>%s</p><p>%s</p>")
                % (_("I reject the proposed solution."), reason),
                partner,
            )

    def _portal_send_public_confirmation(self):
        """Confirms to a complainant without an account, by email, that the
        complaint was received, with the link to follow it."""
        self._portal_ensure_token()
        self._send_template("customer_service.mail_template_complaint_portal_received")
