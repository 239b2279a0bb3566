from . import survey
from . import complaint
from . import credit
