"""Template helpers: vocabulary labels and choices in the reader's language, country names."""

from datetime import date
from functools import cache

from babel import Locale
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from tracker.core import vocab
from tracker.core.i18n import current_language
from tracker.core.text import has_arabic, has_latin
from tracker.core.vocab import COUNTRY_CODES

# Shown first in country lists: the Arab states the first users work in.
ARAB_STATES = ("YE", "LY", "OM", "SA", "AE", "BH", "QA", "KW", "IQ", "SY", "LB", "JO", "PS", "EG", "SD",
               "TN", "DZ", "MA", "MR", "SO", "DJ", "KM")  # fmt: skip
VOCABULARIES = (
    "DATE_PRECISIONS", "GEO_PRECISIONS", "VERIFICATION", "CASE_STATUS", "IMPUNITY", "WORKFLOW_STATUS",
    "PERPETRATOR_TYPES", "GENDERS", "PROFESSIONS", "MEDIA_TYPES", "OUTCOMES", "ROLES_IN_INCIDENT",
    "STATUS_EVENTS", "ROLES",
)  # fmt: skip


def vocab_label(name: str, code: str | None, gender: str | None = None) -> str:
    """The label of ``code`` in the reader's language; with ``gender``, agreeing with the person
    it describes (give it only where the reader may see that gender)."""
    if name not in VOCABULARIES or code is None or code == "":
        return ""
    return vocab.person_label(name, code, current_language(), gender) or code


def vocab_options(name: str) -> list[tuple[str, str]]:
    lang = current_language()
    return [(code, vocab.label(getattr(vocab, name), code, lang)) for code in getattr(vocab, name)]


# In Babel's territories but not countries a case happens in: organisations, groupings, test
# codes, Antarctica and codes reserved outside ISO 3166-1 (still accepted as input).
NOT_LISTED = frozenset(("EU", "EZ", "UN", "QO", "XA", "XB", "AQ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"))


@cache
def _countries(lang: str, first_codes: tuple[str, ...] = ARAB_STATES) -> tuple[tuple[str, str], ...]:
    names = Locale(lang).territories
    first = [(c, names.get(c, c)) for c in first_codes]
    # codes without a name in this language (e.g. reserved ones) are left out of the list
    rest = sorted(
        ((c, names[c]) for c in COUNTRY_CODES - NOT_LISTED if c not in first_codes and c in names),
        key=lambda p: p[1],
    )
    return tuple(first + rest)


def country_options(first=None) -> tuple[tuple[str, str], ...]:
    """Countries for a list: ``first`` (e.g. the countries that have cases, in name order) at
    the top, otherwise the Arab states; then every other country by name."""
    if first is None:
        return _countries(current_language())
    names = Locale(current_language()).territories
    ordered = tuple(sorted((c for c in first if c in names), key=lambda c: names[c]))
    return _countries(current_language(), ordered)


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return Locale(current_language()).territories.get(code, code)


def violation_label(labels: dict, code: str) -> str:
    """Label of a taxonomy code from ``queries.violation_labels()`` (admin-edited)."""
    en, ar, _parent = labels.get(code, (code, code, None))
    return ar if current_language() == "ar" else en


def isolate(value) -> Markup:
    """A user-entered or data string inside the page's text, isolated (``<bdi>``) so that its own
    direction cannot reorder the words and brackets around it ("Non-state armed group (جماعة
    الحوثي (أنصار الله))"). Text in the other script than the page's is marked with its language
    (screen readers, and the pages' language checks, know it is data, not an untranslated label)."""
    if value is None or value == "":
        return Markup("")
    text = str(value)
    lang = "ar" if has_arabic(text) else "en" if has_latin(text) else None
    if lang is None or lang == current_language():
        return Markup("<bdi>{}</bdi>").format(text)
    return Markup('<bdi lang="{}" dir="{}">{}</bdi>').format(lang, "rtl" if lang == "ar" else "ltr", text)


def lang_of(value) -> Markup:
    """The ``lang``/``dir`` attributes for an element holding only data (an ``<option>``, which
    cannot hold a ``<bdi>``) whose text is in the other language than the page's; else nothing."""
    text = str(value or "")
    lang = "ar" if has_arabic(text) else "en" if has_latin(text) else None
    if lang is None or lang == current_language():
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(lang, "rtl" if lang == "ar" else "ltr")


def pick(text_ar, text_en) -> Markup:
    """The text in the reader's language; the other one, isolated and marked, when it is all there is."""
    ar, en = (text_ar or "").strip(), (text_en or "").strip()
    own, other = (ar, en) if current_language() == "ar" else (en, ar)
    if own or not other:
        return isolate(own)
    mark = _("(in Arabic only)") if current_language() == "en" else _("(in English only)")
    return isolate(other) + Markup(' <small class="fallback">{}</small>').format(mark)


_DATE_FORMATS = {"day": "medium", "week": "medium", "month": "MMMM y", "year": "y"}


def local_date(value, precision: str | None = "day", day_format: str = "medium") -> str:
    """A date (or its ISO text) as the reader's locale writes it, no finer than it is known
    (``day_format``: how a date known to the day is written)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    found = _DATE_FORMATS.get(precision or "day", "medium")
    return format_date(value, day_format if found == "medium" else found)


def language_name(code: str) -> str:
    """ "Arabic" / "العربية": a language named in the reader's language."""
    return Locale(current_language()).languages.get(code, code)


HELPERS = {
    "pick": pick,
    "language_name": language_name,
    "local_date": local_date,
    "vocab_label": vocab_label,
    "vocab_options": vocab_options,
    "country_options": country_options,
    "country_name": country_name,
    "violation_label": violation_label,
    "ARAB_STATES": ARAB_STATES,
}
