from . import customer_service_overview_tile
from . import customer_service_demo
