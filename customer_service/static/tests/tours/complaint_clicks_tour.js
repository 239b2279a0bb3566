import {registry} from "@web/core/registry";

// A customer-service user takes a complaint from intake to closure on one
// record. Every step marked `click` is one action of the user (a click, or a
// field typed or chosen); the README gives their number.
function click(trigger, content) {
    return {content, trigger, run: "click"};
}

function stageIs(label) {
    return {
        trigger: `.o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
    };
}

registry.category("web_tour.tours").add("customer_service_complaint_clicks_tour", {
    url: "/odoo/action-customer_service.customer_service_complaint_action_my",
    steps: () => [
        click(".o_list_button_add", "1. New complaint"),
        {
            content: "2. The complainant",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Clicks Customer",
        },
        click(".o-autocomplete--dropdown-item:contains('Clicks Customer')", "3."),
        {
            content: "4. What it is about (the category brings its handler)",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit The pump leaks",
        },
        {
            content: "5. Its category",
            trigger: ".o_field_widget[name=category_id] input",
            run: "edit Clicks Category",
        },
        click(".o-autocomplete--dropdown-item:contains('Clicks Category')", "6."),
        click(".o_form_button_save", "7. Save"),
        // A stage out of order is refused and the stage shown stays.
        click(
            ".o_statusbar_status button[data-value]:contains('Implementing')",
            "A stage too far (not counted)"
        ),
        click(".modal .modal-footer .btn-primary", "Close the refusal (not counted)"),
        stageIs("New"),
        click(".o_form_view button[name=action_acknowledge]", "8. Acknowledge"),
        stageIs("Acknowledged"),
        click(".o_form_view button[name=action_investigate]", "9. Investigate"),
        stageIs("Investigating"),
        click(".o_notebook .nav-link:contains('Investigation')", "10."),
        {
            content: "11. Founded",
            trigger: ".o_field_widget[name=investigation_result] select",
            run: 'select "founded"',
        },
        {
            content: "12. The company is responsible",
            trigger: ".o_field_widget[name=responsibility] select",
            run: 'select "company"',
        },
        click(".o_notebook .nav-link:contains('Solution')", "13."),
        {
            content: "14. Replacement",
            trigger: ".o_field_widget[name=remedy_type] select",
            run: 'select "replace"',
        },
        {
            content: "15. The solution",
            trigger: ".o_field_html[name=solution] .odoo-editor-editable",
            run: "editor Replace the pump within three days.",
        },
        click(".o_form_view button[name=action_propose]", "16. Propose (saves)"),
        stageIs("Solution Proposed"),
        {
            content: "The solution stays in view for the customer's answer",
            trigger:
                ".alert-info .o_field_html[name=solution]:contains('Replace the pump')",
        },
        click(".o_form_view button[name=action_accept]", "17. The customer accepts"),
        stageIs("Accepted"),
        click(".o_form_view button[name=action_implement]", "18. Implement"),
        stageIs("Implementing"),
        click(".o_form_view button[name=action_implemented]", "19. Implemented"),
        stageIs("Return Visit"),
        click(
            ".o_form_view button[name=action_record_return_visit]",
            "20. Record the return visit, in a dialog"
        ),
        {
            content: "21. What the customer said",
            trigger: ".modal .o_field_widget[name=content] textarea",
            run: "edit The customer is satisfied with the new pump.",
        },
        click(
            ".modal .o_field_widget[name=satisfaction] input[data-value='5']",
            "22. Very satisfied"
        ),
        click(".modal button[name=action_record_return]", "23. Record"),
        click(".o_form_view button[name=action_close]", "24. Close the complaint"),
        stageIs("Closed"),
    ],
});
