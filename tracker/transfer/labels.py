"""Codes, or their Arabic or English labels, back to codes (``قتل``, ``Killing``, ``L1`` -> L1).

Every key goes through ``tracker.core.text.normalise``, so spelling variants, case and
diacritics do not matter. A label made of alternatives (``اعتقال / احتجاز تعسفي``) also matches
each alternative alone when no other entry of its vocabulary uses it.
"""

from collections import Counter
from functools import cache

from babel import Locale

from tracker.cases.taxonomy import VIOLATION_TYPES
from tracker.core import vocab
from tracker.core.text import normalise
from tracker.core.vocab import COUNTRY_CODES

_TRUE = ("1", "yes", "y", "true", "x", "نعم", "صح", "✓")
_FALSE = ("0", "no", "n", "false", "لا", "خطا")
VOCABULARIES = {
    "violation_types": {code: (en, ar) for code, en, ar in VIOLATION_TYPES},
    "date_precision": vocab.DATE_PRECISIONS,
    "geo_precision": vocab.GEO_PRECISIONS,
    "public_geo_precision": vocab.GEO_PRECISIONS,
    "perpetrator_types": vocab.PERPETRATOR_TYPES,
    "victim_gender": vocab.GENDERS,
    "victim_profession": vocab.PROFESSIONS,
    "victim_media_type": vocab.MEDIA_TYPES,
    "victim_outcome": vocab.OUTCOMES,
    "victim_role": vocab.ROLES_IN_INCIDENT,
    "verification": vocab.VERIFICATION,
    "workflow_status": vocab.WORKFLOW_STATUS,
    "case_status": vocab.CASE_STATUS,
    "impunity": vocab.IMPUNITY,
    "status_event": vocab.STATUS_EVENTS,
}


# Short names monitors write for a violation type (the taxonomy's labels are longer).
ALIASES = {
    "violation_types": {
        "تهديد": "I3",
        "ترهيب": "I3",
        "تحريض": "I3",
        "threat": "I3",
        "threats": "I3",
        "intimidation": "I3",
        "اعتداء": "I2",
        "ضرب": "I2",
        "assault": "I2",
        "احتجاز": "F4",
        "اعتقال تعسفي": "F4",
        "arrest": "F4",
        "detention": "F4",
        "اختطاف": "F1",
        "abduction": "F1",
        "kidnapping": "F1",
        "قتل": "L1",
        "اغتيال": "L1.1",
        "حجب": "C1",
        "حجب موقع": "C1",
        "blocking": "C1",
        "اقتحام": "P3",
        "اقتحام مقر": "P3",
        "اقتحام مكتب": "P3",
        "مداهمة": "P3",
        "مداهمة مقر": "P3",
        "إحراق مقر": "P3",
        "منع من التغطية": "C4",
        "منع تغطية": "C4",
        "منع من السفر": "C5",
        "اعتقال": "F4",
        "سجن": "F4.2",
        "إخفاء": "F2",
        "إخفاء قسري": "F2",
        "إصابة": "I2",
        "شروع في القتل": "L2",
        "محاولة اغتيال": "L2",
        "اختراق": "D1",
        "تهديد بالتصفية": "I3.1",
        "raid": "P3",
        "مصادرة": "P1",
        "نهب": "P1",
        "إغلاق": "C2",
        "closure": "C2",
        "محاكمة": "F5",
        "استدعاء": "F5",
        "summons": "F5",
        "فصل تعسفي": "E1",
        "تشهير": "I5",
        "smear": "I5",
        "تعذيب": "I1",
        "torture": "I1",
    },
}


@cache
def _table(field: str) -> dict[str, str]:
    entries = VOCABULARIES[field]
    table: dict[str, str] = {}
    parts: Counter = Counter()
    pending = []
    for code, (en, ar) in entries.items():
        for text in (code, en, ar):
            table.setdefault(normalise(text), code)
        table.setdefault(normalise(code.replace("_", " ")), code)
        for text in (en, ar):
            for part in text.replace("(", "/").replace(")", "/").replace("،", "/").split("/"):
                if key := normalise(part):
                    parts[key] += 1
                    pending.append((key, code))
    for key, code in pending:
        if parts[key] == 1:
            table.setdefault(key, code)
    for alias, code in ALIASES.get(field, {}).items():
        table.setdefault(normalise(alias), code)
    return table


def code_for(field: str, value: str) -> str | None:
    """The code of ``value`` in the vocabulary of ``field``; None when it is not one."""
    return _table(field).get(normalise(value))


@cache
def _countries() -> dict[str, str]:
    table = {code.casefold(): code for code in COUNTRY_CODES}
    for language in ("en", "ar"):
        for code, name in Locale(language).territories.items():
            if code in COUNTRY_CODES:
                table.setdefault(normalise(name), code)
    return table


def country_code(value: str) -> str | None:
    """An ISO code from a code or an Arabic or English country name (``اليمن``, ``Yemen``, ``ye``)."""
    return _countries().get(normalise(value))


def boolean(value) -> bool | None:
    """True / False for yes-no cells in either language; None when it is neither."""
    if isinstance(value, bool):
        return value
    key = normalise(str(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None
