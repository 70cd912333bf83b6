"""Likely duplicates: the same journalist, overlapping dates (within their precision), the same
country and governorate, and overlapping violation types.

Names are compared by a consonant skeleton that is the same for an Arabic name and its Latin
transliterations (``tracker.core.names.name_key``, shared with the protected-name guard).
"""

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from tracker.cases.taxonomy import parent_code
from tracker.core.names import name_key, tokens
from tracker.core.text import normalise

_DIGIT_RUNS = re.compile(r"\d+")


@lru_cache(maxsize=1 << 14)  # asked of the same two names for each pair of their cases
def names_differ(a: str, b: str) -> bool:
    """True when two names with the same skeleton are still two people: other numbers in them
    (``محمد علي 2``), a given name made of vowels only that one name lacks (``Aya Saleh``,
    ``Saleh``), or a short given name spelt with other vowels in the same script (Ali, Ola)."""
    if _DIGIT_RUNS.findall(normalise(a)) != _DIGIT_RUNS.findall(normalise(b)):
        return True
    ta, tb = tokens(a), tokens(b)
    if len(ta) != len(tb):  # "Abdulrahman" / "Abdul Rahman" only: no word may vanish in the skeleton
        return any(len(t) < 2 for _w, t in ta + tb)
    for (wa, ka), (wb, kb) in zip(ta, tb, strict=True):
        if ka != kb and ka.rstrip("h") != kb.rstrip("h"):
            return True
        if len(ka) < 2 and wa.isascii() == wb.isascii() and wa != wb:
            return True
    return False


def date_range(start: date, end: date | None, precision: str) -> tuple[date, date]:
    """The days the incident may have happened on, given how precisely its date is known."""
    end = end or start
    if precision == "year":
        return date(start.year, 1, 1), date(end.year, 12, 31)
    if precision == "month":
        return start.replace(day=1), end.replace(day=monthrange(end.year, end.month)[1])
    if precision == "week":
        return start - timedelta(days=6), end + timedelta(days=6)
    return start, end


@dataclass
class Candidate:
    """What the comparison needs of one incident (stored, or a record about to be imported)."""

    key: str  # incident id as text, or the import reference
    label: str  # what to show: public reference or file reference
    country: str
    admin1: str
    start: date
    end: date
    roots: frozenset
    names: dict[str, str] = field(default_factory=dict)  # name skeleton -> name as written
    incident_id: int | None = None


def candidate(
    key, label, country, admin1, start, end, precision, codes, names, incident_id=None
) -> Candidate:
    first, last = date_range(start, end, precision or "day")
    skeletons = {}
    for name in names:
        if name and len(k := name_key(name)) >= 3:
            skeletons.setdefault(k, name)
    roots = frozenset(parent_code(c) or c for c in codes)
    return Candidate(key, label, country, normalise(admin1), first, last, roots, skeletons, incident_id)


@dataclass
class Match:
    other: Candidate
    reasons: list[tuple[str, str]]  # (reason code, detail)


class Index:
    """Candidates by (country, name skeleton, year), so each lookup looks at a handful of incidents."""

    def __init__(self):
        self.by_name: dict[tuple[str, str, int], list[Candidate]] = {}

    def add(self, c: Candidate) -> None:
        for skeleton in c.names:
            for year in range(c.start.year, c.end.year + 1):
                self.by_name.setdefault((c.country, skeleton, year), []).append(c)

    def find(self, c: Candidate) -> list[Match]:
        found: dict[str, Match] = {}
        for skeleton, name in c.names.items():
            for other in self._near(c, skeleton):
                if other.key == c.key or other.key in found:
                    continue
                reasons = compare(c, other, skeleton, name)
                if reasons:
                    found[other.key] = Match(other, reasons)
        return list(found.values())

    def _near(self, c: Candidate, skeleton: str):
        seen = set()
        for year in range(c.start.year, c.end.year + 1):
            for other in self.by_name.get((c.country, skeleton, year), ()):
                if id(other) not in seen:
                    seen.add(id(other))
                    yield other


def compare(a: Candidate, b: Candidate, skeleton: str, name: str) -> list[tuple[str, str]] | None:
    """The reasons ``a`` and ``b`` look like one incident, or None when they do not."""
    if a.start > b.end or b.start > a.end:
        return None
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None
    shared = sorted(a.roots & b.roots)
    if not shared or names_differ(name, b.names[skeleton]):
        return None
    # the two names as written (the skeleton they share means nothing to a reader)
    reasons = [("journalist", f"{name} ~ {b.names[skeleton]}"), ("dates", f"{b.start} – {b.end}"),
               ("place", b.country + (f" / {b.admin1}" if b.admin1 and a.admin1 else "")),
               ("types", ", ".join(shared))]  # fmt: skip
    return reasons
