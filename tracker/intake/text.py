"""The article's text in its matching form, with a map back to the characters of the original.

Every pattern runs on the normalised text (``tracker.core.text.normalise`` character by
character: alef forms, ى/ي, ة/ه, diacritics, tatweel, Arabic-Indic digits, case) and every span
found there is mapped back, so the evidence shown to the researcher is the text as written.
"""

import re
from functools import lru_cache

from tracker.core.text import normalise

_ARABIC = re.compile("[\u0600-\u06ff]")


@lru_cache(maxsize=4096)
def _char(c: str) -> str:
    if c.isspace():
        return "\n" if c == "\n" else " "
    return normalise(c)


class Normalised:
    """``text`` normalised; ``span(a, b)`` maps a span of ``text`` to the original's offsets."""

    __slots__ = ("original", "text", "_map")

    def __init__(self, original: str):
        self.original = original
        out: list[str] = []
        where: list[int] = []
        for index, c in enumerate(original):
            for n in _char(c):
                out.append(n)
                where.append(index)
        self.text = "".join(out)
        self._map = where

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self._map):
            return len(self.original), len(self.original)
        first = self._map[start]
        last = self._map[end - 1] + 1 if end > start else first
        return first, last


def pattern(source: str) -> str:
    """A regular expression written with ordinary Arabic spelling, in the normalised alphabet.

    Only Arabic letters are normalised (regex syntax such as ``\\S`` is left alone).
    """
    return "".join(normalise(c) if _ARABIC.match(c) else c for c in source)


def compile_words(words, flags=0) -> re.Pattern:
    """One pattern for several words or phrases (longest first), in the normalised alphabet."""
    alternatives = sorted({pattern(w) for w in words}, key=len, reverse=True)
    return re.compile("|".join(alternatives), flags)


def is_arabic(text: str) -> bool:
    return len(_ARABIC.findall(text)) > len(re.findall("[A-Za-z]", text))
