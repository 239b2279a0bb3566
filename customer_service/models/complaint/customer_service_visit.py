from odoo import fields, models


class CustomerServiceVisit(models.Model):
    """Return visits after a complaint, and complaints raised during a visit
    (R2.13, R3.2)."""

    _inherit = "customer_service.visit"

    visit_type = fields.Selection(
        selection_add=[("post_complaint", "Post-complaint"), ("post_sale",)],
        ondelete={"post_complaint": "set default"},
    )
    raised_complaint_ids = fields.One2many(
        "customer_service.complaint",
        "visit_id",
        string="Complaints Raised",
        readonly=True,
    )
    complaint_id = fields.Many2one(
        "customer_service.complaint",
        string="Complaint",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        copy=False,
    )

    def action_record_return(self):
        """Records the visit from its complaint's dialog: visited now unless
        said otherwise, then done; the dialog closes on the complaint."""
        for visit in self.filtered(lambda v: not v.actual_start):
            visit.actual_start = fields.Datetime.now()
        self.action_done()
        return {"type": "ir.actions.act_window_close"}

    def action_open_complaint(self):
        """Opens a new complaint raised during this visit, prefilled."""
        self.ensure_one()
        return self.env["customer_service.complaint"]._action_new(
            partner_id=self.partner_id.id,
            visit_id=self.id,
            channel="walk_in",
            company_id=self.company_id.id,
        )
