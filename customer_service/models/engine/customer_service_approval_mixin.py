from odoo import _, api, models
from odoo.exceptions import UserError

# Set only by _write_state: the one path through which state fields change.
STATE_CONTEXT_KEY = "customer_service_state_transition"


class CustomerServiceStateMixin(models.AbstractModel):
    """State fields change through the documents' actions only.

    A direct write of a state field (form, RPC, import) is refused; the
    actions, crons included, go through _write_state. Fields covered by an
    approval are locked once the record reached an approved state.
    """

    _name = "customer_service.state.mixin"
    _description = "Customer Service Guarded States"

    @api.model
    def _guarded_state_fields(self):
        return {"state"}

    def _locked_fields(self):
        """Fields this record's approval covers, frozen once it is approved."""
        return set()

    def _write_state(self, vals):
        return self.with_context(**{STATE_CONTEXT_KEY: True}).write(vals)

    def _check_state_write(self, vals):
        if self.env.context.get(STATE_CONTEXT_KEY):
            return
        guarded = self._guarded_state_fields() & set(vals)
        if guarded:
            raise UserError(
                _(
                    "%(field)s changes only through the buttons of the document.",
                    field=self._fields[sorted(guarded)[0]].get_description(self.env)[
                        "string"
                    ],
                )
            )

    def _check_locked_write(self, vals):
        if self.env.context.get(STATE_CONTEXT_KEY):
            return
        for record in self:
            locked = record._locked_fields() & set(vals)
            if locked:
                raise UserError(
                    _(
                        "%(record)s is approved: %(field)s can no longer be changed.",
                        record=record.display_name,
                        field=record._fields[sorted(locked)[0]].get_description(
                            self.env
                        )["string"],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get(STATE_CONTEXT_KEY):
            for vals in vals_list:
                # A new record starts in its default state, like from the form.
                for name in self._guarded_state_fields() & set(vals):
                    if vals[name] != self.default_get([name]).get(name):
                        self._check_state_write({name: vals[name]})
        return super().create(vals_list)

    def write(self, vals):
        self._check_state_write(vals)
        self._check_locked_write(vals)
        return super().write(vals)


class CustomerServiceApprovalMixin(models.AbstractModel):
    """Tier approval of the addon's documents, guarded in base_tier_validation's
    internal hooks so that the comment wizard is guarded too."""

    _name = "customer_service.approval.mixin"
    _inherit = ["customer_service.state.mixin", "tier.validation"]
    _description = "Customer Service Approval"

    def _tier_excluded_user_ids(self):
        """Users who may never review this record (requester, accused...)."""
        self.ensure_one()
        return self.create_uid

    def _on_tiers_validated(self):
        """Called once every tier has approved the record."""

    def _on_tiers_rejected(self):
        """Called when a tier rejected the record."""

    def _check_tier_reviewer(self):
        self.ensure_one()
        user = self.env.user
        if user in self._tier_excluded_user_ids():
            raise UserError(self._tier_excluded_error())
        open_reviews = self.review_ids.filtered(
            lambda r: r.status in ("waiting", "pending")
        )
        if not open_reviews.filtered(lambda r: user in r.reviewer_ids):
            raise UserError(
                _(
                    "You are not an approver of %(record)s at any open level.",
                    record=self.display_name,
                )
            )
        if not self._get_sequences_to_approve(user):
            raise UserError(
                self._tier_order_error(open_reviews.sorted("sequence")[:1].name)
            )

    def _tier_excluded_error(self):
        return _(
            "You cannot approve or reject %(record)s: you requested it or "
            "it concerns you.",
            record=self.display_name,
        )

    def _tier_order_error(self, level):
        return _(
            "%(record)s must first be approved at the level “%(level)s”.",
            record=self.display_name,
            level=level,
        )

    def _tiers_of_current_user(self, tiers):
        """The reviews the current user decides now: one level unless the
        company lets one person approve several levels."""
        if self._get_company().cs_multi_level_approval:
            return tiers
        user = self.env.user
        reviews = (tiers or self.review_ids).filtered(
            lambda r: r.status in ("waiting", "pending") and user in r.reviewer_ids
        )
        if self.review_ids.filtered(
            lambda r: r.status == "approved" and r.done_by == user
        ):
            raise UserError(
                _(
                    "You already approved %(record)s at another level: another "
                    "approver must decide this one.",
                    record=self.display_name,
                )
            )
        return reviews.sorted("sequence")[:1]

    def _log_tier_decision(self, reviews, approved):
        for review in reviews.filtered(lambda r: r.done_by == self.env.user):
            args = {"user": review.done_by.name, "level": review.name}
            body = (
                _("Approved by %(user)s at level “%(level)s”.", **args)
                if approved
                else _("Rejected by %(user)s at level “%(level)s”.", **args)
            )
            # The reviewer may not write the document's chatter.
            self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    def _compute_next_review(self):
        # Said by the addon, whose translations carry it: base_tier_validation
        # ships no Chinese for this line of its panel.
        for record in self:
            review = record.review_ids.sorted("sequence").filtered(
                lambda r: r.status == "pending"
            )[:1]
            record.next_review = review and _(
                "Next level: %(level)s", level=review.name or ""
            )

    def _notify_review_available(self, tier_reviews):
        # base_tier_validation tells the reviewers again each time it recomputes
        # whether they can review (every read of the form), and once per level
        # that opens at the same time: the request was logged twice or more.
        # The levels that open together are announced once, in one message.
        opening = self.env["tier.review"]
        for record in self:
            open_reviews = record.review_ids.filtered(
                lambda r: r.status in ("waiting", "pending")
            )
            if not open_reviews:
                continue
            first = min(open_reviews.mapped("sequence"))
            opening |= open_reviews.filtered(
                lambda r, first=first: (not r.approve_sequence or r.sequence == first)
                and r.definition_id.notify_on_pending
            )
        fresh = (opening | tier_reviews).filtered(
            lambda r: r.definition_id.notify_on_pending and not r.cs_pending_notified
        )
        if not fresh:
            return None
        # sudo: the flag is bookkeeping of the reviews, whoever opens the form.
        fresh.sudo().cs_pending_notified = True
        return super()._notify_review_available(fresh)

    def _validate_tier(self, tiers=False):
        self._check_tier_reviewer()
        reviews = self._tiers_of_current_user(tiers)
        result = super()._validate_tier(reviews)
        self._log_tier_decision(reviews, approved=True)
        # Computed before the reviews changed, the cached values are stale.
        self.invalidate_recordset(["need_validation", "validation_status"])
        if self.validation_status == "validated":
            self._on_tiers_validated()
        return result

    def _rejected_tier(self, tiers=False):
        self._check_tier_reviewer()
        result = super()._rejected_tier(tiers)
        self._log_tier_decision(
            self.review_ids.filtered(lambda r: r.status == "rejected"), approved=False
        )
        self.invalidate_recordset(["need_validation", "validation_status"])
        self._on_tiers_rejected()
        return result
