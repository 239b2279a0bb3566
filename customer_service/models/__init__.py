from . import engine
from . import archive
from . import visit
from . import survey
from . import complaint
from . import credit
from . import app
