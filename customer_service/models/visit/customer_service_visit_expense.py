from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerServiceVisitExpense(models.Model):
    """An expense of a visit, with its receipt (R3.4)."""

    _name = "customer_service.visit.expense"
    _description = "Visit Expense"
    _order = "date, id"
    _check_company_auto = True

    visit_id = fields.Many2one(
        "customer_service.visit", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    name = fields.Char(string="Description", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount_company = fields.Monetary(
        string="Amount in Company Currency",
        compute="_compute_amount_company",
        store=True,
        currency_field="company_currency_id",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    receipt = fields.Binary(attachment=True)
    receipt_name = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        visits = self.env["customer_service.visit"].browse(
            [vals.get("visit_id") for vals in vals_list]
        )
        visits._check_expenses_open()
        return super().create(vals_list)

    def write(self, vals):
        self.visit_id._check_expenses_open()
        if vals.get("visit_id"):
            self.visit_id.browse(vals["visit_id"])._check_expenses_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self.visit_id._check_expenses_open()

    @api.depends("amount", "currency_id", "date", "company_id")
    def _compute_amount_company(self):
        for expense in self:
            expense.amount_company = expense.currency_id._convert(
                expense.amount,
                expense.company_id.currency_id,
                expense.company_id,
                expense.date or fields.Date.context_today(expense),
            )

    @api.constrains("amount")
    def _check_amount(self):
        for expense in self:
            if expense.amount <= 0:
                raise ValidationError(
                    _(
                        "Expense %(name)s: the amount must be positive.",
                        name=expense.name,
                    )
                )

    @api.constrains("currency_id", "date", "company_id")
    def _check_rate(self):
        Rate = self.env["res.currency.rate"]
        for expense in self:
            if expense.currency_id == expense.company_id.currency_id:
                continue
            has_rate = Rate.search_count(
                [
                    ("currency_id", "=", expense.currency_id.id),
                    ("company_id", "in", [expense.company_id.id, False]),
                    ("name", "<=", expense.date),
                ],
                limit=1,
            )
            if not has_rate:
                raise ValidationError(
                    _(
                        "No exchange rate of %(currency)s on %(date)s for %(company)s: "
                        "enter the rate before recording the expense.",
                        currency=expense.currency_id.name,
                        date=expense.date,
                        company=expense.company_id.name,
                    )
                )
