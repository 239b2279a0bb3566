import {registry} from "@web/core/registry";

function clickButton(name, content) {
    return {content, trigger: `.o_form_view button[name=${name}]`, run: "click"};
}

function stageIs(label) {
    return {
        trigger: `.o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
    };
}

registry.category("web_tour.tours").add("customer_service_complaint_tour", {
    url: "/odoo/action-customer_service.customer_service_complaint_action_my",
    steps: () => [
        {
            content: "Register a complaint",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The complainant",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Complainant",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Complainant')",
            run: "click",
        },
        {
            content: "Its category",
            trigger: ".o_field_widget[name=category_id] input",
            run: "edit Tour Category",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Category')",
            run: "click",
        },
        {
            content: "What it is about",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit The pump leaks",
        },
        {
            content: "Save it",
            trigger: ".o_form_button_save",
            run: "click",
        },
        clickButton("action_acknowledge", "Acknowledge it"),
        stageIs("Acknowledged"),
        clickButton("action_investigate", "Investigate"),
        stageIs("Investigating"),
        {
            content: "Record the findings",
            trigger: ".o_notebook .nav-link:contains('Investigation')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=investigation_result] select",
            run: 'select "founded"',
        },
        {
            trigger: ".o_field_widget[name=responsibility] select",
            run: 'select "company"',
        },
        {
            content: "Describe the solution",
            trigger: ".o_notebook .nav-link:contains('Solution')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=remedy_type] select",
            run: 'select "replace"',
        },
        {
            trigger: ".o_field_html[name=solution] .odoo-editor-editable",
            run: "editor Replace the pump within three days.",
        },
        {
            content: "Save the solution",
            trigger: ".o_form_button_save",
            run: "click",
        },
        clickButton("action_propose", "Propose it to the customer"),
        stageIs("Solution Proposed"),
        clickButton("action_accept", "The customer accepts"),
        stageIs("Accepted"),
        clickButton("action_implement", "Implement it"),
        stageIs("Implementing"),
        clickButton("action_implemented", "The solution is in place"),
        stageIs("Return Visit"),
        {
            content: "Open the planned return visit",
            trigger: "button[name=action_view_visits]",
            run: "click",
        },
        {
            trigger: ".o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "Record the return visit",
            trigger: ".o_notebook .nav-link:contains('Record')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=actual_start] input",
            run: "edit 03/06/2026 10:30:00",
        },
        {
            trigger: ".o_field_widget[name=content] textarea",
            run: "edit The customer is satisfied with the new pump.",
        },
        {
            content: "The customer's satisfaction: one of the five levels",
            trigger: ".o_field_widget[name=satisfaction] input[data-value='5']",
            run: "click",
        },
        clickButton("action_done", "The return visit took place"),
        {
            content: "Recorded",
            trigger: ".o_form_view:not(:has(button[name=action_done]))",
        },
        {
            content: "Back to the complaint",
            trigger: ".o_breadcrumb .breadcrumb-item:nth-child(2) a",
            run: "click",
        },
        clickButton("action_close", "Close the complaint"),
        stageIs("Closed"),
    ],
});
