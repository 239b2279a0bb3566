from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CustomerServiceNumberedMixin(models.AbstractModel):
    """One numbering for every document of the addon: a reference per company
    and per year (R2.5, R2.23 按年度建立案宗), e.g. ``TS2027-00001``.

    The sequence shipped in data (no company) is the template: each company gets
    its own copy on first use, with one date range per year, so companies never
    share a counter and every year starts again at 1. Models call it as a
    service: ``env["customer_service.numbered.mixin"]._cs_next_references(...)``.
    """

    _name = "customer_service.numbered.mixin"
    _description = "Customer Service Numbering"

    @api.model
    def _cs_next_reference(self, code, company):
        return self._cs_next_references(code, company, 1)[0]

    @api.model
    def _cs_next_references(self, code, company, count):
        """``count`` references of sequence ``code`` for ``company`` in the
        current year, in one query for a batch."""
        sequence = self._cs_company_sequence(code, company)
        today = fields.Date.context_today(self)
        date_range = sequence._get_current_sequence(today)
        # The prefix's %(year)s follows the year of the range drawn from.
        context = {
            "ir_sequence_date": today,
            "ir_sequence_date_range": date_range.date_from,
        }
        sequence = sequence.with_context(**context)
        if sequence.implementation != "standard":
            date_range = date_range.with_context(**context)
            return [date_range._next() for _index in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}",
                count,
            )
        )
        return [sequence.get_next_char(number) for (number,) in self.env.cr.fetchall()]

    @api.model
    def _cs_company_sequence(self, code, company):
        """The sequence of ``company`` for ``code``, created from the template
        for a company created after install."""
        # Numbering is no permission matter: whoever registers gets a number.
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", code), ("company_id", "=", company.id)], limit=1
        )
        if sequence:
            return sequence
        template = Sequence.search(
            [("code", "=", code), ("company_id", "=", False)], limit=1
        )
        if not template:
            raise UserError(
                _(
                    "The numbering sequence %(code)s is missing: restore it.",
                    code=code,
                )
            )
        sequence = template.copy(
            {
                "name": f"{template.name} ({company.name})",
                "company_id": company.id,
                "use_date_range": True,
                "number_next": 1,
                "date_range_ids": [],
            }
        )
        # Years the shared template numbered go on from its counter, so that no
        # reference issued before the company had its own sequence comes again.
        self.env["ir.sequence.date_range"].sudo().create(
            [
                {
                    "sequence_id": sequence.id,
                    "date_from": date_range.date_from,
                    "date_to": date_range.date_to,
                    "number_next_actual": date_range.number_next_actual,
                }
                for date_range in template.date_range_ids
            ]
        )
        return sequence
