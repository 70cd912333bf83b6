"""Dates in an article, resolved against its publication date, with their precision.

Absolute dates (16 مارس 2024, 16/3/2024, March 16, 2024), Hijri dates (20 جمادى الآخرة 1445هـ),
and relative ones (أمس، اليوم السبت، الثلاثاء الماضي، الشهر الجاري، الأسبوع الماضي، منذ عامين;
yesterday, on Monday, last week, two years ago). A relative date without a publication date
is not resolved. Precision is what the words say: a day, a week, a month or a year.
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Hijri

from tracker.intake.text import pattern

MONTHS = {
    # Gregorian month names (Egyptian/Gulf and Levantine/Iraqi), then English
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12, "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8,
    "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4, "جمادى الأولى": 5,
    "جمادى الاولى": 5, "جمادى الأول": 5, "جمادى الآخرة": 6, "جمادى الاخرة": 6, "جمادى الثانية": 6, "رجب": 7,
    "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}  # fmt: skip
WEEKDAYS = {
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5,
    "الأحد": 6, "الاحد": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "عام": 1, "سنة": 1, "عامين": 2, "سنتين": 2, "شهر": 1, "شهرين": 2, "أسبوع": 1, "أسبوعين": 2, "يوم": 1, "يومين": 2,
    "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7,
    "ثمانية": 8, "عشرة": 10, "عشر": 10, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "ten": 10,
}  # fmt: skip


def _table(words: dict) -> dict:
    return {pattern(k): v for k, v in words.items()}


_MONTHS, _HIJRI, _WEEKDAYS, _NUMBERS = (
    _table(MONTHS),
    _table(HIJRI_MONTHS),
    _table(WEEKDAYS),
    _table(NUMBER_WORDS),
)


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_M, _H, _W = _alt(_MONTHS), _alt(_HIJRI), _alt(_WEEKDAYS)
_B = r"(?<![\w])"
_E = r"(?![\w])"
_P = r"(?:و|ف)?(?:ب|ل)?"  # Arabic prefixes on a word


@dataclass(frozen=True)
class Found:
    value: date
    precision: str  # day | week | month | year
    start: int
    end: int
    relative: bool = False


def _rx(source: str) -> re.Pattern:
    return re.compile(pattern(source))


_RULES: list[tuple[str, re.Pattern]] = [
    ("hijri", _rx(rf"{_B}(\d{{1,2}}) (?:من )?({_H}) (?:(?:من )?(?:عام|سنة) )?(\d{{4}})\s*(?:هـ|ه|هجري\w*)?{_E}")),
    ("dmy", _rx(rf"{_B}(\d{{1,2}}) (?:من )?(?:شهر )?({_M}),? (?:(?:من )?(?:عام|العام|سنة) )?(\d{{4}}){_E}")),
    ("mdy", _rx(rf"{_B}({_M})\.? (\d{{1,2}}),? (\d{{4}}){_E}")),
    ("numeric", re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])")),
    ("iso", re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")),
    ("dm", _rx(rf"{_B}(\d{{1,2}}) (?:من )?(?:شهر )?({_M}){_E}")),
    ("md", _rx(rf"{_B}(?:on )?({_M})\.? (\d{{1,2}})(?:st|nd|rd|th)?{_E}")),
    ("my", _rx(rf"{_B}{_P}(?:شهر )?({_M}),? (?:(?:من )?(?:عام|العام|سنة) )?(\d{{4}}){_E}")),
    ("month_past", _rx(rf"{_B}{_P}(?:شهر )?({_M}) (?:الماضي|المنصرم|الفائت|last){_E}|{_B}(?:last|in|since|earlier in) ({_M}){_E}")),
    ("day_before_yesterday", _rx(rf"{_B}{_P}(?:أمس الأول|اول أمس|أول من أمس|the day before yesterday){_E}")),
    ("yesterday", _rx(rf"{_B}{_P}(?:أمس|البارحة|yesterday|last night)(?: ({_W}))?{_E}")),
    ("today", _rx(rf"{_B}{_P}(?:(?:صباح|مساء|ظهر|فجر|عصر|ليلة) )?(?:اليوم|today|this morning|tonight|earlier today)(?: ({_W}))?{_E}")),
    ("weekday", _rx(rf"{_B}{_P}(?:(?:يوم|صباح|مساء|ظهر|فجر|عصر|ليلة|on|last|this|late|early) )?({_W})(?: (?:الماضي|المنصرم|الفائت|morning|night|evening|afternoon))?{_E}")),
    ("this_month", _rx(rf"{_B}{_P}(?:الشهر الجاري|الشهر الحالي|هذا الشهر|مطلع الشهر|منتصف الشهر|أواخر الشهر|this month|earlier this month){_E}")),
    ("last_month", _rx(rf"{_B}{_P}(?:الشهر الماضي|الشهر المنصرم|الشهر الفائت|last month){_E}")),
    ("this_week", _rx(rf"{_B}{_P}(?:الأسبوع الجاري|الأسبوع الحالي|هذا الأسبوع|this week|earlier this week){_E}")),
    ("last_week", _rx(rf"{_B}{_P}(?:الأسبوع الماضي|الأسبوع المنصرم|الأسبوع الفائت|last week){_E}")),
    ("last_year", _rx(rf"{_B}{_P}(?:العام الماضي|السنة الماضية|العام المنصرم|last year){_E}")),
    ("this_year", _rx(rf"{_B}{_P}(?:العام الجاري|العام الحالي|هذا العام|this year|earlier this year){_E}")),
    ("ago", _rx(rf"{_B}(?:منذ|قبل) (?:(\d+|{_alt(_NUMBERS)}) )?(أيام|يوم|يومين|أسبوع|أسابيع|أسبوعين|شهر|أشهر|شهور|شهرين|عام|أعوام|سنة|سنوات|سنين|عامين|سنتين){_E}"
                  rf"|{_B}(\d+|{_alt(_NUMBERS)}) (days?|weeks?|months?|years?) ago{_E}")),
]  # fmt: skip


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _last_weekday(published: date, weekday: int, strictly_before: bool) -> date:
    delta = (published.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return published - timedelta(days=delta)


def _month_before(day: date, months: int = 1) -> date:
    year, month = day.year, day.month - months
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


def _guess_year(month: int, day: int, published: date | None) -> date | None:
    """A day and month without a year: the latest such date not after publication."""
    if published is None:
        return None
    found = _safe(published.year, month, day)
    if found and found > published + timedelta(days=1):
        found = _safe(published.year - 1, month, day)
    return found


def _unit_amount(groups) -> tuple[int, str] | None:
    number, unit, number_en, unit_en = groups
    if unit_en:
        amount = int(number_en) if number_en.isdigit() else _NUMBERS.get(number_en, 1)
        return amount, unit_en.rstrip("s")
    amount = int(number) if number and number.isdigit() else _NUMBERS.get(number or "", 0)
    if not amount:
        amount = _NUMBERS.get(unit, 1)  # "منذ عامين": the unit carries the number
    for kind, words in (("day", "ايام يوم يومين"), ("week", "اسبوع اسابيع اسبوعين"), ("month", "شهر اشهر شهور شهرين"),
                        ("year", "عام اعوام سنه سنوات سنين عامين سنتين")):  # fmt: skip
        if unit in words.split():
            return amount, kind
    return None


def _resolve(kind: str, m: re.Match, published: date | None) -> tuple[date, str] | None:
    g = m.groups()
    if kind == "hijri":
        try:
            return date(*Hijri(int(g[2]), _HIJRI[g[1]], int(g[0])).to_gregorian().datetuple()), "day"
        except (ValueError, OverflowError):
            return None
    if kind == "dmy":
        found = _safe(int(g[2]), _MONTHS[g[1]], int(g[0]))
        return (found, "day") if found else None
    if kind == "mdy":
        found = _safe(int(g[2]), _MONTHS[g[0]], int(g[1]))
        return (found, "day") if found else None
    if kind == "numeric":
        found = _safe(int(g[2]), int(g[1]), int(g[0]))
        return (found, "day") if found else None
    if kind == "iso":
        found = _safe(int(g[0]), int(g[1]), int(g[2]))
        return (found, "day") if found else None
    if kind == "dm":
        found = _guess_year(_MONTHS[g[1]], int(g[0]), published)
        return (found, "day") if found else None
    if kind == "md":
        found = _guess_year(_MONTHS[g[0]], int(g[1]), published)
        return (found, "day") if found else None
    if kind == "my":
        return date(int(g[1]), _MONTHS[g[0]], 1), "month"
    if published is None:
        return None
    if kind == "month_past":
        month = _MONTHS[g[0] or g[1]]
        year = published.year if month <= published.month else published.year - 1
        return date(year, month, 1), "month"
    if kind == "day_before_yesterday":
        return published - timedelta(days=2), "day"
    if kind == "yesterday":
        return published - timedelta(days=1), "day"
    if kind == "today":
        return published, "day"
    if kind == "weekday":
        past = bool(re.search(pattern("الماضي|المنصرم|الفائت|last"), m.group(0)))
        return _last_weekday(published, _WEEKDAYS[g[0]], past), "day"
    if kind == "this_month":
        return published.replace(day=1), "month"
    if kind == "last_month":
        return _month_before(published), "month"
    if kind == "this_week":
        return published - timedelta(days=published.weekday() % 7), "week"
    if kind == "last_week":
        return published - timedelta(days=7), "week"
    if kind == "last_year":
        return date(published.year - 1, 1, 1), "year"
    if kind == "this_year":
        return date(published.year, 1, 1), "year"
    if kind == "ago":
        amount = _unit_amount(g)
        if amount is None:
            return None
        n, unit = amount
        if unit == "day":
            return published - timedelta(days=n), "day" if n <= 2 else "week"
        if unit == "week":
            return published - timedelta(days=7 * n), "week"
        if unit == "month":
            return _month_before(published, n), "month"
        return date(published.year - n, 1, 1), "year"
    return None


def find_dates(
    text: str, start: int = 0, end: int | None = None, published: date | None = None
) -> list[Found]:
    """Dates in ``text[start:end]`` (normalised text), in reading order; overlapping matches: longest kept."""
    end = len(text) if end is None else end
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, regex in _RULES:
        for m in regex.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None or resolved[0] is None:
                continue
            taken.append((m.start(), m.end()))
            relative = kind not in ("hijri", "dmy", "mdy", "numeric", "iso", "dm", "md", "my")
            found.append(Found(resolved[0], resolved[1], m.start(), m.end(), relative))
    return sorted(found, key=lambda f: f.start)


def month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])
