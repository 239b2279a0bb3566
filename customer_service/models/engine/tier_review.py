from odoo import fields, models


class TierReview(models.Model):
    _inherit = "tier.review"

    cs_pending_notified = fields.Boolean(
        string="Level Announced",
        copy=False,
        help="The reviewers were told this level waits for them: told once.",
    )

    def _get_reviewers(self):
        """Users who may never review the record (its requester, the employee
        complained about) are not listed, not asked and not notified."""
        reviewers = super()._get_reviewers()
        record = self.env[self.model].browse(self.res_id)
        if hasattr(record, "_tier_excluded_user_ids") and record.exists():
            # sudo: the exclusion holds whoever opens the review.
            reviewers -= record.sudo()._tier_excluded_user_ids()
        return reviewers
