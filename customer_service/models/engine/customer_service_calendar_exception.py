from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ...tools.working_time import hours_off


class CustomerServiceCalendarException(models.Model):
    """A dated exception to a working calendar's weekly pattern.

    Holidays remove working time (the whole day, or only the hours given for a
    half day); make-up working days (调休/补班) add a working day, usually a
    weekend day, with its hours.
    """

    _name = "customer_service.calendar.exception"
    _inherit = ["customer_service.working.time.cache"]
    _description = "Working Calendar Exception"
    _order = "date desc, id"
    _rec_name = "name"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="calendar_id.company_id", store=True, index=True
    )
    date = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("holiday", "Holiday"), ("workday", "Make-up working day")],
        required=True,
        default="holiday",
    )
    name = fields.Char(required=True, help="e.g. Spring Festival, or 春节调休上班")
    hour_from = fields.Float(
        string="Start Time",
        help="Make-up day: start of work. Holiday: leave empty for the whole day, "
        "or give the hours off of a half day.",
    )
    hour_to = fields.Float(string="End Time")

    _sql_constraints = [
        (
            "calendar_date_uniq",
            "unique(calendar_id, date)",
            "A calendar has one exception per date.",
        ),
    ]

    @api.constrains("kind", "hour_from", "hour_to")
    def _check_hours(self):
        for exception in self:
            hours = (exception.hour_from, exception.hour_to)
            if exception.kind == "holiday" and hours == (0.0, 0.0):
                continue
            if not 0 <= exception.hour_from < exception.hour_to <= 24:
                raise ValidationError(
                    _(
                        "%(name)s on %(date)s: the hours must lie within the day and "
                        "end after they start.",
                        name=exception.name,
                        date=exception.date,
                    )
                )

    @api.constrains("kind", "date", "calendar_id")
    def _check_workday_not_already_working(self):
        for exception in self.filtered(lambda e: e.kind == "workday"):
            if exception.calendar_id._cs_weekly_intervals(exception.date):
                raise ValidationError(
                    _(
                        "%(date)s is already a working day of %(calendar)s: a make-up "
                        "working day must fall on a day off.",
                        date=exception.date,
                        calendar=exception.calendar_id.name,
                    )
                )

    def _intervals(self, weekly):
        """The working intervals of the exception's day, given the weekly ones."""
        self.ensure_one()
        if self.kind == "workday":
            return ((self.hour_from, self.hour_to),)
        if not (self.hour_from or self.hour_to):
            return ()
        # A half-day holiday removes its hours from the usual working time.
        return hours_off(weekly, self.hour_from, self.hour_to)
