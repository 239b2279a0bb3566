from odoo import models


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    def _cs_activity_schedule(self, activity_type, user, summary, **values):
        """Schedules an activity of one of the addon's own types for ``user``.

        ``summary`` (and a ``note`` among ``values``) are lazy translations
        (``_lt``), rendered in the language of the user who receives them, not
        of whoever or whatever (a cron) schedules them; the activity is created
        with the usual assignment email.
        """
        env = self.with_context(lang=user.lang or "en_US").env
        note = values.pop("note", None)
        if note is not None:
            values["note"] = env._(note)
        for record in self:
            record.activity_schedule(
                f"customer_service.mail_activity_type_{activity_type}",
                user_id=user.id,
                summary=env._(summary),
                **values,
            )
