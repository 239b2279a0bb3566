"""Users of every role the addon serves, for suites that test as the role.

Logins are stable so that ``@users("cs_role_salesman")`` and friends work in any
suite that derives from :class:`RoleCase`.
"""

from odoo.tests import TransactionCase, new_test_user

# login suffix -> groups (comma-separated XML ids), one entry per role of SPEC §7
# plus the employees who never chose customer service but open Contacts daily.
ROLE_GROUPS = {
    "cs_user": "customer_service.group_customer_service_user",
    "cs_manager": "customer_service.group_customer_service_manager",
    "salesman": "sales_team.group_sale_salesman",
    "sale_manager": "sales_team.group_sale_manager",
    "credit_controller": "customer_service.group_customer_service_credit_controller",
    "credit_override": "customer_service.group_customer_service_credit_override,"
    "sales_team.group_sale_salesman",
    "approver_gm": "customer_service.group_customer_service_approver_gm",
    "approver_deputy_gm": "customer_service.group_customer_service_approver_deputy_gm",
    "approver_president": "customer_service.group_customer_service_approver_president",
    "approver_ceo": "customer_service.group_customer_service_approver_ceo",
    "auditor": "customer_service.group_customer_service_auditor",
    "employee": "base.group_user",
    "accountant": "account.group_account_invoice",
    "portal": "base.group_portal",
}


def role_login(role):
    return f"cs_role_{role}"


def office_calendar(env, name, morning=(8, 12), afternoon=(13, 17)):
    """A Monday-to-Friday calendar in Shanghai of the test's own: ids are never
    reused, so no cached day table of another test can leak in."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": "Asia/Shanghai",
            "attendance_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"{day} {period}",
                        "dayofweek": str(day),
                        "hour_from": start,
                        "hour_to": stop,
                        "day_period": period,
                    },
                )
                for day in range(5)
                for (start, stop), period in (
                    (morning, "morning"),
                    (afternoon, "afternoon"),
                )
            ],
        }
    )


class RoleCase(TransactionCase):
    """Creates one user per role; ``cls.users_by_role[role]`` gives the user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.users_by_role = {
            role: new_test_user(
                cls.env,
                role_login(role),
                groups=groups,
                name=role.replace("_", " ").title(),
            )
            for role, groups in ROLE_GROUPS.items()
        }
        cls.public_user = cls.env.ref("base.public_user")
