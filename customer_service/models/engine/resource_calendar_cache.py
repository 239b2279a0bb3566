"""Working time read by the working-day engine changes: renew its calendar's key.

The engine caches each calendar's day tables under the calendar's working-time
version. A change of hours, time off or exceptions gives the calendars it
concerns a new version, taken from a PostgreSQL sequence: a number is never
handed out twice, even by a transaction that rolls back, so a table cached from
uncommitted data can never be taken for a committed one. Other calendars keep
their cached tables.
"""

from odoo import api, models


class CustomerServiceWorkingTimeCache(models.AbstractModel):
    """Renews the working-time version of the calendars its records belong to."""

    _name = "customer_service.working.time.cache"
    _description = "Working Time Cache Invalidation"

    def _cs_working_calendars(self):
        """The calendars whose working time these records define."""
        return self.calendar_id

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._cs_working_calendars()._cs_renew_working_time()
        return records

    def write(self, vals):
        calendars = self._cs_working_calendars()
        result = super().write(vals)
        (calendars | self._cs_working_calendars())._cs_renew_working_time()
        return result

    def unlink(self):
        calendars = self._cs_working_calendars()
        result = super().unlink()
        calendars.exists()._cs_renew_working_time()
        return result


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "customer_service.working.time.cache"]


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "customer_service.working.time.cache"]
