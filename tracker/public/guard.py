"""The protected-name guard: a victim whose identity is protected must not be named in any field
that can become public, in any spelling the project can match.

A protected person's name is looked for, word by word, with ``tracker.core.names`` (the
Arabic/Latin skeleton shared with duplicate detection, on ``tracker.core.text.normalise``d text):
with or without the article (ال / al- / el-), with a joined و/ب/ل/ف/ك, in either script, in URL
slugs (``.../sami-al-haddad-arrested``). A name of two words or more matches as a whole, or as
given name + family name next to each other (either order); a given name alone (محمد) never
matches. A one-word name matches only as written (normalised).

``find_protected_names`` is what publishing refuses on (``tracker.cases.operations``) and what
imports report; ``mask`` is the defence in depth of the public outputs
(``tracker.public.redaction``) for data written before the guard existed.
"""

import re
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import gettext as _

from tracker.core.names import Word, name_words, word
from tracker.core.text import has_arabic

# a run of letters and digits, with Arabic marks and tatweel inside it
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed])+")
MIN_KEY = 2  # a shorter skeleton (علي -> "l") matches only as written


@dataclass(frozen=True)
class Match:
    field: str  # e.g. "title_ar", "sources.0.url", "victims.1.status_events.0.note"
    words: str  # the matched words as written in that field


def _get(obj, name):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def is_withheld(victim) -> bool:
    """Whether no public output may name this victim. Protection is per person: a journalist who
    is an identity-protected victim in any case (``Journalist.is_protected``, which stays set) is
    withheld in every case, or their name in one case would lead to the details another keeps.
    (``tracker.public.redaction.withheld_victim`` is the same rule as SQL.)"""
    journalist = _get(victim, "journalist")
    return bool(
        _get(victim, "is_identity_protected") or (journalist is not None and _get(journalist, "is_protected"))
    )


def protected_names(incident) -> list[str]:
    """The names (both scripts) of the withheld victims (``is_withheld``) of an incident, or of an
    incident's input data whose victims carry a ``journalist`` dict (with ``is_protected``)."""
    names = []
    for victim in _get(incident, "victims") or []:
        if not is_withheld(victim):
            continue
        journalist = _get(victim, "journalist")
        if journalist is None:
            continue
        names += [n for n in (_get(journalist, "name_ar"), _get(journalist, "name_en")) if n and n.strip()]
    return list(dict.fromkeys(names))


def public_texts(incident) -> list[tuple[str, str]]:
    """(field, text) of every free-text field of an incident that can become public."""
    texts = [(f, _get(incident, f)) for f in ("title_ar", "title_en", "summary_ar", "summary_en",
                                               "locality", "admin2")]  # fmt: skip
    for n, perpetrator in enumerate(_get(incident, "perpetrators") or []):
        bilingual = [(f"perpetrators.{n}.{f}", _get(perpetrator, f)) for f in ("name_ar", "name_en")]
        if any(text for _field, text in bilingual):
            texts += bilingual
        else:  # input that gives one name in either script
            texts.append((f"perpetrators.{n}.name", _get(perpetrator, "name")))
    for n, source in enumerate(_get(incident, "sources") or []):
        if _get(source, "is_internal"):
            continue  # never public
        texts += [(f"sources.{n}.{f}", _get(source, f)) for f in ("url", "title", "publisher")]
    for n, victim in enumerate(_get(incident, "victims") or []):
        for m, event in enumerate(_get(victim, "status_events") or []):
            texts.append((f"victims.{n}.status_events.{m}.note", _get(event, "note")))
    return [(f, t) for f, t in texts if t and t.strip()]


@lru_cache(maxsize=64)  # a report masks many texts against the same names
def _patterns(names: tuple[str, ...]) -> list[list[Word]]:
    patterns = []
    for name in names:
        words = name_words(name)
        if len(words) >= 2:
            patterns += [words, [words[0], words[-1]], [words[-1], words[0]]]
        elif words:  # one word: only as written
            only = words[0]
            patterns.append([Word((only.arabic, frozenset(), only.plains))])
    return patterns


@lru_cache(maxsize=65536)
def _word(text: str):
    return word(text)


def readable(text: str | None) -> str | None:
    """``text`` as a reader sees it: a link copied from a browser spells Arabic as %D8%B3...
    (percent-encoding), and so may a slug in Latin letters (%20, +)."""
    if not text or "%" not in text:
        return text
    return urllib.parse.unquote(text.replace("+", " "), errors="replace")


@lru_cache(maxsize=64)
def _index(names: tuple[str, ...]) -> dict:
    """The names' patterns by the plain forms and long-enough skeletons of their first word: a
    pattern can start at a text word only if that word shares one of them (Word.same_as)."""
    index: dict = {}
    for pattern in _patterns(names):
        first = pattern[0]
        for key in {*(("p", p) for p in first.plains),
                    *(("s", k) for k in first.skeletons if len(k) >= MIN_KEY)}:  # fmt: skip
            index.setdefault(key, []).append(pattern)
    return index


def spans(text: str | None, names) -> list[tuple[int, int]]:
    """Where in ``text`` one of ``names`` is written: merged (start, end) character spans (of
    the decoded text, for a percent-encoded link)."""
    text = readable(text)
    if not text or not names:
        return []
    # articles (al, ال) may stand between the words of a name: they are left out
    tokens = [(m.start(), m.end(), w) for m in _WORD.finditer(text) if (w := _word(m.group())) is not None]
    index = _index(tuple(names))
    # A name is compared across scripts (by skeleton) only when it is not recorded in the
    # text's script too: سامي الحداد is looked for in Arabic text, Sami al-Haddad in Latin.
    scripts = {has_arabic(n) for n in names}
    found = []
    for i, (_start, _end, token) in enumerate(tokens):
        candidates = {id(p): p for key in {*(("p", p) for p in token.plains), *(("s", k) for k in token.skeletons)}
                      for p in index.get(key, ())}  # fmt: skip
        for pattern in candidates.values():
            size = len(pattern)
            if i + size <= len(tokens) and all(
                tokens[i + k][2].same_as(
                    name_word, MIN_KEY, cross_script=tokens[i + k][2].arabic not in scripts
                )
                for k, name_word in enumerate(pattern)
            ):
                found.append((tokens[i][0], tokens[i + size - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_protected_names(incident, names=None) -> list[Match]:
    """Every public field of ``incident`` (an Incident, or input data) that names one of its
    protected victims (or ``names``), with the words as written."""
    names = protected_names(incident) if names is None else names
    if not names:
        return []
    return [
        Match(field, "، ".join(text[s:e] for s, e in found) if has_arabic(text) else
              ", ".join(text[s:e] for s, e in found))
        for field, raw in public_texts(incident)
        if (found := spans(text := readable(raw), names))
    ]  # fmt: skip


def errors(matches: list[Match]) -> dict[str, list[str]]:
    """The matches as a field -> messages map (``ValidationFailed``), in the user's language."""
    return {
        m.field: [_("This names a protected victim (%(words)s): remove the name before the case is public.",
                    words=m.words)]
        for m in matches
    }  # fmt: skip


def mask(text: str | None, names, marker: str) -> str | None:
    """``text`` with every place that names one of ``names`` replaced by ``marker`` (a text
    that names one only once decoded comes back decoded)."""
    found = spans(text, names)
    if found:
        text = readable(text)
    for start, end in reversed(found):
        text = text[:start] + marker + text[end:]
    return text
