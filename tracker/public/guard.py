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

``find_registry_names`` looks further: a public case may not name a person protected in any
other case either (a colleague's summary that mentions her). Two people can share a name, so the
words that are the name of one of the case's own named victims are left to that victim.
"""

import re
import threading
import urllib.parse
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _

from tracker.core.names import Word, name_words, word
from tracker.core.text import has_arabic

# a run of letters and digits, with Arabic marks and tatweel inside it
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed])+")
# what parts two names of a list (سامي الحداد، ومعاذ ...; Sami al-Haddad (Mirror)
_BREAK = re.compile(r"[,،;؛.:()\[\]{}/|\n«»\"]")
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
    return _victim_names(incident, withheld=True)


def named_names(incident) -> list[str]:
    """The names (both scripts) of the victims of ``incident`` the public may see named."""
    return _victim_names(incident, withheld=False)


def _victim_names(incident, withheld: bool) -> list[str]:
    names = []
    for victim in _get(incident, "victims") or []:
        journalist = _get(victim, "journalist")
        if journalist is not None and is_withheld(victim) == withheld:
            names += [
                n for n in (_get(journalist, "name_ar"), _get(journalist, "name_en")) if n and n.strip()
            ]
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


@lru_cache(maxsize=16384)
def _elsewhere_patterns(name: str) -> tuple[tuple[Word, ...], ...]:
    """A person protected in another case, looked for in any case's text: the whole name, or given
    name + family name in that order. Not the reverse order nor a one-word name: among thousands
    of names, a list of colleagues («... الخضر ومعاذ ...») would put one's family name next to
    another's given name."""
    words = name_words(name)
    return (tuple(words), (words[0], words[-1])) if len(words) >= 2 else ()


def _patterns(names: tuple[str, ...], patterns_of=_name_patterns) -> list[tuple[Word, ...]]:
    return list(dict.fromkeys(pattern for name in names for pattern in patterns_of(name)))


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


@lru_cache(maxsize=4096)  # a case's texts are read for its own protected names, then the registry's
def _text_keys(text: str) -> frozenset:
    return frozenset().union(*map(_token_keys, _WORD.findall(text)))


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
    # A person protected in another case, among thousands of names: a name's words must not be
    # parted by a comma or a bracket (a list of people), and Latin words are compared by a
    # skeleton of three letters at least (by two, "and" would be Nadia and "chief" Youssef).
    written_whole: bool = False
    min_key: int = MIN_KEY


@lru_cache(maxsize=1024)  # the names of one incident, or all of a report's: built once
def _name_set(names: tuple[str, ...]) -> _NameSet:
    return _build_name_set(names)


def _build_name_set(names: tuple[str, ...], patterns_of=_name_patterns) -> _NameSet:
    """The names' patterns by the keys of their first words: a pattern can start at a text word
    only if that word, and the next one, share one of them with its first two words."""
    singles: dict = {}
    pairs: dict = {}
    for pattern in _patterns(names, patterns_of):
        if len(pattern) == 1:
            for key in _keys(pattern[0]):
                singles.setdefault(key, []).append(pattern)
        else:
            for first in _keys(pattern[0]):
                for second in _keys(pattern[1]):
                    pairs.setdefault((first, second), []).append(pattern)
    starts = frozenset(singles).union(first for first, _second in pairs)
    elsewhere = patterns_of is _elsewhere_patterns
    return _NameSet(starts, singles, pairs, frozenset(has_arabic(n) for n in names),
                    written_whole=elsewhere, min_key=MIN_KEY + 1 if elsewhere else MIN_KEY)  # fmt: skip


def spans(text: str | None, names) -> list[tuple[int, int]]:
    """Where in ``text`` one of ``names`` (names, a matching set, or several) is written: merged
    (start, end) character spans (of the decoded text, for a percent-encoded link)."""
    text = readable(text)
    if not text or not names:
        return []
    if isinstance(names, _NameSet):
        sets = (names,)
    elif isinstance(names, tuple) and all(isinstance(n, _NameSet) for n in names):
        sets = names
    else:
        sets = (_name_set(tuple(names)),)
    # Most texts name nobody: unless one of their words can start a name, nothing more is done.
    keys = _text_keys(text)
    sets = [name_set for name_set in sets if not name_set.starts.isdisjoint(keys)]
    if not sets:
        return []
    # articles (al, ال) may stand between the words of a name: they are left out
    tokens = [(m.start(), m.end(), w, _token_keys(m.group()))
              for m in _WORD.finditer(text) if (w := word(m.group())) is not None]  # fmt: skip
    # where each word's keys, and each two neighbours' keys, stand: a set's patterns are looked up
    # by the keys the text has (a few set intersections, whatever the size of the set)
    at_single: dict = {}
    at_pair: dict = {}
    for i, (_start, _end, _word, token_keys) in enumerate(tokens):
        for key in token_keys:
            at_single.setdefault(key, []).append(i)
        if i + 1 < len(tokens):
            for first in token_keys:
                for second in tokens[i + 1][3]:
                    at_pair.setdefault((first, second), []).append(i)
    found = []
    for name_set in sets:
        candidates = {(i, id(p)): (i, p) for key in at_single.keys() & name_set.singles.keys()
                      for i in at_single[key] for p in name_set.singles[key]}  # fmt: skip
        candidates.update(((i, id(p)), (i, p)) for key in at_pair.keys() & name_set.pairs.keys()
                          for i in at_pair[key] for p in name_set.pairs[key])  # fmt: skip
        found += [(tokens[i][0], tokens[i + len(p) - 1][1]) for i, p in candidates.values()
                  if _written_at(text, tokens, i, p, name_set)]  # fmt: skip
    return _merged(found)


def _written_at(text: str, tokens: list, i: int, pattern: tuple, name_set: _NameSet) -> bool:
    """Whether ``pattern`` is written from the ``i``-th word of ``text`` on. A name is compared
    across scripts (by skeleton) only when it is not recorded in the text's script too: سامي
    الحداد is looked for in Arabic text, Sami al-Haddad in Latin."""
    size = len(pattern)
    if i + size > len(tokens):
        return False
    if not all(tokens[i + k][2].same_as(name_word, name_set.min_key,
                                        cross_script=tokens[i + k][2].arabic not in name_set.scripts)
               for k, name_word in enumerate(pattern)):  # fmt: skip
        return False
    return not (
        name_set.written_whole
        and any(_BREAK.search(text, tokens[i + k][1], tokens[i + k + 1][0]) for k in range(size - 1))
    )


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# --- people protected anywhere in the registry ---------------------------------------------------

_pinned: ContextVar[tuple | None] = ContextVar("guard_registry_pinned", default=None)


class _Registry:
    """The names of every protected person, kept per app (process) and brought up to date before
    each use from ``protected_state`` (a count and a time, read from an index): only the people
    changed since are read again, and their new names go into a small matching set of their own.
    Sets are merged as they grow (a set is merged into the one before it once that one is no
    larger), so a registry of n names is matched with at most log2(n) sets, and an import that
    protects people batch after batch builds each name's patterns about log2(n) times in all.
    A name changed meanwhile keeps being matched in its old spelling too (refusing more, never less)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.state = None  # (count, last change) the names below are of
        self.people: dict[int, tuple[str, ...]] = {}
        self.sets: list[tuple[tuple[str, ...], _NameSet]] = []  # (names, their matching set)

    def name_sets(self) -> tuple[_NameSet, ...]:
        from tracker.people import queries

        state = queries.protected_state()
        with self.lock:
            if state != self.state:
                self._update(state, queries)
            return tuple(name_set for _names, name_set in self.sets)

    def _update(self, state, queries) -> None:
        last = self.state[1] if self.state else None
        moved_on = last is not None and state[1] is not None and state[1] >= last
        changed = queries.protected_names_since(last) if moved_on else None
        if changed is None or len(self.people.keys() | changed.keys()) != state[0]:
            self.people, self.sets = {}, []  # first use, or fewer people than known (a restored backup)
            changed = queries.protected_names_since(None)
        new = tuple(
            dict.fromkeys(n for i, names in changed.items() if self.people.get(i) != names for n in names)
        )
        self.people.update(changed)
        if new:
            self.sets.append((new, elsewhere_set(new)))
        while len(self.sets) > 1 and len(self.sets[-2][0]) <= len(self.sets[-1][0]):
            (older, _a), (newer, _b) = self.sets.pop(-2), self.sets.pop()
            merged = tuple(dict.fromkeys(older + newer))
            self.sets.append((merged, elsewhere_set(merged)))
        self.state = state


def elsewhere_set(names) -> _NameSet | None:
    """``names`` as a matching set for ``find_registry_names``'s ``also``: built once for a batch
    or a file, used for each of its cases."""
    names = tuple(dict.fromkeys(n for n in names if n))
    return _build_name_set(names, _elsewhere_patterns) if names else None


def forget() -> None:
    """Drop this app's registry names (tests: a rollback takes people back, which nothing in
    production does but a failed transaction, and then only makes the guard refuse more)."""
    current_app.extensions.pop("guard_registry", None)


def registry_names() -> tuple:
    """The names of every person protected in any case, as matching sets for ``spans``."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    return current_app.extensions.setdefault("guard_registry", _Registry()).name_sets()


@contextmanager
def registry_pinned(also: _NameSet | None = None):
    """Within: ``registry_names`` as it was on entering, with ``also`` (an ``elsewhere_set`` of
    the people a batch or file protects itself): a dry run or an import checks thousands of cases
    against one state of the registry, read once."""
    token = _pinned.set((*registry_names(), *([also] if also is not None else [])))
    try:
        yield
    finally:
        _pinned.reset(token)


def find_registry_names(incident, also: _NameSet | None = None) -> list[Match]:
    """Every public field of ``incident`` that names a person protected in any case (or in
    ``also``, an ``elsewhere_set`` of names not written yet, e.g. a file's protected victims), but
    for the words that are the name of one of its own named victims."""
    sets = [*registry_names(), *([also] if also is not None else [])]
    if not sets:
        return []
    own = named_names(incident)
    matches = []
    for field, raw in public_texts(incident):
        text = readable(raw)
        found = spans(text, tuple(sets))
        if found and own:
            theirs = spans(text, own)
            found = [(s, e) for s, e in found if not any(a <= s and e <= b for a, b in theirs)]
        if found:
            joiner = "، " if has_arabic(text) else ", "
            matches.append(Match(field, joiner.join(text[s:e] for s, e in found)))
    return matches


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


def publish_findings(
    incident, also: _NameSet | None = None, registry: bool = True
) -> tuple[list[Match], bool]:
    """What keeps ``incident`` from going public, and whether it names people protected in another
    case: its own protected victims first (``find_protected_names``), then (``registry``) everyone
    protected elsewhere or in ``also`` (``find_registry_names``)."""
    matches = find_protected_names(incident)
    if matches or not registry:
        return matches, False
    return find_registry_names(incident, also), True


def errors(matches: list[Match], elsewhere: bool = False) -> dict[str, list[str]]:
    """The matches as a field -> messages map (``ValidationFailed``), in the user's language:
    of the case's own protected victims, or (``elsewhere``) of people protected in another case."""
    if elsewhere:
        return {
            m.field: [_("This names a person whose identity is protected in another case (%(words)s): remove "
                        "the name before the case is public.", words=m.words)]
            for m in matches
        }  # fmt: skip
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
