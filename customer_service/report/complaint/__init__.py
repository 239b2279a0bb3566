from . import report_complaint_summary
