"""The guard's fast path (cached name sets, a pre-check on each text's words, candidates found by
the keys of a name's first two words) finds exactly what the plain rule finds: every name
pattern tried at every word of the text, with ``Word.same_as``. Compared on generated texts:
names at the start and end, inside punctuation, with diacritics, hamza and taa marbuta forms,
joined prepositions, articles, Latin transliterations, mixed scripts and percent-encoded links."""

import random
import urllib.parse

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.names import Word, name_words, word
from tracker.core.text import has_arabic
from tracker.public import guard


def reference_spans(text, names):
    """The rule without any shortcut (what the guard did before it was made fast)."""
    text = guard.readable(text)
    if not text or not names:
        return []
    tokens = [
        (m.start(), m.end(), w) for m in guard._WORD.finditer(text) if (w := word(m.group())) is not None
    ]
    scripts = {has_arabic(n) for n in names}
    patterns = []
    for name in names:
        words = name_words(name)
        if len(words) >= 2:
            patterns += [words, [words[0], words[-1]], [words[-1], words[0]]]
        elif words:
            patterns.append([Word((words[0].arabic, frozenset(), words[0].plains))])
    found = sorted(
        (tokens[i][0], tokens[i + len(p) - 1][1])
        for i in range(len(tokens))
        for p in patterns
        if i + len(p) <= len(tokens)
        and all(
            tokens[i + k][2].same_as(w, guard.MIN_KEY, cross_script=tokens[i + k][2].arabic not in scripts)
            for k, w in enumerate(p)
        )
    )
    merged = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


NAMES = [
    "سامي الحداد", "Sami al-Haddad", "محمد علي الحداد", "Mohammed Ali al-Haddad", "رنا خالد الإدريسي",
    "Rana Khaled El Idrissi", "فاطمة الزهراء", "Fatima al-Zahra", "عائشة", "Aisha", "ليلى", "علي",
    "عبد الله المؤمن", "Abdullah al-Moumen", "أحمد", "Ahmed Qassem", "هدى ئبراهيم", "Huda Ibrahim",
]  # fmt: skip
# spellings of the names' words and of others, as texts write them
WORDS = [
    "سامي", "سَامِي", "سامى", "لسامي", "وسامي", "الحداد", "الْحَدَّاد", "بالحداد", "للحداد", "حداد", "محمد",
    "مُحَمَّد", "علي", "على", "عليّ", "رنا", "خالد", "الإدريسي", "الادريسي", "ادريسي", "فاطمة", "فاطمه",
    "الزهراء", "الزهراءِ", "عائشة", "عايشة", "ليلى", "ليلي", "عبد", "الله", "المؤمن", "المءمن", "أحمد", "احمد",
    "إبراهيم", "هدى", "ال", "و", "في", "اعتقال", "الصحفي", "مأرب", "صنعاء", "ـــ", "Sami", "SAMI", "Samy",
    "sami", "al-Haddad", "Alhaddad", "El", "Hadad", "Haddad", "al", "el", "Mohammed", "Muhammad", "Ali",
    "Aly", "Rana", "Khaled", "Khalid", "Idrissi", "El-Idrissi", "Fatima", "Fatimah", "Zahra", "Aisha",
    "Aicha", "Laila", "Abdullah", "Moumen", "Ahmed", "Ahmad", "Qassem", "Kassem", "Huda", "Ibrahim",
    "journalist", "held", "in", "Marib", "Ma'rib", "Sanaa", "123", "٢٠٢٤", "x",
]  # fmt: skip
SEPARATORS = [
    " ",
    " ",
    " ",
    "-",
    "، ",
    ", ",
    ". ",
    "/",
    "(",
    ")",
    "«",
    "»",
    '"',
    "\n",
    "_",
    "+",
    "%20",
    ":",
    "",
]


def _link(words):
    return "https://news.example/" + urllib.parse.quote("-".join(words))


def _text(rng):
    parts = []
    for _ in range(rng.randint(0, 14)):
        if rng.random() < 0.25:  # a name of the list, whole or in part, as written
            name = rng.choice(NAMES).split()
            parts.append(
                " ".join(name if rng.random() < 0.5 else rng.sample(name, rng.randint(1, len(name))))
            )
        else:
            parts.append(rng.choice(WORDS))
        parts.append(rng.choice(SEPARATORS))
    text = "".join(parts)
    if rng.random() < 0.15:
        text = _link(text.split())
    return text


def _names(rng):
    return rng.sample(NAMES, rng.randint(1, 6))


def test_the_fast_path_matches_the_rule_on_generated_texts():
    rng = random.Random(20241126)
    for _ in range(4000):
        text, names = _text(rng), _names(rng)
        assert guard.spans(text, names) == reference_spans(text, names), (text, names)
        # the same names in another order, or as a tuple, are the same name set
        assert guard.spans(text, tuple(reversed(names))) == reference_spans(text, names), (text, names)


def test_every_name_at_the_start_and_end_of_a_text_and_alone():
    for name in NAMES:
        for text in (name, f"{name}.", f"«{name}»", f"بيان: {name}", f"{name} held", _link(name.split())):
            assert guard.spans(text, [name]) == reference_spans(text, [name]) != [], (text, name)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from(SEPARATORS), st.text(max_size=4)), max_size=16
    ),
    st.lists(st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=12)), min_size=1, max_size=4),
)
def test_the_fast_path_matches_the_rule_on_any_text(parts, names):
    text = "".join(parts)
    assert guard.spans(text, names) == reference_spans(text, names)
    assert guard.spans(_link(text.split()), names) == reference_spans(_link(text.split()), names)


def test_a_name_set_seen_before_is_not_mixed_up_with_another():
    text = "اعتقال سامي الحداد وعلي"
    assert guard.spans(text, ["سامي الحداد"]) == [(7, 18)]
    assert guard.spans(text, ["رنا خالد الإدريسي"]) == []
    assert guard.spans(text, ["علي"]) == [(19, 23)]
    assert guard.spans(text, ["سامي الحداد"]) == [(7, 18)]
