from . import report_complaint_summary
from . import report_credit_application
from . import report_survey
