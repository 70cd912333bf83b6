"""The local split of perpetrators in a country's section of the yearly report (Yemen: Houthi
authorities / government / Southern Transitional Council, as the Yemeni Journalists Syndicate
counts them), configured per country in a data file (``REPORT_LOCAL_GROUPS_PATH``, by default
``reports/data/local_groups.tsv``).

A named perpetrator is first identified as a known actor (tracker.intake.actors), so that its
spellings in either language ("Houthis", «جماعة الحوثي», "Ansar Allah") are one perpetrator; the
actor's names, or the recorded names when the actor is not known, then decide its local group.
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracker.intake import actors
from tracker.intake.text import Normalised

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "local_groups.tsv"


@dataclass(frozen=True)
class Group:
    country: str
    key: str
    name_en: str
    name_ar: str


@dataclass(frozen=True)
class Identity:
    """Who a recorded perpetrator name stands for: ``key`` is the same for every spelling of one
    known actor (its lexicon name), otherwise the normalised recorded name."""

    key: str
    name_en: str | None
    name_ar: str | None


@lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int, size: int) -> dict[str, list[tuple[Group, object]]]:
    with open(path, encoding="utf-8") as file:
        rows = csv.DictReader((line for line in file if not line.startswith("#")), delimiter="\t")
        groups: dict[str, list] = {}
        for row in rows:
            group = Group(
                row["country"].strip().upper(), row["group"].strip(), row["name_en"], row["name_ar"]
            )
            groups.setdefault(group.country, []).append(
                (group, actors.compile_patterns(row["patterns"].split("|")))
            )
    return groups


def table(path: str | Path | None = None) -> dict[str, list[tuple[Group, object]]]:
    """country -> its groups with their patterns, in print order (re-read when the file changes)."""
    path = Path(path or DEFAULT_PATH)
    stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


def groups(country: str | None, path: str | Path | None = None) -> list[Group]:
    return [group for group, _pattern in table(path).get(country or "", [])]


@lru_cache(maxsize=8192)
def identify(name_ar: str | None, name_en: str | None, country: str | None) -> Identity:
    """The identity of a named perpetrator as recorded (either name may be missing). Only actors of
    the country count: a generic word ("the prosecution") would merge distinct bodies."""
    for name in (name_ar, name_en):
        actor = actors.identify(name, country) if name else None
        if actor is not None and actor.country != "*":
            return Identity(f"actor:{actor.name_en}", actor.name_en, actor.name_ar)
    recorded = Normalised(name_ar or name_en or "").text.casefold().strip()
    return Identity(f"name:{recorded}", name_en, name_ar)


@lru_cache(maxsize=8192)
def group_of(
    name_ar: str | None, name_en: str | None, country: str | None, path: str | None = None
) -> str | None:
    """The key of the local group a named perpetrator belongs to in ``country`` (None when none),
    from its recorded names and those of the known actor it stands for."""
    identity = identify(name_ar, name_en, country)
    names = {name_ar, name_en, identity.name_ar, identity.name_en} - {None, ""}
    texts = [Normalised(n).text.casefold() for n in names]
    for group, pattern in table(path).get(country or "", []):
        if any(pattern.search(text) for text in texts):
            return group.key
    return None
