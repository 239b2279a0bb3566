# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Service",
    "summary": "Complaints, customer visits, credit limits and satisfaction surveys "
    "run by the company's customer-management regulations",
    "version": "18.0.1.0.0",
    "category": "Sales/Customer Service",
    "author": "customer_service authors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "base_tier_validation",
        "calendar",
        "hr",
        "mail",
        "resource",
        "sale",
        "survey",
    ],
    "data": [
        "security/customer_service_security.xml",
        "security/customer_archive_security.xml",
        "security/visit_security.xml",
        "security/working_calendar_security.xml",
        "security/ir.model.access.csv",
        "data/customer_grade_data.xml",
        "data/visit_data.xml",
        "views/customer_service_calendar_exception_views.xml",
        "views/customer_service_grade_views.xml",
        "views/customer_service_visit_views.xml",
        "wizard/customer_service_handover_views.xml",
        "views/customer_service_menus.xml",
    ],
    "demo": [
        "demo/working_calendar_demo.xml",
        "demo/customer_archive_demo.xml",
        "demo/visit_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "customer_service/static/tests/tours/**/*",
        ],
    },
}
