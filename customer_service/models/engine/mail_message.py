from odoo import models


class MailMessage(models.Model):
    """The messages behind queued mails, created with them by the thousand."""

    _name = "mail.message"
    _inherit = ["mail.message", "customer_service.batch.defaults.mixin"]
