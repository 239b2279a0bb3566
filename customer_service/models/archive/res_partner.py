import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# Mainland China mobile numbers: 11 digits starting with 1[3-9], optional +86.
CN_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
# A person recorded by surname and title only ("王先生", "张总") is not a full name.
TITLE_ONLY = re.compile(r"^.{1,2}(先生|女士|小姐|总|经理|老板|主任)$")
# Roles that read every customer's archive; others only their own customers'.
ARCHIVE_GROUPS = (
    "customer_service.group_customer_service_user",
    "customer_service.group_customer_service_auditor",
    "customer_service.group_customer_service_credit_controller",
)


class ResPartner(models.Model):
    """Customer archive (客户档案): grade, account manager and backup, data quality."""

    _inherit = "res.partner"

    cs_grade_id = fields.Many2one(
        "customer_service.grade",
        string="Customer Grade",
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    cs_grade_auto = fields.Boolean(
        string="Graded Automatically",
        copy=False,
        help="Set when the grading job gave the current grade; a grade set by hand "
        "is never taken back by the job.",
    )
    cs_grade_category = fields.Selection(
        related="cs_grade_id.category", string="Grade Category"
    )
    cs_backup_user_id = fields.Many2one(
        "res.users",
        string="Backup Account Manager",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Second employee who knows this customer (required for key customers).",
    )
    cs_quality_warning = fields.Text(
        string="Data Quality", compute="_compute_cs_quality_warning"
    )
    cs_archive_readable = fields.Boolean(
        string="Service History Readable",
        compute="_compute_cs_archive_readable",
        help="Whether the current user may read the customer's service history.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends(
        "is_company", "name", "mobile", "country_id", "street", "city", "cs_grade_id"
    )
    def _compute_cs_quality_warning(self):
        for partner in self:
            partner.cs_quality_warning = (
                "\n".join(partner._cs_quality_issues()) or False
            )

    @api.depends_context("uid")
    def _compute_cs_archive_readable(self):
        readable = self._cs_archive_readable()
        for partner in self:
            partner.cs_archive_readable = partner in readable

    def _cs_archive_readable(self):
        """The partners among ``self`` whose service history (complaints,
        visits, surveys) the current user may read (R1.5): customer-service and
        credit roles read every customer's, salespeople their own customers'."""
        user = self.env.user
        if self.env.su or any(user.has_group(group) for group in ARCHIVE_GROUPS):
            return self
        return self.filtered(
            lambda p: user
            in (
                p.commercial_partner_id.user_id
                | p.commercial_partner_id.cs_backup_user_id
            )
        )

    def _cs_quality_issues(self):
        """Warnings from the customer-archive regulations; they never block a save."""
        self.ensure_one()
        issues = []
        mobile = re.sub(r"[\s\-()]", "", self.mobile or "")
        if mobile and self.country_id.code == "CN" and not CN_MOBILE.match(mobile):
            issues.append(_("The mobile number is not a valid mainland China number."))
        if not self.is_company and self.name and TITLE_ONLY.match(self.name.strip()):
            issues.append(_("Record the contact's full name, not a surname and title."))
        if self.cs_grade_id.category == "key" and not (self.street and self.city):
            issues.append(_("Key customers need a precise address (street and city)."))
        return issues

    @api.constrains("cs_grade_id", "cs_backup_user_id", "user_id")
    def _check_cs_key_customer_backup(self):
        if self.env.context.get("cs_skip_backup_check"):
            # Automatic changes ask the account manager to name a backup instead.
            return
        for partner in self.filtered(lambda p: p.cs_grade_id.category == "key"):
            if not partner.cs_backup_user_id:
                raise ValidationError(
                    _(
                        "%(partner)s is a key customer: name a backup account manager "
                        "so that at least two employees know the customer.",
                        partner=partner.display_name,
                    )
                )
            if partner.cs_backup_user_id == partner.user_id:
                raise ValidationError(
                    _(
                        "%(partner)s: the backup account manager must be another "
                        "employee than the account manager.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("cs_grade_id")
    def _check_cs_internal_not_key(self):
        key = self.filtered(lambda p: p.cs_grade_id.category == "key")
        internal = key & key._cs_internal_partners()
        if internal:
            raise ValidationError(
                _(
                    "Internal users and employees cannot be key customers: %(names)s.",
                    names=", ".join(internal.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _cs_internal_partners(self):
        """The partners among ``self`` that are internal users or employees."""
        if not self.ids:
            return self.browse()
        self.env["res.users"].flush_model(["partner_id", "share"])
        self.env["hr.employee"].flush_model(["work_contact_id"])
        self.env.cr.execute(
            """
            SELECT partner_id FROM res_users
             WHERE share IS NOT TRUE AND partner_id = ANY(%(ids)s)
             UNION
            SELECT work_contact_id FROM hr_employee
             WHERE work_contact_id = ANY(%(ids)s)
            """,
            {"ids": self.ids},
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    def _cs_request_backup(self):
        """Asks the account manager of each key customer without backup to name one."""
        self._cs_activity_schedule_batch(
            [
                (
                    partner,
                    "followup",
                    partner.user_id,
                    _lt("Name a backup account manager for this key customer"),
                    {},
                )
                for partner in self.filtered(
                    lambda p: p.cs_grade_id.category == "key"
                    and not p.cs_backup_user_id
                    and p.user_id
                )
            ]
        )
