"""Template helpers: vocabulary labels and choices in the reader's language, country names."""

from functools import cache

from babel import Locale

from tracker.core import vocab
from tracker.core.i18n import current_language
from tracker.core.vocab import COUNTRY_CODES

# Shown first in country lists: the Arab states the first users work in.
ARAB_STATES = ("YE", "LY", "OM", "SA", "AE", "BH", "QA", "KW", "IQ", "SY", "LB", "JO", "PS", "EG", "SD",
               "TN", "DZ", "MA", "MR", "SO", "DJ", "KM")  # fmt: skip
VOCABULARIES = (
    "DATE_PRECISIONS", "GEO_PRECISIONS", "VERIFICATION", "CASE_STATUS", "IMPUNITY", "WORKFLOW_STATUS",
    "PERPETRATOR_TYPES", "GENDERS", "PROFESSIONS", "MEDIA_TYPES", "OUTCOMES", "ROLES_IN_INCIDENT",
    "STATUS_EVENTS", "ROLES",
)  # fmt: skip


def vocab_label(name: str, code: str | None) -> str:
    if name not in VOCABULARIES or code is None or code == "":
        return ""
    return vocab.label(getattr(vocab, name), code, current_language()) or code


def vocab_options(name: str) -> list[tuple[str, str]]:
    lang = current_language()
    return [(code, vocab.label(getattr(vocab, name), code, lang)) for code in getattr(vocab, name)]


@cache
def _countries(lang: str) -> tuple[tuple[str, str], ...]:
    names = Locale(lang).territories
    first = [(c, names.get(c, c)) for c in ARAB_STATES]
    # codes without a name in this language (e.g. reserved ones) are left out of the list
    rest = sorted(
        ((c, names[c]) for c in COUNTRY_CODES if c not in ARAB_STATES and c in names), key=lambda p: p[1]
    )
    return tuple(first + rest)


def country_options() -> tuple[tuple[str, str], ...]:
    return _countries(current_language())


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return Locale(current_language()).territories.get(code, code)


def violation_label(labels: dict, code: str) -> str:
    """Label of a taxonomy code from ``queries.violation_labels()`` (admin-edited)."""
    en, ar, _parent = labels.get(code, (code, code, None))
    return ar if current_language() == "ar" else en


HELPERS = {
    "vocab_label": vocab_label,
    "vocab_options": vocab_options,
    "country_options": country_options,
    "country_name": country_name,
    "violation_label": violation_label,
    "ARAB_STATES": ARAB_STATES,
}
