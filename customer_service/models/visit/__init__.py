from . import res_company
from . import customer_service_visit
from . import customer_service_visit_expense
from . import res_config_settings
from . import res_partner
