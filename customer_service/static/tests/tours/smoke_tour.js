import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("customer_service_smoke_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Customer Service app from the home menu",
            trigger:
                ".o_app[data-menu-xmlid='customer_service.customer_service_menu_root']",
            run: "click",
        },
        {
            content: "The app is open on its first view",
            trigger: ".o_main_navbar .o_menu_brand:contains('Customer Service')",
        },
        {
            trigger: ".o_action_manager .o_view_controller",
        },
    ],
});
