from odoo import fields, models

STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("investigating", "Investigating"),
    ("proposed", "Solution Proposed"),
    ("accepted", "Accepted"),
    ("implementing", "Implementing"),
    ("return_visit", "Return Visit"),
    ("closed", "Closed"),
    ("unfounded", "Unfounded"),
    ("cancelled", "Cancelled"),
]


class CustomerServiceComplaintStage(models.Model):
    """A stage a team names and orders as it likes; the technical state behind
    it is fixed, and the complaint's rules run on that state."""

    _name = "customer_service.complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(STATES, required=True, index=True)
    fold = fields.Boolean(string="Folded in Kanban")
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
