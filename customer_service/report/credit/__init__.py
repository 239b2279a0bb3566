from . import report_credit_application
