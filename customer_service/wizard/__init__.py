from . import customer_service_handover
from . import customer_service_credit_override
