from . import customer_service_calendar_load
