# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Service",
    "summary": "Complaints, customer visits, credit limits and satisfaction surveys "
    "run by the company's customer-management regulations",
    "version": "18.0.1.0.0",
    "category": "Sales/Customer Service",
    "website": "https://github.com/customer-service-odoo/customer_service",
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
        "security/ir.model.access.csv",
        "views/customer_service_menus.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_tests": [
            "customer_service/static/tests/tours/**/*",
        ],
    },
}
