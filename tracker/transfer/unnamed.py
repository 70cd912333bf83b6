"""Victims a monitor counted without naming them: "a journalist", «صحفي», "3 journalists",
«ثلاثة صحفيين». Such a cell is a number of unnamed victims, not a person's name (README
"Counting"): it must never become a journalist of the list, nor a name duplicates compare.
"""

import re

from tracker.core.text import normalise

# Normalised (tracker.core.text.normalise) nouns for "journalist" and the like, singular and plural.
_NOUNS = (
    "صحفي", "صحفيه", "صحفيين", "صحفيون", "صحفيات", "صحافي", "صحافيه", "صحافيين", "صحافيون", "صحافيات",
    "مراسل", "مراسله", "مراسلين", "مراسلون", "مراسلات", "مصور", "مصوره", "مصورين", "مصورون", "مصورات",
    "اعلامي", "اعلاميه", "اعلاميين", "اعلاميون", "اعلاميات", "ناشط", "ناشطين", "مدون", "مدونين",
    "journalist", "journalists", "reporter", "reporters", "correspondent", "correspondents",
    "photographer", "photographers", "photojournalist", "photojournalists", "cameraman", "cameramen",
    "media worker", "media workers", "blogger", "bloggers",
)  # fmt: skip
_ARTICLES = ("a", "an", "one", "unnamed", "unidentified", "anonymous", "an unnamed", "an unidentified")
_QUALIFIERS = ("مجهول", "مجهوله", "مجهولين", "غير معروف", "غير معروفين", "لم يذكر اسمه", "لم يذكر اسمها")
_NUMBER_WORDS = {
    "واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "several": None, "عده": None,
}  # fmt: skip
_NOUN = "|".join(sorted((re.escape(n) for n in _NOUNS), key=len, reverse=True))
_PATTERN = re.compile(
    rf"^(?:(?P<number>\d+)|(?P<word>[^\s\d]+))?\s*(?:ال)?(?P<noun>{_NOUN})(?:\s+(?P<after>.+))?$"
)
MAX_UNNAMED = 500


def count(name: str | None) -> int | None:
    """How many unnamed victims ``name`` stands for; None when it is a person's name."""
    text = normalise(name).strip(" .-–()[]«»\"'“”")
    match = _PATTERN.match(text)
    if match is None:
        return None
    after = (match.group("after") or "").strip(" .-–()")
    if (
        after
        and after not in _QUALIFIERS
        and not after.startswith(("من ", "في ", "ب", "from ", "of ", "at "))
    ):
        return None  # "صحفي محمد ..." is a person: the noun is their title
    number, word = match.group("number"), match.group("word")
    if number is not None:
        n = int(number)
        return n if 1 <= n <= MAX_UNNAMED else None
    if word is None or word in _ARTICLES:
        return 1
    if word in _NUMBER_WORDS:
        n = _NUMBER_WORDS[word]
        return n if n is not None else None
    return None
