"""The Arabic web font (committed WOFF2 files cut from Amiri by ``make fonts``): it covers every
Arabic character the app writes (translations, taxonomy, vocabularies), as written and as the
charts shape it, and the stylesheet declares exactly the cut's characters."""

import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from reports.text import shape
from tracker.cases.taxonomy import VIOLATION_TYPES
from tracker.core import vocab, webfonts

ROOT = Path(__file__).resolve().parent.parent
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _arabic(char: str) -> bool:
    return any(a <= ord(char) <= b for a, b in ARABIC_BLOCKS)


def _arabic_strings() -> list[str]:
    with open(ROOT / "tracker/translations/ar/LC_MESSAGES/messages.po", "rb") as file:
        catalog = read_po(file)
    texts = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        texts.extend(s for s in strings if s)
    texts.extend(ar for _code, _en, ar in VIOLATION_TYPES)
    for value in vars(vocab).values():
        if isinstance(value, dict):
            texts.extend(pair[1] for pair in value.values() if isinstance(pair, tuple) and len(pair) == 2)
    return [t for t in texts if isinstance(t, str) and any(_arabic(c) for c in t)]


def _cmap(name: str) -> set[int]:
    return set(TTFont(webfonts.OUT / name).getBestCmap())


def test_the_catalogue_has_arabic_to_check():
    assert len(_arabic_strings()) > 900


@pytest.mark.parametrize("name", webfonts.FILES.values())
def test_every_arabic_character_the_app_writes_is_in_the_font_as_written_and_as_charts_shape_it(name):
    cmap = _cmap(name)
    needed = {c for text in _arabic_strings() for form in (text, shape(text)) for c in form if _arabic(c)}
    missing = sorted(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in needed if ord(c) not in cmap)
    assert not missing, missing
    outside = sorted(f"U+{ord(c):04X}" for c in needed if ord(c) not in webfonts.codepoints())
    assert not outside, outside  # the browser only uses the face inside its unicode-range


@pytest.mark.parametrize("name", webfonts.FILES.values())
def test_the_font_is_the_cut_a_small_woff2_without_layout_tables(name):
    path = webfonts.OUT / name
    assert path.read_bytes()[:4] == b"wOF2" and path.stat().st_size < 20_000
    font = TTFont(path)
    assert "GSUB" not in font and "GPOS" not in font
    assert _cmap(name) >= webfonts.codepoints() - {0x200C, 0x200D}
    assert "SIL Open Font License" in str(font["name"].getDebugName(13))


def test_the_committed_files_are_what_the_build_makes(tmp_path):
    webfonts.build(tmp_path)
    for name in webfonts.FILES.values():
        assert set(TTFont(tmp_path / name).getBestCmap()) == _cmap(name)


def test_the_stylesheet_declares_both_weights_with_the_cut_range_and_swap():
    css = (ROOT / "tracker/static/css/ar.css").read_text()
    faces = re.findall(r"@font-face\s*{(.*?)}", css, re.S)
    assert len(faces) == 2
    for face, (weight, name) in zip(faces, webfonts.FILES.items(), strict=True):
        assert (
            f"font-weight: {weight}" in face and f"../fonts/{name}" in face and "font-display: swap" in face
        )
        assert re.search(r"unicode-range:\s*([^;]*);", face).group(1).strip() == webfonts.unicode_range()
        assert ".ttf" not in face


def test_the_fonts_are_served(client):
    for name in webfonts.FILES.values():
        response = client.get(f"/static/fonts/{name}")
        assert response.status_code == 200 and response.mimetype == "font/woff2"
        assert response.get_data() == (webfonts.OUT / name).read_bytes()
