from . import customer_service_handover
from . import survey_invite
from . import customer_service_complaint_transfer
from . import customer_service_complaint_reject
from . import customer_service_handover_complaint
from . import customer_service_credit_override
from . import customer_service_calendar_load
from . import customer_service_complaint_case_file
