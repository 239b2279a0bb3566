from . import customer_service_handover
