"""Messages produced by marshmallow and webargs (English in the library), listed here so
that message extraction puts them in the catalogs and ``translate_errors`` can translate them.

Templates with values (``{max}``...) are matched by ``tracker.core.i18n``; their msgids use
``%(name)s`` placeholders.
"""

from flask_babel import lazy_gettext as _l

LIBRARY_MESSAGES = (
    _l("Missing data for required field."),
    _l("Paste the text of the article."),
    _l("Unknown field."),
    _l("Invalid input type."),
    _l("Field may not be null."),
    _l("Invalid value."),
    _l("Invalid input."),
    _l("Invalid type."),
    _l("Invalid JSON body."),
    _l("Not a valid string."),
    _l("Not a valid utf-8 string."),
    _l("Not a valid integer."),
    _l("Not a valid number."),
    _l("Not a valid boolean."),
    _l("Not a valid date."),
    _l("Not a valid datetime."),
    _l("Not a valid list."),
    _l("Not a valid mapping type."),
    _l("Not a valid URL."),
    _l("Not a valid email address."),
    _l("Number too large."),
    _l("Special numeric values (nan or infinity) are not permitted."),
    _l("Contains characters that are not allowed."),
    _l("Not a valid ISO 3166-1 country code."),
    _l("Must be one of: %(choices)s."),
    _l("Longer than maximum length %(max)s."),
    _l("Shorter than minimum length %(min)s."),
    _l("Length must be between %(min)s and %(max)s."),
    _l("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
    _l("Must be greater than or equal to %(min)s."),
    _l("Must be less than or equal to %(max)s."),
    # schemas.geo
    _l("Give a place, a governorate or a country."),
)
