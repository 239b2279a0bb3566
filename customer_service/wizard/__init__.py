from . import customer_service_handover
from . import survey_invite
