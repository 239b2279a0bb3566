import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_service_visit_tour", {
    url: "/odoo/action-customer_service.customer_service_visit_action",
    steps: () => [
        {
            content: "Plan a new visit",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Customer')",
            run: "click",
        },
        {
            content: "Assign the visit to the account manager",
            trigger: ".o_field_widget[name=user_id] input",
            run: "edit Tour Rep",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Rep')",
            run: "click",
        },
        {
            content: "Plan it",
            trigger: ".o_field_widget[name=planned_start] input",
            run: "edit 03/06/2026 10:00:00",
        },
        {
            content: "Open the record",
            trigger: ".o_notebook .nav-link:contains('Record')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=actual_start] input",
            run: "edit 03/06/2026 10:30:00",
        },
        {
            content: "Write what was discussed",
            trigger: ".o_field_widget[name=content] textarea",
            run: "edit The customer wants a faster delivery.",
        },
        {
            content: "Save the visit",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Mark it as done",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "Submit the report to the supervisor",
            trigger: "button[name=action_submit_report]",
            run: "click",
        },
        {
            content: "The supervisor approves it",
            trigger: "button[name=action_approve_report]",
            run: "click",
        },
        {
            content: "Open the review",
            trigger: ".o_notebook .nav-link:contains('Report Review')",
            run: "click",
        },
        {
            content: "The report is approved",
            trigger: ".o_field_widget[name=report_state]:contains('Approved')",
        },
    ],
});
