"""Person names in either script: one consonant skeleton for an Arabic name and its Latin
transliterations (سامي الحداد, Sami al-Haddad, Samy El Hadad -> "smhd"), built from the
Arabic-normalised text (``tracker.core.text.normalise``).

Used by duplicate detection (``tracker.transfer.duplicates``) and by the protected-name guard
(``tracker.public.guard``), which compares the words of a name one by one (``word``).
"""

import re
import unicodedata
from functools import lru_cache

from tracker.core.text import normalise

_ARABIC_LETTERS = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "h", "ع": "", "ء": "", "ا": "", "و": "", "ي": "", "ى": "",
}  # fmt: skip
_LATIN_DIGRAPHS = (("kh", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"),
                   ("ph", "f"), ("ou", "u"), ("q", "k"), ("c", "k"), ("x", "ks"), ("v", "f"), ("g", "j"),
                   ("p", "b"), ("e", ""), ("a", ""), ("i", ""), ("o", ""), ("u", ""), ("w", ""), ("y", ""))  # fmt: skip
# "al"/"el" glued to a name (Alqadi); not before a vowel (Alaa, Ali are names themselves)
_ARTICLE = re.compile(r"^(?:(?:al|el)(?=[b-df-hj-np-tv-z][a-z])|ال(?=\S{2,}))")
ARTICLES = frozenset(("al", "el", "ال"))
_NOT_LETTERS = re.compile(r"[^a-z\u0600-\u06ff ]")
_REPEATS = re.compile(r"(.)\1+")
# Arabic conjunctions and prepositions written joined to the next word: و ف ب ل ك, and with the
# article: وال بال لل فال كال (وسامي، بالحداد، للحداد).
_PROCLITIC = re.compile(r"^(?:[وف]?(?:بال|كال|لل|ال)|[وف]?[بلك]|[وف])(?=\S{3,})")


class _Table(dict):
    """A ``str.translate`` table that fills itself: ``rule`` is asked once per character (the
    guard reads every word of every public text with these)."""

    def __init__(self, rule):
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int):
        value = self[code] = self.rule(chr(code))
        return value


_NOT_COMBINING = _Table(lambda c: None if unicodedata.combining(c) else c)
_SKELETON = _Table(lambda c: _ARABIC_LETTERS.get(c, ""))


def _plain(text: str | None) -> str:
    text = normalise(text)
    if not text.isascii():  # (NFKD leaves ASCII as it is, with no combining mark)
        text = unicodedata.normalize("NFKD", text).translate(_NOT_COMBINING)
    return _NOT_LETTERS.sub(" ", text.replace("-", " ").replace("'", "").replace("`", ""))


def _token_key(token: str) -> str:
    token = _ARTICLE.sub("", token)
    if token.isascii():
        # Egyptian "g" is ج, but "gh" is غ: the digraphs go first.
        for latin, sound in _LATIN_DIGRAPHS:
            token = token.replace(latin, sound)
    else:
        token = token.translate(_SKELETON)
    return token


def tokens(name: str | None) -> list[tuple[str, str]]:
    """(word as written, normalised; its consonant skeleton) for each word of a name, articles left out."""
    return [
        (word, _REPEATS.sub(r"\1", _token_key(word))) for word in _plain(name).split() if word not in ARTICLES
    ]


@lru_cache(maxsize=1 << 16)  # duplicate search asks it for every name of every case it compares
def name_key(name: str | None) -> str:
    """The consonant skeleton of a person's name, in either script ('' if nothing is left)."""
    return _key(_plain(name).split())


def _key(words: list[str]) -> str:
    keys = [_token_key(token) for token in words if token not in ARTICLES]
    key = _REPEATS.sub(r"\1", "".join(keys))
    return key[:-1] if key.endswith("h") and len(key) > 2 else key  # Fatimah / Fatima / فاطمة


class Word(tuple):
    """One written word as a possible name word: (script, skeletons, plain forms)."""

    __slots__ = ()

    @property
    def arabic(self) -> bool:
        return self[0]

    @property
    def skeletons(self) -> frozenset:
        return self[1]

    @property
    def plains(self) -> frozenset:
        return self[2]

    def same_as(self, other: "Word", min_key: int = 2, cross_script: bool = True) -> bool:
        """Two Arabic words are the same name word when their normalised forms are (the article
        and joined prepositions aside); in Latin, or across scripts (unless ``cross_script`` is
        false), when their skeletons are."""
        if self.plains & other.plains:
            return True
        if (self.arabic and other.arabic) or (self.arabic != other.arabic and not cross_script):
            return False
        return any(len(k) >= min_key for k in self.skeletons & other.skeletons)


@lru_cache(maxsize=1 << 16)  # the guard reads every word of every public text, and of every name
def word(text: str) -> Word | None:
    """``text`` (one written word) as a possible name word; None for an article (al, el, ال)."""
    plain = _plain(text).replace(" ", "")
    if not plain or plain in ARTICLES:
        return None
    plains = {_ARTICLE.sub("", plain)}
    if not plain.isascii():
        plains.add(_PROCLITIC.sub("", plain))
    plains = {p for p in plains if p}
    # a Latin plain form is its own _plain already
    skeletons = frozenset(_key([p]) if p.isascii() else name_key(p) for p in plains)
    return Word((not plain.isascii(), skeletons, frozenset(plains)))


def name_words(name: str | None) -> list[Word]:
    """The words of a person's name, articles left out."""
    return [w for token in _plain(name).split() if (w := word(token)) is not None]
