import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_service_survey_campaign_tour", {
    url: "/odoo/action-customer_service.customer_service_survey_campaign_action",
    steps: () => [
        {
            content: "Plan a campaign",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour campaign",
        },
        {
            content: "The default questionnaire is proposed",
            trigger:
                ".o_field_widget[name=survey_id] input:value('Customer Satisfaction Survey')",
        },
        {
            content: "Ask the customers of one tag",
            trigger: ".o_field_widget[name=category_ids] input",
            run: "edit Tour Tag",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Tag')",
            run: "click",
        },
        {
            content: "Two customers in the segment",
            trigger: ".o_field_widget[name=segment_count]:contains('2')",
        },
        {
            content: "Launch",
            trigger: "button[name=action_launch]",
            run: "click",
        },
        {
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Running')",
        },
        {
            content: "Both customers are invited",
            trigger: "button[name=action_view_answers] .o_stat_value:contains('2')",
        },
    ],
});
