from . import customer_service_grade
from . import res_partner
