"""``tracker.core.names`` reads every word of every public text for the protected-name guard: its
shortcuts (translate tables, Latin words not normalised twice) give what the rules spell out."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core import names
from tracker.core.text import normalise

LETTERS = st.text(
    st.one_of(
        st.sampled_from("سَامِيُّ الْحَدَّادأإآٱىیةؤئـکۀ٠١٢ﻻﷲ-'`ʿ é Sami-al-Haddad KHALED ç ñ"),
        st.characters(max_codepoint=0x2FFFF),
    ),
    max_size=12,
)


def plain_as_defined(text):
    text = "".join(c for c in unicodedata.normalize("NFKD", normalise(text)) if not unicodedata.combining(c))
    return names._NOT_LETTERS.sub(" ", text.replace("-", " ").replace("'", "").replace("`", ""))


@settings(max_examples=500, deadline=None)
@given(LETTERS)
def test_plain_and_skeletons_are_what_the_rules_say(text):
    assert names._plain(text) == plain_as_defined(text)
    for token in plain_as_defined(text).split():
        if not token.isascii():
            skeleton = "".join(names._ARABIC_LETTERS.get(c, "") for c in names._ARTICLE.sub("", token))
            assert names._token_key(token) == skeleton
    found = names.word(text)
    if found is not None:
        assert found.skeletons == frozenset(names.name_key(p) for p in found.plains)


def test_a_word_in_either_script():
    assert names.word("الْحَدَّاد") == names.word("الحداد")
    assert names.word("Alhaddad").skeletons == names.word("الحداد").skeletons == frozenset({"hd"})
    assert names.name_key("Fatimah") == names.name_key("فاطمة") == "ftm"
