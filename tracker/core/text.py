"""Arabic-aware text normalisation: the one function used for every search.

Both the stored search text and the user's query go through ``normalise`` so that
spelling variants match: أ/إ/آ/ٱ -> ا, ى -> ي, ة -> ه, ؤ/ئ -> ء, tashkeel and
tatweel removed, Arabic-Indic digits -> ASCII, Latin case folded, whitespace collapsed.
"""

import re
import unicodedata

_TRANSLATION = {
    # alef forms
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    # alef maqsura and farsi yeh -> yeh
    "ى": "ي",
    "ی": "ي",
    # ta marbuta -> heh
    "ة": "ه",
    # hamza on waw / yeh -> lone hamza (DESIGN.md: "ؤ/ئ -> ء forms")
    "ؤ": "ء",
    "ئ": "ء",
    # tatweel removed
    "ـ": None,
    # keheh -> kaf
    "ک": "ك",
}
# Arabic-Indic (U+0660..U+0669) and Extended Arabic-Indic / Persian (U+06F0..U+06F9) digits
for _i in range(10):
    _TRANSLATION[chr(0x0660 + _i)] = str(_i)
    _TRANSLATION[chr(0x06F0 + _i)] = str(_i)
_TABLE = str.maketrans(_TRANSLATION)

# Harakat/tashkeel (U+064B..U+065F), superscript alef (U+0670), Quranic marks (U+06D6..U+06ED)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACES = re.compile(r"\s+")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def normalise(text: str | None) -> str:
    """Return the search form of ``text`` ('' for None)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    text = text.translate(_TABLE).casefold()
    return _SPACES.sub(" ", text).strip()


def search_terms(query: str | None) -> list[str]:
    """Split a normalised query into the terms that must all match."""
    return [t for t in normalise(query).split(" ") if t]


def like_pattern(term: str) -> str:
    """A ``LIKE '%term%'`` pattern with the wildcards of ``term`` escaped (escape char '\\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def has_arabic(text: str | None) -> bool:
    """Whether ``text`` has Arabic letters (a name's script decides its Arabic or English field)."""
    return bool(_ARABIC_LETTER.search(text or ""))


_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def has_latin(text: str | None) -> bool:
    return bool(_LATIN_LETTER.search(text or ""))
