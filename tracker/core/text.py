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
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def normalise(text: str | None) -> str:
    """Return the search form of ``text`` ('' for None)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    text = text.translate(_TABLE).casefold()
    return " ".join(text.split())  # whitespace collapsed and stripped (str.split and \s: the same set)


# Latin transliterations of Arabic names: Ma'rib, Marib, Maarib, Ma`rib and Maʾrib are one name.
# Apostrophes and the ʿayn/hamza signs inside a word are dropped, accents removed, and a letter
# written twice is written once (Maarib, Sanaa, Haddad -> Marib, Sana, Hadad).
_TRANSLIT_MARKS = re.compile(r"(?<=[a-z])['’‘`ʿʾ´]+")
_DOUBLED = re.compile(r"([a-z])\1+")
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def fold_latin(text: str) -> str:
    """Transliteration folding of the Latin letters of an already ``normalise``-d text."""
    if not _LATIN_LETTER.search(text):
        return text
    text = unicodedata.normalize("NFC", _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text)))
    return _DOUBLED.sub(r"\1", _TRANSLIT_MARKS.sub("", text))


def search_form(text: str | None) -> str:
    """The form of a text that search compares, on both sides (stored search text and names,
    and the query): ``normalise`` and then the Latin transliteration folding."""
    return fold_latin(normalise(text))


def search_terms(query: str | None) -> list[str]:
    """Split a query into the terms that must all match (in ``search_form``)."""
    return [t for t in search_form(query).split(" ") if t]


def like_pattern(term: str) -> str:
    """A ``LIKE '%term%'`` pattern with the wildcards of ``term`` escaped (escape char '\\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def has_arabic(text: str | None) -> bool:
    """Whether ``text`` has Arabic letters (a name's script decides its Arabic or English field)."""
    return bool(_ARABIC_LETTER.search(text or ""))


def has_latin(text: str | None) -> bool:
    return bool(_LATIN_LETTER.search(text or ""))
