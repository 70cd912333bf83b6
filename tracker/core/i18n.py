"""Locale selection and translation of validation messages.

Pages: ``?lang=`` (remembered in the session), then the logged-in user's preference, then
Accept-Language, then the default (Arabic). API: ``?lang=``, then Accept-Language, then Arabic.
"""

import re

from flask import current_app, has_request_context, request, session
from flask_babel import get_locale, gettext
from flask_login import current_user


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default
    requested = request.args.get("lang")
    if requested in languages:
        if not request.path.startswith("/api/") and session.get("lang") != requested:
            session["lang"] = requested  # the language switch sticks for later pages
        return requested
    if request.path.startswith("/api/"):  # API clients say what they want, whoever they are
        return request.accept_languages.best_match(languages) or default
    if session.get("lang") in languages:
        return session["lang"]
    user = getattr(current_user, "_get_current_object", lambda: None)()
    if user is not None and getattr(user, "is_authenticated", False) and user.locale in languages:
        return user.locale
    return request.accept_languages.best_match(languages) or default


# Messages produced by marshmallow/webargs with values inside. Each English template maps to a
# msgid in the catalogs; the values are carried over into the translation.
_TEMPLATES = [
    "Must be one of: {choices}.",
    "Longer than maximum length {max}.",
    "Shorter than minimum length {min}.",
    "Length must be between {min} and {max}.",
    "Must be greater than or equal to {min} and less than or equal to {max}.",
    "Must be greater than or equal to {min}.",
    "Must be less than or equal to {max}.",
]


def _template_regex(template: str) -> re.Pattern:
    parts = re.split(r"(\{\w+\})", template)
    pattern = "".join(f"(?P<{p[1:-1]}>.+?)" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{pattern}$", re.S)


_TEMPLATE_PATTERNS = [(t, _template_regex(t)) for t in _TEMPLATES]


def translate_message(message: str) -> str:
    for template, pattern in _TEMPLATE_PATTERNS:
        match = pattern.match(message)
        if match:
            py_template = re.sub(r"\{(\w+)\}", r"%(\1)s", template)
            return gettext(py_template, **match.groupdict())
    return gettext(message)


def translate_errors(errors):
    """Translate every message in a (possibly nested) marshmallow error structure."""
    if isinstance(errors, dict):
        return {key: translate_errors(value) for key, value in errors.items()}
    if isinstance(errors, list | tuple):
        return [translate_errors(value) for value in errors]
    if isinstance(errors, str):
        return translate_message(errors)
    return errors


def current_language() -> str:
    """'ar' or 'en' for the current request."""
    locale = get_locale()
    return locale.language if locale else "ar"
