"""Text for reportlab in both languages: the embedded font, Arabic shaping and line wrapping.

reportlab draws glyphs left to right as given. Arabic must therefore be shaped (letters joined,
arabic-reshaper) and put in visual order (python-bidi's ``bidi.algorithm.get_display``, which
also mirrors brackets) before drawing, and wrapped while still in logical order: wrap first,
reorder each line second, or the lines of a paragraph come out in reverse order.
"""

import re
import unicodedata
from functools import lru_cache

import arabic_reshaper
import fontpkg
from babel.dates import format_date
from babel.numbers import format_decimal
from bidi import get_display as _fast_display
from bidi.algorithm import get_display as _mirroring_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

FONT = "Amiri"
FONT_BOLD = "Amiri-Bold"
# A Latin face for text without Arabic letters (Amiri's Latin is a companion face, its full stop
# a lozenge): Lato (OFL), from the fontpkg-lato package.
LATIN = "Lato"
LATIN_BOLD = "Lato-Bold"
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Embed Amiri (Arabic, OFL) and Lato (Latin, OFL) from their fontpkg packages."""
    pdfmetrics.registerFont(TTFont(FONT, str(fontpkg.path("Amiri"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fontpkg.path("Amiri", weight=700))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    pdfmetrics.registerFont(TTFont(LATIN, str(fontpkg.path("Lato"))))
    pdfmetrics.registerFont(TTFont(LATIN_BOLD, str(fontpkg.path("Lato", weight=700))))
    pdfmetrics.registerFontFamily(LATIN, normal=LATIN, bold=LATIN_BOLD, italic=LATIN, boldItalic=LATIN_BOLD)


def face(text, bold: bool = False) -> str:
    """The font for one run: Amiri when it has Arabic letters, Lato otherwise."""
    if text and has_rtl(str(text)):
        return FONT_BOLD if bold else FONT
    return LATIN_BOLD if bold else LATIN


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


# Short vowels (harakat) are kept: «قُتلوا» (were killed) is not «قتلوا» (killed). reportlab does
# not position marks, so lines with marks are drawn by ``draw_line``, which centres each mark over
# its letter.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


@lru_cache(maxsize=65536)
def _shape_word(word: str) -> str:
    return _RESHAPER.reshape(word) if has_rtl(word) else word


# Every combining mark (unicodedata.combining != 0) up to U+08FF: Latin accents, Hebrew and Arabic
# marks (harakat, Quranic marks)...; one regex search, not a loop per character. A few spacing
# characters in these ranges only take the (slower, still correct) path of lines with marks.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0711"
    "\u0730-\u074a\u07eb-\u07fd\u0816-\u082d\u0859-\u085b\u0898-\u08ff]"
)


def has_marks(line: str) -> bool:
    return _MARKS.search(line) is not None


@lru_cache(maxsize=256)
def _mark_centre(font: str, char: str) -> float:
    """The horizontal centre of a mark's outline, in thousandths of the font size (marks have no
    advance: their outline sits to one side of the pen)."""
    face = pdfmetrics.getFont(font).face
    if not hasattr(face, "_mark_file"):
        face._mark_file = TTFontFile(face.filename)
    file = face._mark_file
    glyph = file.charToGlyph.get(ord(char))
    if glyph is None:
        return 0.0
    start = file.get_table_pos("glyf")[0]
    file._pos = start + file.glyphPos[glyph]
    file.read_short()  # number of contours
    x_min, _y_min, x_max = file.read_short(), file.read_short(), file.read_short()
    return (
        (x_min + x_max) / 2 * 1000 / file.unitsPerEm if hasattr(file, "unitsPerEm") else (x_min + x_max) / 2
    )


# Digits and Latin words inside an Arabic line are drawn in the Latin face: Amiri's own digits and
# full stop differ from Lato's (its full stop is a lozenge: "16.10.1", "100.0%"), so a number
# would look one way in a sentence and another in a table. A run keeps its inner punctuation.
_LATIN_RUN = re.compile(r"[\[(]?[0-9A-Za-z](?:[0-9A-Za-z .,:/%+\-'’]*[0-9A-Za-z%)\]])?")
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")


@lru_cache(maxsize=65536)
def runs(line: str, font: str) -> tuple[tuple[str, str], ...]:
    """(text, font) pieces of one line in drawing order: in an Arabic-face line, each run of Latin
    letters and digits in the Latin face of the same weight."""
    if font not in (FONT, FONT_BOLD) or not _ASCII_ALNUM.search(line):
        return ((line, font),)
    latin = LATIN_BOLD if font == FONT_BOLD else LATIN
    pieces, position = [], 0
    for match in _LATIN_RUN.finditer(line):
        if match.start() > position:
            pieces.append((line[position : match.start()], font))
        pieces.append((match.group(), latin))
        position = match.end()
    if position < len(line):
        pieces.append((line[position:], font))
    return tuple(pieces)


@lru_cache(maxsize=65536)
def placed(line: str, font: str, size: float) -> tuple[float, tuple[tuple[float, str, str], ...]]:
    """The drawn width of a visual-order line and its pieces as (offset from the line's start,
    text, face): each run in its own face (``runs``), each mark centred over its letter (in visual
    order a mark comes just before its letter; marks have no advance). Measured once per line:
    tables repeat their places, types and dates on every page."""
    pieces: list[tuple[float, str, str]] = []
    pen = 0.0
    for text, face_ in runs(line, font):
        bare = text if text.isascii() else "".join(char for char in text if not unicodedata.combining(char))
        if bare:
            pieces.append((pen, bare, face_))
        if len(bare) == len(text):
            pen += pdfmetrics.stringWidth(bare, face_, size)
            continue
        marks = []
        for char in text:
            if unicodedata.combining(char):
                marks.append(char)
                continue
            advance = pdfmetrics.stringWidth(char, face_, size)
            pieces += [
                (pen + advance / 2 - _mark_centre(face_, mark) * size / 1000, mark, face_) for mark in marks
            ]
            marks = []
            pen += advance
    return pen, tuple(pieces)


def line_width(line: str, font: str, size: float) -> float:
    """The drawn width of a line (its marks have no advance), each run in its own face."""
    return placed(line, font, size)[0]


def draw_line(canvas, x: float, y: float, line: str, font: str, size: float, anchor: str = "start") -> None:
    """Draw one visual-order line at ``x`` (its start, end or centre by ``anchor``): Latin runs
    in the Latin face (``runs``), marks centred over their letters (``placed``)."""
    width, pieces = placed(line, font, size)
    pen = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
    current = font  # the caller has set the canvas to the line's font
    for offset, text, face_ in pieces:
        if face_ != current:
            canvas.setFont(face_, size)
            current = face_
        canvas.drawString(pen + offset, y, text)
    if current != font:
        canvas.setFont(font, size)


@lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """Arabic letters joined (presentation forms), still in logical order.

    Word by word: a space never joins, and names and places share their words, so the
    (slow) reshaper sees each word once."""
    return " ".join(_shape_word(word) for word in text.split(" ")) if has_rtl(text) else text


@lru_cache(maxsize=65536)
def _display(line: str, rtl: bool) -> str:
    """Visual order of one shaped line. The old ``bidi.algorithm`` mirrors brackets but is slow;
    the Rust ``bidi.get_display`` gives the same result for text without mirrored characters."""
    base = "R" if rtl else "L"
    if any(unicodedata.mirrored(char) for char in line):
        line = _mirroring_display(line, base_dir=base)
    else:
        line = _fast_display(line, base_dir=base)
    return line.translate(_CONTROLS) if LRM in line or RLM in line else line


def _base(text: str, rtl: bool) -> bool:
    """The paragraph direction of ``text``: the edition's, except that a text whose first strong
    letter is Arabic is right-to-left in the English edition too (a name or title quoted whole),
    so that its brackets and punctuation fall at the right end."""
    if rtl:
        return True
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


LRM, RLM = "\u200e", "\u200f"
_CONTROLS = {ord(LRM): None, ord(RLM): None}


def isolate(label: str, text: str, rtl: bool) -> str:
    """``label`` then ``text`` in another script, the label's brackets and punctuation kept on its
    side: a direction mark (read by the bidi algorithm, never drawn) closes the label."""
    return f"{label}{RLM if rtl else LRM} {text}"


@lru_cache(maxsize=65536)
def visual(text: str | None, rtl: bool) -> str:
    """One line ready to draw: shaped and reordered for a right-to-left (Arabic edition) or
    left-to-right (English edition) paragraph. Text without Arabic is returned as it is."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    if not has_rtl(text):
        return text
    return _display(shape(text), _base(text, rtl))


@lru_cache(maxsize=65536)
def _width(word: str, font: str, size: float) -> float:
    return (
        line_width(word, font, size)
        if _ASCII_ALNUM.search(word)
        else pdfmetrics.stringWidth(word, font, size)
    )


@lru_cache(maxsize=65536)
def wrap(text: str | None, width: float, rtl: bool, font: str = FONT, size: float = 10) -> tuple[str, ...]:
    """Lines in visual order, each at most ``width`` points wide (a longer word is cut).

    Widths add up word by word (reportlab does not kern), so each word is measured once.
    """
    space = _width(" ", font, size)
    lines: list[str] = []
    for paragraph in str(text or "").split("\n"):
        words, line, used = shape(" ".join(paragraph.split())).split(" "), "", 0.0
        for word in words:
            w = _width(word, font, size)
            if line and used + space + w <= width:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                lines.append(line)
            while w > width and len(word) > 1:
                cut = _fit(word, width, font, size)
                lines.append(word[:cut])
                word = word[cut:]
                w = _width(word, font, size)
            line, used = word, w
        lines.append(line)
    base = _base(str(text or ""), rtl)
    return tuple(_display(line, base) if has_rtl(line) else line.translate(_CONTROLS) for line in lines)


def _fit(word: str, width: float, font: str, size: float) -> int:
    cut = len(word)
    while cut > 1 and line_width(word[:cut], font, size) > width:
        cut -= 1
    return cut


def number(value: int | float | None, lang: str) -> str:
    if value is None:
        return "–"
    return format_decimal(value, locale=lang)


def pct(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return format_decimal(value, format="0.0", locale=lang) + "%"


def signed(value: int | float | None, lang: str, suffix: str = "") -> str:
    if value is None:
        return "–"
    pattern = "#,##0.0" if suffix == "%" else "#,##0.#"
    text = format_decimal(abs(value), format=pattern, locale=lang) + suffix
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


@lru_cache(maxsize=4096)
def day(value, lang: str) -> str:
    from datetime import date

    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, "d MMM y", locale=lang)


WEEK_OF = {"en": "week of {day}", "ar": "أسبوع {day}"}


@lru_cache(maxsize=4096)
def when(value, precision: str | None, lang: str) -> str:
    """A date as precisely as it was recorded: "3 June 2024", "week of 3 June 2024", "May 2024"
    or "2024" (never a made-up first of January)."""
    from datetime import date

    if isinstance(value, str):
        value = date.fromisoformat(value)
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_date(value, "LLLL y", locale=lang)
    full = format_date(value, "d MMMM y", locale=lang)
    return WEEK_OF[lang].format(day=full) if precision == "week" else full


_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "a", "و": "w", "ي": "y", "ى": "a", "ء": "'", "ؤ": "'", "ئ": "'", "\u064e": "a", "\u064f": "u",
    "\u0650": "i", "\u064b": "an", "\u064c": "un", "\u064d": "in", "\u0652": "", "\u0640": "",
}  # fmt: skip


def transliterate(text: str | None) -> str:
    """A plain Latin spelling of an Arabic name for the English edition, letter by letter (short
    vowels only where written): a stand-in when no English name is recorded, always marked as
    such where it is printed."""
    words = []
    for word in (text or "").split():
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "al-", word[2:]
        latin, previous = "", ""
        for char in word:
            if char == "\u0651":  # shadda: the consonant doubled
                latin += previous
                continue
            previous = _TRANSLIT.get(char, char)
            latin += previous
        words.append(prefix + (latin[:1].upper() + latin[1:] if not prefix else latin.capitalize()))
    return " ".join(words)


def months(start, end, lang: str) -> str:
    """Time between two dates in whole months, "27 months" / "27 شهراً" (Arabic number agreement)."""
    n = max(0, (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day))
    if lang != "ar":
        return "less than a month" if n == 0 else f"{n} month" if n == 1 else f"{n} months"
    if n == 1:
        return "شهر واحد"
    if n == 2:
        return "شهران"
    if 3 <= n <= 10:
        return f"{n} أشهر"
    return f"{n} شهراً" if n else "أقل من شهر"
