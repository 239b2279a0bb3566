from odoo import _, fields, models
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
            and self.env.user.has_group(
                "customer_service.group_customer_service_manager"
            )
            and not self.env.user.has_group("base.group_erp_manager")
            and set(self.ids) <= set(self.env.user.company_ids.ids)
        )

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
