"""A campaign planned and launched in the browser."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSurveyCampaignTour(HttpCase):
    def test_plan_and_launch(self):
        tag = self.env["res.partner.category"].create({"name": "Tour Tag"})
        customers = self.env["res.partner"].create(
            [
                {
                    "name": f"Tour survey customer {i}",
                    "is_company": True,
                    "customer_rank": 1,
                    "email": f"tour.survey{i}@example.com",
                    "category_id": [(4, tag.id)],
                }
                for i in range(2)
            ]
        )
        self.start_tour("/odoo", "customer_service_survey_campaign_tour", login="admin")
        campaign = self.env["customer_service.survey.campaign"].search(
            [("name", "=", "Tour campaign")]
        )
        self.assertEqual(campaign.state, "running")
        self.assertEqual(campaign.answer_ids.partner_id, customers)
