"""The Arabic web font: Amiri (OFL) cut down to the Arabic letters, marks, digits and
punctuation the app and its people write, and their presentation forms, as WOFF2.

A device with an Arabic font of its own never fetches it (``css/ar.css`` lists the system faces
first and limits the face to ``UNICODE_RANGE``). The statistics charts draw with it: their text
is already shaped into presentation forms (``reports.text.shape``), which this cut keeps.

The cut has no OpenType layout tables: they hold Amiri's thousands of contextual glyphs (four
fifths of the file). The browser's shaper (HarfBuzz, in Chromium and Firefox) then joins the
letters through the presentation forms in the font's character map, as it does for any font
without Arabic layout features: about 11 KB a weight instead of 210 KB.

Built at development time by ``make fonts`` (``python -m tracker.core.webfonts``) with fontTools
and brotli (development requirements); the files it writes are committed, so nothing is built or
downloaded at run time. ``tests/test_webfonts.py`` checks that they cover every Arabic string of
the translations and the taxonomy, as written and as the charts shape them.
"""

import sys
import unicodedata
from pathlib import Path

import fontpkg

OUT = Path(__file__).resolve().parent.parent / "static" / "fonts"
FILES = {400: "amiri-regular.woff2", 700: "amiri-bold.woff2"}

# Letters of Arabic and of the names and places written in it (Persian, Urdu, Kurdish letters
# that appear in names: پ چ ژ ڤ ک گ ی ...), marks, Arabic-Indic digits and Arabic punctuation.
LETTERS = [
    (0x060C, 0x060C), (0x061B, 0x061B), (0x061F, 0x061F),  # comma, semicolon, question mark
    (0x0621, 0x0652),  # hamza .. sukun (letters, tatweel, harakat)
    (0x0660, 0x066D),  # Arabic-Indic digits, percent, decimal and thousands separators, star
    (0x0670, 0x0671),  # superscript alef, alef wasla
    (0x067E, 0x067E), (0x0686, 0x0686), (0x0698, 0x0698), (0x06A4, 0x06A4), (0x06A9, 0x06A9),
    (0x06AF, 0x06AF), (0x06CC, 0x06CC),
    (0x200C, 0x200D),  # zero-width non-joiner and joiner (they steer joining)
]  # fmt: skip
# Ligatures the chart shaper (arabic-reshaper) writes, besides the one-letter forms.
LIGATURES = [(0xFDF2, 0xFDF2), (0xFEF5, 0xFEFC)]  # Allah; lam-alef


def _expand(ranges) -> set[int]:
    return {c for start, end in ranges for c in range(start, end + 1)}


def presentation_forms(letters: set[int]) -> set[int]:
    """Initial, medial, final and isolated forms (U+FB50-FDFF, U+FE70-FEFF) of one of ``letters``."""
    forms = set()
    for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        decomposition = unicodedata.decomposition(chr(c)).split()
        if (
            len(decomposition) == 2
            and decomposition[0].startswith("<")
            and int(decomposition[1], 16) in letters
        ):
            forms.add(c)
    return forms


def codepoints() -> set[int]:
    letters = _expand(LETTERS)
    return letters | presentation_forms(letters) | _expand(LIGATURES)


def unicode_range(points: set[int] | None = None) -> str:
    """``points`` as a CSS ``unicode-range`` value (runs joined)."""
    ordered, runs = sorted(codepoints() if points is None else points), []
    for c in ordered:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def build(out: Path = OUT) -> dict[str, int]:
    """Write the two weights; their sizes in bytes."""
    from fontTools import subset  # development requirement: only this build step needs it

    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for weight, name in FILES.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = []  # no layout: the shaper joins through presentation forms
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF"]
        options.hinting = False
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, licence (OFL)
        font = subset.load_font(str(fontpkg.path("Amiri", weight=weight)), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints()))
        subsetter.subset(font)
        subset.save_font(font, str(out / name), options)
        sizes[name] = (out / name).stat().st_size
    return sizes


if __name__ == "__main__":
    for name, size in build().items():
        print(f"{name}: {size:,} bytes")
    print(f"unicode-range: {unicode_range()}")
    sys.exit(0)
