from . import customer_service_credit_override
