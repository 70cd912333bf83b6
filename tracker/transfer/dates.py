"""Dates as researchers type them, with the precision the form implies.

ISO (``2024-03-05``, ``2024-03``, ``2024``, also with ``/`` or ``.``), ``dd/mm/yyyy`` (also ``-``
or ``.``), and month names in English or Arabic (Levantine, Egyptian/Gulf and Maghrebi names, or
two of them as the press pairs them: ``آذار/مارس``), Arabic-Indic digits anywhere: ``5 March 2024``,
``March 2024``, ``٥ آذار ٢٠٢٤``, ``مارس ٢٠٢٤``, ``5 آذار/مارس 2024``.
"""

import re
from datetime import date, datetime

from tracker.core.text import normalise

_MONTHS = {
    1: ("january", "jan", "يناير", "كانون الثاني", "جانفي"),
    2: ("february", "feb", "فبراير", "شباط", "فيفري"),
    3: ("march", "mar", "مارس", "آذار"),
    4: ("april", "apr", "أبريل", "ابريل", "نيسان", "أفريل"),
    5: ("may", "مايو", "أيار", "ماي"),
    6: ("june", "jun", "يونيو", "يونيه", "حزيران", "جوان"),
    7: ("july", "jul", "يوليو", "يوليه", "تموز", "جويلية"),
    8: ("august", "aug", "أغسطس", "آب", "أوت"),
    9: ("september", "sep", "sept", "سبتمبر", "أيلول"),
    10: ("october", "oct", "أكتوبر", "تشرين الأول"),
    11: ("november", "nov", "نوفمبر", "تشرين الثاني"),
    12: ("december", "dec", "ديسمبر", "كانون الأول"),
}
MONTH_NAMES = {normalise(name): month for month, names in _MONTHS.items() for name in names}
_MONTH_ALTERNATIVES = "|".join(sorted((re.escape(n) for n in MONTH_NAMES), key=len, reverse=True))

_ISO = re.compile(r"^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_NAMED = re.compile(
    rf"^(?:(\d{{1,2}})\s+)?(?:من\s+)?({_MONTH_ALTERNATIVES})(?:\s*[/(]\s*({_MONTH_ALTERNATIVES})\s*\)?)?"
    rf"[\s,]+(?:عام\s+|سنه\s+)?(\d{{4}})$"
)
_NAMED_US = re.compile(rf"^({_MONTH_ALTERNATIVES})\s+(\d{{1,2}}),?\s+(\d{{4}})$")
_ARABIC_COMMA = str.maketrans({"،": ",", "\u200f": None, "\u200e": None})


class BadDate(ValueError):
    pass


def day_first(value) -> bool | None:
    """For a ``dd/mm/yyyy`` cell: True when only day-first reads it (13/03/2024), None when both
    orders could (05/03/2024: 5 March or May 3), False for any other form."""
    if not isinstance(value, str):
        return False
    m = _DMY.match(normalise(value))
    if not m:
        return False
    first, second = int(m.group(1)), int(m.group(2))
    if first > 12 >= second:
        return True
    return None if first != second and first <= 12 and second <= 12 else False


def parse_date(value) -> tuple[date, str] | None:
    """``(date, precision)`` for a cell value; None for an empty cell; ``BadDate`` otherwise.

    A month or a year alone gives the first day with precision ``month`` / ``year``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    text = normalise(str(value).translate(_ARABIC_COMMA)).rstrip("م").strip()  # "٢٠٢٤م"
    if not text:
        return None
    text = text.replace("00:00:00", "").strip()
    try:
        if m := _ISO.match(text):
            year, month, day = m.group(1), m.group(3), m.group(4)
            if day:
                return date(int(year), int(month), int(day)), "day"
            if month:
                return date(int(year), int(month), 1), "month"
            return date(int(year), 1, 1), "year"
        if m := _DMY.match(text):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), "day"
        if m := _MY.match(text):
            return date(int(m.group(2)), int(m.group(1)), 1), "month"
        if (m := _NAMED.match(text)) and (
            m.group(3) is None or MONTH_NAMES[m.group(3)] == MONTH_NAMES[m.group(2)]
        ):
            day, month, year = m.group(1), MONTH_NAMES[m.group(2)], int(m.group(4))
            return (date(year, month, int(day)), "day") if day else (date(year, month, 1), "month")
        if m := _NAMED_US.match(text):
            return date(int(m.group(3)), MONTH_NAMES[m.group(1)], int(m.group(2))), "day"
    except ValueError as exc:  # 31/02/2024
        raise BadDate(str(value)) from exc
    raise BadDate(str(value))
