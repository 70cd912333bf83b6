"""Flask extensions, created unbound and bound to the app in ``create_app``."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from tracker.core import ratelimit  # noqa: F401  (registers the limiter's in-process storage)
from tracker.core.db import Base


class TrackerApi(Api):
    """flask-smorest Api whose errors are rendered by ``tracker.core.errors``.

    The stock handler is registered for every HTTPException in the app (HTML pages
    included) and nests field errors by request location; ours does neither.
    """

    def _register_error_handlers(self):
        pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address)
api = TrackerApi()
