"""Named perpetrators: a bilingual lexicon of actors per country, mapped to perpetrator types.

The lexicon is the data file ``data/actors.tsv``; admins can replace it with their own file
(``INTAKE_ACTORS_PATH`` in the configuration) without touching the code.
"""

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracker.core.vocab import PERPETRATOR_TYPES
from tracker.intake.text import Normalised, pattern

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "actors.tsv"
_AR_PREFIX = r"(?:و|ف)?(?:ب|ل|ك)?(?:ال)?"


@dataclass(frozen=True)
class Actor:
    country: str  # "*" for any country
    type: str
    name_en: str
    name_ar: str


@dataclass(frozen=True)
class ActorMatch:
    actor: Actor
    start: int
    end: int


@dataclass
class Lexicon:
    entries: list[tuple[Actor, re.Pattern]]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
        """Actors named in ``text[start:end]`` (normalised), country-specific ones first, in order."""
        end = len(text) if end is None else end
        found: list[ActorMatch] = []
        for actor, regex in self.entries:
            for m in regex.finditer(text, start, end):
                if any(f.start < m.end() and m.start() < f.end for f in found):
                    continue  # words already taken by a more specific actor
                found.append(ActorMatch(actor, m.start(), m.end()))
        return sorted(found, key=lambda f: (f.actor.country == "*", f.start))


def _alternative(p: str) -> str:
    # "الحزام" is also written "للحزام" (ل + ال) and "بالحزام"
    if p.startswith("ال"):
        return r"(?:و|ف)?(?:ب|ك)?(?:ال|لل)" + re.escape(p[2:])
    return _AR_PREFIX + re.escape(p)


def compile_patterns(patterns: list[str]) -> re.Pattern:
    """One regular expression for |-separated name patterns (normalised; Arabic prefixes allowed)."""
    parts = sorted((pattern(p.strip()) for p in patterns if p.strip()), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(_alternative(p) for p in parts) + r")(?![\w])")


def read(path: Path) -> Lexicon:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    entries = []
    for row in rows:
        if row["type"] not in PERPETRATOR_TYPES:
            raise ValueError(f"{path}: unknown perpetrator type {row['type']!r}")
        actor = Actor(row["country"].strip() or "*", row["type"], row["name_en"], row["name_ar"])
        entries.append((actor, compile_patterns(row["patterns"].split("|"))))
    # country-specific actors before generic words; within each, the order of the file
    entries.sort(key=lambda e: e[0].country == "*")
    return Lexicon(entries)


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Lexicon:
    return read(Path(path))


def lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon in force (re-read when the file changes)."""
    path = Path(path or DEFAULT_PATH)
    return _load(str(path), path.stat().st_mtime)


def identify(name: str, country: str | None = None, lex: Lexicon | None = None) -> Actor | None:
    """The known actor a free-text perpetrator name stands for («جماعة الحوثي», "Houthis"),
    preferring actors of ``country``; None when the lexicon does not know it."""
    text = Normalised(name).text
    for found in (lex or lexicon()).find(text):
        if found.actor.country in ("*", country):
            return found.actor
    return None
