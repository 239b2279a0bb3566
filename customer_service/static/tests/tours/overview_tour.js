import {registry} from "@web/core/registry";

function openOverview() {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Customer Service app",
            trigger:
                ".o_app[data-menu-xmlid='customer_service.customer_service_menu_root']",
            run: "click",
        },
        {
            content: "The app opens on its overview",
            trigger:
                ".o_kanban_view.o_cs_overview .o_kanban_record:contains('Complaints')",
        },
    ];
}

registry.category("web_tour.tours").add("customer_service_overview_user_tour", {
    url: "/odoo",
    steps: () => [
        ...openOverview(),
        {
            content: "No credit figures for a customer-service user",
            trigger: ".o_cs_overview:not(:has(.o_cs_counter_credit_hold))",
        },
        {
            content: "Open my complaints from the overview",
            trigger: ".o_cs_counter_complaint_my",
            run: "click",
        },
        {
            content: "The list shows my open complaint",
            trigger: ".o_list_view .o_data_row:contains('Tour Own Customer')",
        },
        {
            content: "and only the complaints counted",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('Tour Other Customer')))",
        },
        {
            trigger: ".o_breadcrumb .active:contains('My Open Complaints')",
        },
    ],
});

registry.category("web_tour.tours").add("customer_service_overview_manager_tour", {
    url: "/odoo",
    steps: () => [
        ...openOverview(),
        {
            content: "Open the overdue complaints",
            trigger: ".o_cs_counter_complaint_overdue",
            run: "click",
        },
        {
            content: "The overdue complaint is listed",
            trigger: ".o_list_view .o_data_row:contains('Tour Late Customer')",
        },
        {
            content: "the complaint on time is not",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('Tour Fresh Customer')))",
        },
        {
            content: "Back to the overview",
            trigger: ".o_breadcrumb a:contains('Overview')",
            run: "click",
        },
        {
            content: "Open the graph of complaints per month",
            trigger:
                ".o_cs_overview_graph:contains('Complaints per Month by Category')",
            run: "click",
        },
        {
            trigger: ".o_graph_view",
        },
    ],
});
