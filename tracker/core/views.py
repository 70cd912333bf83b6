"""Pages that belong to no domain: the health check (and the page language for every template).

The home page is the public map (tracker.public.views)."""

import sqlalchemy as sa
from flask import Blueprint
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from tracker.core.db import utcnow
from tracker.core.templating import HELPERS, isolate, lang_of
from tracker.extensions import db

blp = Blueprint("core", __name__)


blp.add_app_template_filter(isolate, "isolate")
blp.add_app_template_filter(lang_of, "lang_of")


@blp.app_context_processor
def page_language():
    """``lang`` and ``text_dir`` for every template (Arabic pages are right-to-left)."""
    locale = get_locale()
    lang = locale.language if locale else "ar"
    return {
        "lang": lang,
        "text_dir": "rtl" if lang == "ar" else "ltr",
        # Dates and numbers in the reader's locale.
        "format_date": format_date,
        "format_datetime": format_datetime,
        "format_number": format_decimal,
        "now": utcnow(),
        **HELPERS,
    }


@blp.route("/healthz")
def health():
    """200 when the database answers and accepts writes; 503 with the reason otherwise (a full
    disk, a read-only replica or file). The write probe is rolled back: nothing is kept."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        with db.session.begin_nested():  # a SAVEPOINT; an UPDATE is refused by a read-only
            # database (SQLite file, PostgreSQL standby or read-only transaction) even if it matches nothing
            db.session.execute(sa.text("UPDATE public_ref_counters SET last = last WHERE 1 = 0"))
    except sa.exc.SQLAlchemyError as exc:
        db.session.rollback()
        return {"status": "unavailable", "database": type(getattr(exc, "orig", exc)).__name__}, 503
    db.session.rollback()
    return {"status": "ok"}
