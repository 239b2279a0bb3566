from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerServiceComplaintCategory(models.Model):
    """Complaint category (R2.3): a tree that carries the responsible department,
    the SLA policy and the number of return visits required before closing."""

    _name = "customer_service.complaint.category"
    _description = "Complaint Category"
    _parent_store = True
    _order = "complete_name, id"
    _rec_name = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        "customer_service.complaint.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "customer_service.complaint.category", "parent_id", string="Subcategories"
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by every company."
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        check_company=True,
        help="Department a new complaint of this category is given to.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Default Handler",
        domain="[('share', '=', False)]",
        help="Handles every new complaint of this category; empty: the handling "
        "team takes turns.",
    )
    team_user_ids = fields.Many2many(
        "res.users",
        "customer_service_complaint_category_team_rel",
        "category_id",
        "user_id",
        string="Handling Team",
        domain="[('share', '=', False)]",
        help="Without a default handler, new complaints go to its members in "
        "turn (round-robin).",
    )
    reply_days = fields.Integer(
        string="First Reply (working days)",
        default=5,
        help="Working days after receipt within which the customer gets a first "
        "reply with the findings.",
    )
    return_visit_count = fields.Integer(
        string="Required Return Visits",
        default=1,
        help="Completed return visits needed before a complaint can be closed.",
    )
    pause_when_waiting = fields.Boolean(
        string="Pause While Waiting on the Customer",
        default=True,
        help="Deadlines stop running while the complaint waits on the customer.",
    )
    safety = fields.Boolean(
        help="Complaints of this category are critical (safety) and go to the "
        "quality/technical manager."
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            category.complete_name = (
                f"{category.parent_id.complete_name} / {category.name}"
                if category.parent_id
                else category.name
            )

    @api.depends_context("lang")
    @api.depends("name", "parent_id.name")
    def _compute_display_name(self):
        # The stored complete name orders the tree; the name shown is built
        # from the names in the reader's language.
        for category in self:
            names = []
            current = category
            while current:
                names.append(current.name or "")
                current = current.parent_id
            category.display_name = " / ".join(reversed(names))

    @api.model
    def _search_display_name(self, operator, value):
        # Searched in the reader's language (the translated names), also
        # through the parent categories' names.
        if operator in ("ilike", "=ilike", "like", "=like", "=") and value:
            return [
                "|",
                ("name", operator, value),
                ("parent_id.name", operator, value),
            ]
        return super()._search_display_name(operator, value)

    def _compute_complaint_count(self):
        counts = dict(
            self.env["customer_service.complaint"]._read_group(
                [("category_id", "in", self.ids)], ["category_id"], ["__count"]
            )
        )
        for category in self:
            category.complaint_count = counts.get(category, 0)

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(_("A category cannot be its own parent."))

    def _intake_handler(self, turns=None):
        """Who handles a new complaint of this category (R2.2): its default
        handler, else the next member of its team in turn, else the same from
        the parent category; empty when nobody is configured. ``turns``, kept
        by the caller over a batch of complaints, holds the member each team
        gave its last one: the batch takes its turns in memory."""
        self.ensure_one()
        lineage = (
            self.browse(
                [int(cid) for cid in reversed(self.parent_path.split("/")[:-1])]
            )
            if self.parent_path
            else self
        )
        for category in lineage:
            handler = category.user_id.filtered("active") or category._next_in_team(
                turns
            )
            if handler:
                return handler
        return self.env["res.users"]

    def _next_in_team(self, turns=None):
        """Round-robin: the member after the one given the category's last
        complaint, in a stable order (``turns``: see :meth:`_intake_handler`)."""
        self.ensure_one()
        team = self.team_user_ids.filtered(lambda u: u.active and not u.share).sorted(
            "id"
        )
        if not team:
            return team
        last = (turns or {}).get(self.id)
        if not last or last not in team:
            # The turn is read from the complaints, also those the current
            # user cannot see (sudo): no counter to keep in sync.
            last = (
                self.env["customer_service.complaint"]
                .sudo()
                .search(
                    [("category_id", "=", self.id), ("user_id", "in", team.ids)],
                    order="id desc",
                    limit=1,
                )
                .user_id
            )
        handler = team[(team.ids.index(last.id) + 1) % len(team)] if last else team[0]
        if turns is not None:
            turns[self.id] = handler
        return handler

    @api.constrains("reply_days", "return_visit_count")
    def _check_numbers(self):
        for category in self:
            if category.reply_days <= 0 or category.return_visit_count < 0:
                raise ValidationError(
                    _(
                        "Category %(category)s: the first-reply deadline must be at "
                        "least one working day and the number of return visits "
                        "cannot be negative.",
                        category=category.complete_name,
                    )
                )
