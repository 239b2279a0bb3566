import {registry} from "@web/core/registry";

const openBlockedQuotation = [
    {
        content: "Open the quotation of the blocked customer",
        trigger: ".o_data_row:contains('Tour Credit Customer') .o_data_cell",
        run: "click",
    },
    {
        content: "The quotation shows the customer is blocked",
        trigger: ".o_field_widget[name=cs_credit_status]:contains('Blocked')",
    },
];

registry.category("web_tour.tours").add("customer_service_credit_block_tour", {
    url: "/odoo/action-customer_service.sale_order_action_credit_blocked",
    steps: () => [
        ...openBlockedQuotation,
        {
            content: "Try to confirm it",
            trigger: "button[name=action_confirm]:not(.btn-primary)",
            run: "click",
        },
        {
            content: "The credit check refuses, with limit, exposure and overdue",
            trigger:
                ".modal-body:contains('cannot be confirmed'):contains('Credit limit')",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The order is still a quotation",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Quotation')",
        },
    ],
});

registry.category("web_tour.tours").add("customer_service_credit_override_tour", {
    url: "/odoo/action-customer_service.sale_order_action_credit_blocked",
    steps: () => [
        ...openBlockedQuotation,
        {
            content: "Confirm despite the credit check",
            trigger: "button[name=action_cs_credit_override]",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Payment promised for Monday",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Sales Order')",
        },
    ],
});

registry.category("web_tour.tours").add("customer_service_credit_approval_tour", {
    url: "/odoo/action-customer_service.customer_service_credit_application_action",
    steps: () => [
        {
            content: "Open the application waiting for approval",
            trigger: ".o_data_row:contains('Tour Credit Customer') .o_data_cell",
            run: "click",
        },
        {
            content: "Approve it at my level",
            trigger: "button[name=validate_tier]",
            run: "click",
        },
        {
            content: "My approval is recorded",
            trigger: ".o_form_view:not(:has(button[name=validate_tier]))",
        },
    ],
});
