from odoo import _, api, models
from odoo.exceptions import UserError


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cs_answered(self):
        """The lines of an answered customer survey are its content (SPEC §8)."""
        if any(
            line.user_input_id.cs_company_id and line.user_input_id.state == "done"
            for line in self
        ):
            raise UserError(
                _("The answers of a submitted satisfaction survey cannot be deleted.")
            )
