from odoo import _, api, fields, models
from odoo.exceptions import AccessError

MANAGER_GROUP = "customer_service.group_customer_service_manager"


class ResConfigSettings(models.TransientModel):
    """The numbers of the regulations, kept per company, in Settings."""

    _inherit = "res.config.settings"

    cs_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Policy Currency"
    )
    cs_multi_level_approval = fields.Boolean(
        related="company_id.cs_multi_level_approval", readonly=False
    )

    @api.model
    def _cs_policy_fields(self):
        """Settings fields that stand for a customer-service policy number."""
        return [
            name
            for name, field in self._fields.items()
            if name.startswith("cs_") and field.related and not field.readonly
        ]

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.is_admin() or not self.env.user.has_group(MANAGER_GROUP):
            return super().create(vals_list)
        # A customer-service manager who is no administrator keeps the
        # regulations' numbers, and only them. Core writes every related value
        # through on create, the company's unchanged ones included, which the
        # manager may not: once _cs_check_only_policy() has made sure nothing
        # else changes, the record is created and the numbers are written as
        # superuser.
        for vals in vals_list:
            self._cs_check_only_policy(vals)
        return super(ResConfigSettings, self.sudo()).create(vals_list).sudo(False)

    def _cs_check_only_policy(self, vals):
        """Refuse any setting but the policy numbers that ``vals`` would change:
        execute() applies nothing else for a non-administrator."""
        policy = self._cs_policy_fields()
        company = self.env["res.company"].browse(vals.get("company_id")) or (
            self.env.company
        )
        if company not in self.env.user.company_ids:
            raise AccessError(_("You may only change the settings of your companies."))
        defaults = self.default_get(list(vals))
        changed = []
        for name, value in vals.items():
            field = self._fields[name]
            if name in policy or name == "company_id":
                continue
            if field.related:
                current = company
                for part in field.related.split(".")[1:]:
                    current = current[part]
                if (
                    field.convert_to_record(field.convert_to_cache(value, self), self)
                    == current
                ):
                    continue
            elif (value or False) == (defaults.get(name) or False):
                continue
            changed.append(field.string)
        if changed:
            raise AccessError(
                _(
                    "Only administrators change these settings: %(settings)s.",
                    settings="、".join(changed)
                    if self.env.lang == "zh_CN"
                    else ", ".join(changed),
                )
            )

    def execute(self):
        """Administrators save every setting; for a customer-service manager,
        create() already wrote the regulations' numbers, which is all."""
        if self.env.is_admin() or not self.env.user.has_group(MANAGER_GROUP):
            return super().execute()
        self.ensure_one()
        return {"type": "ir.actions.client", "tag": "reload"}
