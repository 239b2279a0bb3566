from . import customer_service_complaint_transfer
from . import customer_service_complaint_reject
from . import customer_service_handover
from . import customer_service_complaint_case_file
