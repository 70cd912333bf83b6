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


@lru_cache(maxsize=16384)  # a name is tokenised once, whatever set it comes in
def _name_patterns(name: str) -> tuple[tuple[Word, ...], ...]:
    words = name_words(name)
    if len(words) >= 2:
        return (tuple(words), (words[0], words[-1]), (words[-1], words[0]))
    if words:  # one word: only as written
        only = words[0]
        return ((Word((only.arabic, frozenset(), only.plains)),),)
    return ()


def _patterns(names: tuple[str, ...]) -> list[tuple[Word, ...]]:
    return list(dict.fromkeys(pattern for name in names for pattern in _name_patterns(name)))


def _keys(name_word: Word | None) -> frozenset:
    """What two words must share to be the same name word (``Word.same_as``): a plain form, or
    a skeleton long enough to compare. Sharing one is necessary, not sufficient: a candidate
    found by its keys is still checked with ``same_as``."""
    if name_word is None:
        return frozenset()
    return frozenset({*(("p", p) for p in name_word.plains),
                      *(("s", k) for k in name_word.skeletons if len(k) >= MIN_KEY)})  # fmt: skip


@lru_cache(maxsize=1 << 16)
def _token_keys(text: str) -> frozenset:
    return _keys(word(text))


def readable(text: str | None) -> str | None:
    """``text`` as a reader sees it: a link copied from a browser spells Arabic as %D8%B3...
    (percent-encoding), and so may a slug in Latin letters (%20, +)."""
    if not text or "%" not in text:
        return text
    return urllib.parse.unquote(text.replace("+", " "), errors="replace")


@dataclass(frozen=True)
class _NameSet:
    starts: frozenset  # the keys of every pattern's first word
    singles: dict  # one-word patterns by the keys of their word
    pairs: dict  # longer patterns by the keys of their first two words
    scripts: frozenset  # the scripts the names are recorded in (True: Arabic)


@lru_cache(maxsize=1024)  # the names of one incident, or all of a report's: built once
def _name_set(names: tuple[str, ...]) -> _NameSet:
    """The names' patterns by the keys of their first words: a pattern can start at a text word
    only if that word, and the next one, share one of them with its first two words."""
    singles: dict = {}
    pairs: dict = {}
    for pattern in _patterns(names):
        if len(pattern) == 1:
            for key in _keys(pattern[0]):
                singles.setdefault(key, []).append(pattern)
        else:
            for first in _keys(pattern[0]):
                for second in _keys(pattern[1]):
                    pairs.setdefault((first, second), []).append(pattern)
    starts = frozenset(singles).union(first for first, _second in pairs)
    return _NameSet(starts, singles, pairs, frozenset(has_arabic(n) for n in names))


def spans(text: str | None, names) -> list[tuple[int, int]]:
    """Where in ``text`` one of ``names`` is written: merged (start, end) character spans (of
    the decoded text, for a percent-encoded link)."""
    text = readable(text)
    if not text or not names:
        return []
    name_set = _name_set(tuple(names))
    # Most texts name nobody: unless one of their words can start a name, nothing more is done.
    if name_set.starts.isdisjoint(frozenset().union(*map(_token_keys, _WORD.findall(text)))):
        return []
    # articles (al, ال) may stand between the words of a name: they are left out
    tokens = [(m.start(), m.end(), w, _token_keys(m.group()))
              for m in _WORD.finditer(text) if (w := word(m.group())) is not None]  # fmt: skip
    # A name is compared across scripts (by skeleton) only when it is not recorded in the
    # text's script too: سامي الحداد is looked for in Arabic text, Sami al-Haddad in Latin.
    scripts, singles, pairs = name_set.scripts, name_set.singles, name_set.pairs
    found = []
    for i, (start, _end, _word, keys) in enumerate(tokens):
        candidates = {id(p): p for key in keys if key in singles for p in singles[key]}
        if i + 1 < len(tokens):
            following = tokens[i + 1][3]
            candidates.update((id(p), p) for first in keys if first in name_set.starts
                              for second in following for p in pairs.get((first, second), ()))  # fmt: skip
        for pattern in candidates.values():
            size = len(pattern)
            if i + size <= len(tokens) and all(
                tokens[i + k][2].same_as(
                    name_word, MIN_KEY, cross_script=tokens[i + k][2].arabic not in scripts
                )
                for k, name_word in enumerate(pattern)
            ):
                found.append((start, tokens[i + size - 1][1]))
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
