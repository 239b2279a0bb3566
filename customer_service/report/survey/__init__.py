from . import report_survey
