"""Codes, or their Arabic or English labels, back to codes (``قتل``, ``Killing``, ``L1`` -> L1).

Every key goes through ``tracker.core.text.normalise``, so spelling variants, case and
diacritics do not matter. A label made of alternatives (``اعتقال / احتجاز تعسفي``) also matches
each alternative alone when no other entry of its vocabulary uses it.
"""

from collections import Counter
from functools import cache

from babel import Locale
from flask_babel import gettext as _

from tracker.cases.taxonomy import VIOLATION_TYPES
from tracker.core import vocab
from tracker.core.i18n import current_language
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

# the vocabularies whose labels have a woman's form too (``vocab.FEMININE_AR``)
_VOCABULARY_NAMES = {"victim_outcome": "OUTCOMES"}

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
        "arbitrary detention": "F4",
        "arbitrary arrest": "F4",
        "raid on premises": "P3",
        "raid on media premises": "P3",
        "اعتداء جسدي": "I2",
        "physical assault": "I2",
    },
    # Professions as monitors write them: feminine forms, synonyms, the usual English words.
    "victim_profession": {
        "صحفية": "journalist",
        "صحافي": "journalist",
        "صحافية": "journalist",
        "مراسلة": "journalist",
        "إعلامي": "journalist",
        "إعلامية": "journalist",
        "reporter": "journalist",
        "correspondent": "journalist",
        "مصور صحفي": "photographer",
        "مصورة صحفية": "photographer",
        "مصورة فوتوغرافية": "photographer",
        "photojournalist": "photographer",
        "مصورة تلفزيونية": "camera_operator",
        "مصور فيديو": "camera_operator",
        "مصورة فيديو": "camera_operator",
        "cameraman": "camera_operator",
        "camerawoman": "camera_operator",
        "videographer": "camera_operator",
        "مذيع": "presenter",
        "مذيعة": "presenter",
        "مقدمة برامج": "presenter",
        "محررة": "editor",
        "رئيسة تحرير": "editor_in_chief",
        "كاتب": "columnist",
        "كاتبة": "columnist",
        "كاتبة رأي": "columnist",
        "مدونة": "blogger",
        "ناشط إعلامي": "blogger",
        "ناشطة إعلامية": "blogger",
        "صحفي مواطن": "blogger",
        "صحفية مواطنة": "blogger",
        "مخرجة": "filmmaker",
        "سائق": "media_worker",
        "فني": "media_worker",
        "منسق": "media_worker",
        "fixer": "media_worker",
        "صحفي مستقل": "journalist",
        "صحفية مستقلة": "journalist",
        "freelance journalist": "journalist",
        "كاتب صحفي": "columnist",
        "كاتبة صحفية": "columnist",
        "مدير قناة": "editor_in_chief",
        "مديرة قناة": "editor_in_chief",
        "مدير تحرير": "editor",
        "مديرة تحرير": "editor",
        "broadcaster": "presenter",
        "anchor": "presenter",
    },
    # What happened to a victim as lists say it: the state (محتجز، مختطفة); the verb for a woman
    # is the vocabulary's own (``vocab.FEMININE_AR``, read by ``_table``).
    "victim_outcome": {
        "قتيل": "killed",
        "قتيلة": "killed",
        "مقتول": "killed",
        "شهيد": "killed",
        "استشهد": "killed",
        "اغتيل": "killed",
        "اغتيلت": "killed",
        "مصاب": "injured",
        "مصابة": "injured",
        "جريح": "injured",
        "جريحة": "injured",
        "محتجز": "detained",
        "محتجزة": "detained",
        "معتقل": "detained",
        "معتقلة": "detained",
        "اعتقل": "detained",
        "اعتقلت": "detained",
        "سجين": "detained",
        "سجينة": "detained",
        "مسجون": "detained",
        "arrested": "detained",
        "مختطف": "abducted",
        "مختطفة": "abducted",
        "kidnapped": "abducted",
        "مخفي قسريا": "disappeared",
        "مخفية قسريا": "disappeared",
        "مختف قسريا": "disappeared",
        "مفرج عنه": "released",
        "مفرج عنها": "released",
        "أطلق سراحه": "released",
        "أطلق سراحها": "released",
        "freed": "released",
        "beaten": "assaulted",
        "مهدد": "threatened",
        "مهددة": "threatened",
        "محكوم": "sentenced",
        "محكوم عليه": "sentenced",
        "محكومة": "sentenced",
        "مفصول": "dismissed",
        "ممنوع من العمل": "prevented",
        "مخفي قسرا": "disappeared",
        "مخفية قسرا": "disappeared",
        "مطلق سراحه": "released",
        "مطلق سراحها": "released",
        "لا يزال محتجزا": "detained",
        "لا تزال محتجزة": "detained",
        "ما زال محتجزا": "detained",
        "ما زالت محتجزة": "detained",
        "تعرض للضرب": "assaulted",
        "تعرضت للضرب": "assaulted",
    },
}

# Professions and outcomes written for a woman: a victim whose gender is not given is a woman.
_FEMININE = (
    "صحفية", "صحافية", "مراسلة", "إعلامية", "مصورة", "مصورة صحفية", "مصورة فوتوغرافية", "مصورة تلفزيونية",
    "مصورة فيديو", "مذيعة", "مقدمة برامج", "محررة", "رئيسة تحرير", "كاتبة", "كاتبة رأي", "كاتبة صحفية",
    "مدونة", "ناشطة إعلامية", "صحفية مواطنة", "مخرجة", "صحفية مستقلة", "مديرة قناة", "مديرة تحرير",
    "camerawoman", "قتيلة", "اغتيلت", "مصابة", "جريحة", "محتجزة", "معتقلة", "اعتقلت", "سجينة", "مختطفة",
    "مخفية قسريا", "مخفية قسرا", "مفرج عنها", "أطلق سراحها", "مطلق سراحها", "تعرضت للضرب", "مهددة",
    "محكومة", "لا تزال محتجزة", "ما زالت محتجزة",
    *vocab.FEMININE_AR["OUTCOMES"].values(),  # the outcomes' labels for a woman (قُتلت، أُفرج عنها)
)  # fmt: skip
FEMININE = frozenset(normalise(w) for w in _FEMININE)


def feminine(value: str | None) -> bool:
    """Whether a profession or an outcome is written for a woman («صحفية», «مختطفة»)."""
    key = normalise(value)
    return key in FEMININE or _without_article(key) in FEMININE


# Words that name two entries of a vocabulary: taken as the first, with a warning naming the
# second (``guess``). «مصور» is a photographer or a television camera operator.
GUESSES = {
    "victim_profession": {
        "مصور": ("photographer", "camera_operator"),
        "مصورة": ("photographer", "camera_operator"),
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
    for code, text in vocab.FEMININE_AR.get(_VOCABULARY_NAMES.get(field), {}).items():
        table.setdefault(normalise(text), code)
    return table


def code_for(field: str, value: str) -> str | None:
    """The code of ``value`` in the vocabulary of ``field``; None when it is not one. Arabic
    words may carry the article («الصحفية»)."""
    table, key = _table(field), normalise(value)
    return table.get(key) or table.get(_without_article(key))


# columns sharing another's vocabulary
_VOCABULARY_OF = {"victim_outlet_media_type": "victim_media_type"}
LISTED_UP_TO = 20  # an unknown value's message lists the vocabulary when it is no longer


def field_of(column: str) -> str:
    """The vocabulary of a flat-form column."""
    return _VOCABULARY_OF.get(column, column)


def label_of(field: str, code: str) -> str:
    """The label of ``code`` in the reader's language."""
    return vocab.label(VOCABULARIES[field], code, current_language())


def unknown_value(field: str, value: str) -> str:
    """The message for a value that is no entry of ``field``: with the values to write instead."""
    codes = list(VOCABULARIES[field])
    if len(codes) > LISTED_UP_TO:
        return _("Unknown value: %(value)s", value=value)
    separator = "، " if current_language() == "ar" else ", "
    choices = separator.join(f"«{label_of(field, code)}»" for code in codes)
    return _("Unknown value: %(value)s. Write one of: %(choices)s.", value=value, choices=choices)


def guess(field: str, value: str) -> tuple[str, str] | None:
    """(code taken, the other code it may mean) for a word of ``GUESSES``."""
    key = _without_article(normalise(value))
    return {normalise(k): v for k, v in GUESSES.get(field, {}).items()}.get(key)


def _without_article(key: str) -> str:
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in key.split())


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
