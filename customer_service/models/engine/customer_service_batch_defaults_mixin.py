from datetime import date

from odoo import api, models

# Values a batch can share without one record's create changing another's.
IMMUTABLE = (str, int, float, type(None), date)


class BatchDefaults:
    """The defaults of one batch, by model and set of given fields. Kept in
    the context, whose values must hash: this one hashes by identity."""

    __slots__ = ("by_key",)

    def __init__(self):
        self.by_key = {}


class CustomerServiceBatchDefaultsMixin(models.AbstractModel):
    """Defaults asked once per batch instead of once per record.

    The ORM's create asks :meth:`default_get` for every record, for every
    field the record leaves out: on a batch of thousands of answers or mails
    (a campaign's dispatch) that is a third of the create. Under
    :meth:`_cs_with_batch_defaults`, a model with this mixin asks twice for
    the first record of each set of given fields; what both calls return
    alike (context, ``ir.default``, field defaults) is shared by the batch,
    and only what differs from call to call (access tokens, a clock that
    ticked) or could be changed in place (lists) is still asked per record.
    A record gets what the ORM alone would give it.
    """

    _name = "customer_service.batch.defaults.mixin"
    _description = "Customer Service Batch Defaults"

    @api.model
    def _cs_with_batch_defaults(self):
        """This model, its next creates sharing the defaults of their batch."""
        return self.with_context(cs_batch_defaults=BatchDefaults())

    @api.model
    def _add_missing_default_values(self, values):
        memo = self.env.context.get("cs_batch_defaults")
        if not isinstance(memo, BatchDefaults):
            return super()._add_missing_default_values(values)
        key = (self._name, frozenset(values))
        if key not in memo.by_key:
            memo.by_key[key] = self._cs_split_defaults(values)
        split = memo.by_key[key]
        if split is None:
            return super()._add_missing_default_values(values)
        shared, per_record = split
        row = dict(shared)
        if per_record:
            row.update(self.default_get(per_record))
        row.update(values)
        return row

    @api.model
    def _cs_split_defaults(self, values):
        """(shared defaults, names of those asked per record) for records
        given the fields of ``values``; None when a relation's default is
        asked per record (the ORM turns those into commands itself), or
        when the model has properties, whose defaults depend on the values."""
        if any(field.type == "properties" for field in self._fields.values()):
            return None
        first = super()._add_missing_default_values(values)
        second = super()._add_missing_default_values(values)
        shared = {
            name: value
            for name, value in first.items()
            if name not in values
            and isinstance(value, IMMUTABLE)
            and name in second
            and second[name] == value
        }
        per_record = [
            name for name in first if name not in values and name not in shared
        ]
        if any(
            self._fields[name].type in ("one2many", "many2many") for name in per_record
        ):
            return None
        return shared, per_record
