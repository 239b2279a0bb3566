from odoo import models


class MailMail(models.Model):
    """Queued mails created by the thousand (campaign invitations)."""

    _name = "mail.mail"
    _inherit = ["mail.mail", "customer_service.batch.defaults.mixin"]
