from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    cs_visit_expense_limit = fields.Monetary(
        string="Visit Expense Limit",
        currency_field="currency_id",
        default=500.0,
        help="Expenses of one visit above this amount need approval; the excess "
        "is borne by the employee unless approved.",
    )

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """Without write access to companies Odoo makes the form read-only; the
        customer-service manager must still save the policy numbers on it.
        Other fields keep refusing changes (see :meth:`write`)."""
        result = super().get_view(view_id, view_type, **options)
        if view_type == "form" and self._cs_is_policy_manager():
            node = etree.fromstring(result["arch"])
            if node.get("edit") == "False":
                node.attrib.pop("edit")
                result["arch"] = etree.tostring(node, encoding="unicode")
        return result

    def write(self, vals):
        if self._cs_is_policy_write(vals):
            # Customer-service managers keep the regulations' numbers without
            # being administrators: only cs_ policy fields, only of their own
            # companies (checked above), so a sudo write is safe here.
            return super(ResCompany, self.sudo()).write(vals)
        return super().write(vals)

    def _cs_is_policy_write(self, vals):
        """Whether a non-administrator customer-service manager sets only the
        customer-service policy numbers of companies they work in."""
        return bool(
            vals
            and not self.env.su
            and all(name.startswith("cs_") and name in self._fields for name in vals)
            and self._cs_is_policy_manager()
            and set(self.ids) <= set(self.env.user.company_ids.ids)
        )

    @api.model
    def _cs_is_policy_manager(self):
        """A customer-service manager without the administrators' company rights."""
        user = self.env.user
        return user.has_group(
            "customer_service.group_customer_service_manager"
        ) and not user.has_group("base.group_erp_manager")

    def _cs_working_calendar(self):
        """The calendar every deadline of the company is counted on."""
        self.ensure_one()
        if not self.resource_calendar_id:
            raise UserError(
                _(
                    "Company %(company)s has no working calendar: set one in its "
                    "settings before deadlines can be computed.",
                    company=self.name,
                )
            )
        return self.resource_calendar_id
