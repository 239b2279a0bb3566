"""Working time read by the working-day engine changes: drop its day tables."""

from odoo import api, models


class CustomerServiceWorkingTimeCache(models.AbstractModel):
    """Clears the engine's cached day tables when working time changes."""

    _name = "customer_service.working.time.cache"
    _description = "Working Time Cache Invalidation"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._cs_clear_working_time()
        return records

    def write(self, vals):
        result = super().write(vals)
        self._cs_clear_working_time()
        return result

    def unlink(self):
        result = super().unlink()
        self._cs_clear_working_time()
        return result

    def _cs_clear_working_time(self):
        self.env.registry.clear_cache()


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "customer_service.working.time.cache"]


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "customer_service.working.time.cache"]
