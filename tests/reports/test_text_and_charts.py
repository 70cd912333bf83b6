"""Arabic shaping and line order, and the charts' SVG for the web page."""

import re

import pytest
from bidi.algorithm import get_display

from reports import charts
from reports.text import register_fonts, shape, signed, visual, wrap
from tracker.core import vocab


def test_visual_joins_letters_and_mirrors_brackets():
    line = visual("قتل (متعمد)", True)
    assert line.startswith("(") and line.endswith(shape("قتل")[::-1])  # opening bracket drawn on the left
    assert "\ufe8e" in visual("الضحايا", True)  # a final-form alef: letters are shaped
    assert visual("Marib 2024", True) == "Marib 2024"  # no Arabic, nothing to do


def test_wrap_keeps_the_reading_order_of_lines():
    register_fonts()
    words = ["أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً"]
    lines = wrap(" ".join(words * 6), 120, rtl=True)
    assert len(lines) > 3
    first, last = lines[0], lines[-1]
    # each line is drawn left to right: its first Arabic word is at the right end
    assert first.endswith(get_display(shape("أولاً"), base_dir="R"))
    assert last.startswith(get_display(shape("ثامناً"), base_dir="R"))


def test_signed_numbers():
    assert signed(4, "en") == "+4" and signed(-5, "en") == "−5" and signed(22.0, "en", "%") == "+22.0%"
    assert signed(None, "en") == "–"


def test_ranked_bars_mirror_for_arabic():
    rows = [("قتل", 10), ("تهديد", 5)]
    english, arabic = charts.ranked_bars("Types", rows, "en"), charts.ranked_bars("الأنواع", rows, "ar")
    en_bar = next(c for c in english.contents if c.__class__.__name__ == "Rect")
    ar_bar = next(c for c in arabic.contents if c.__class__.__name__ == "Rect")
    assert en_bar.x < english.width / 2 < ar_bar.x + ar_bar.width  # bars grow from the label side


def test_svg_is_inline_safe_and_unique():
    drawing = charts.column_bars("الحوادث حسب الشهر", ["يناير", "فبراير"], [("الحوادث", [3, 1])], "ar")
    svg = charts.to_svg(drawing, 'a "title" <x>', "chart-months")
    assert svg.startswith("<svg ") and "<?xml" not in svg
    assert "style=" not in svg  # the page's CSP allows no inline styles
    assert 'id="chart-months-clip"' in svg and "url(#chart-months-clip)" in svg
    assert 'aria-label="a &quot;title&quot; &lt;x&gt;"' in svg
    assert all('unicode-bidi="bidi-override"' in tag for tag in re.findall(r"<text [^>]*>", svg))
    # January is on the right in Arabic
    january = re.search(r'<text [^>]*x="([\d.]+)"[^>]*>' + re.escape(visual("يناير", True)), svg)
    february = re.search(r'<text [^>]*x="([\d.]+)"[^>]*>' + re.escape(visual("فبراير", True)), svg)
    assert float(january.group(1)) > float(february.group(1))


def test_svg_arabic_text_uses_the_web_font_family_with_its_weight_and_embeds_no_font():
    """The page's Arabic face (css/ar.css: Amiri, one family, 400 and 700) draws the charts'
    shaped text: the bold title asks for weight 700 of it, not a second family."""
    drawing = charts.ranked_bars("الحوادث حسب النوع", [("قتل", 3), ("اختطاف", 1)], "ar")
    svg = charts.to_svg(drawing, "x")
    tags = re.findall(r"<text [^>]*>", svg)
    arabic = [t for t in tags if 'font-family="Amiri"' in t]
    assert len(arabic) == 3 and sum('font-weight="700"' in t for t in arabic) == 1
    assert "Amiri-Bold" not in svg and "@font-face" not in svg and "base64" not in svg


def test_short_vowels_are_kept_and_drawn_over_their_letter():
    from reportlab.pdfbase import pdfmetrics

    from reports.text import FONT, draw_line, register_fonts, visual

    register_fonts()
    line = visual("قُتلوا", True)
    assert "\u064f" in line  # «قُتلوا» (were killed), not «قتلوا» (killed)

    class Canvas:
        def __init__(self):
            self.calls = []

        def drawString(self, x, y, text):  # noqa: N802 (reportlab's name)
            self.calls.append((x, text))

    canvas = Canvas()
    draw_line(canvas, 0, 0, line, FONT, 20)
    (bare_x, bare), (mark_x, mark) = canvas.calls
    assert mark == "\u064f" and "\u064f" not in bare
    # the letter after the mark in visual order is its qaf: the mark's outline centre is over it
    index = line.index("\u064f")
    qaf_left = bare_x + pdfmetrics.stringWidth(line[:index], FONT, 20)
    qaf_width = pdfmetrics.stringWidth(line[index + 1], FONT, 20)
    centre = mark_x + 249.5 * 20 / 1000
    assert qaf_left < centre < qaf_left + qaf_width


def test_a_marked_title_keeps_its_brackets_on_its_side():
    from reports.text import isolate, visual, wrap

    line = visual(isolate("[Arabic title]", "الاعتداء على رئيس تحرير موقع «منارة البحر»", False), False)
    assert line.startswith("[Arabic title] ") and "\u200e" not in line
    [first, *_] = wrap(isolate("[Arabic title]", "منع مراسل من السفر", False), 400, False)
    assert first.startswith("[Arabic title] ")
    arabic = visual(isolate("[عنوان إنجليزي]", "Travel ban on a reporter", True), True)
    assert arabic.endswith("]") or arabic.rstrip().endswith("]")  # the marker stays at the right end


def _printed_whole(label: str, lines: list[str], rtl: bool) -> bool:
    """Whether consecutive ``lines`` of a drawing print every word of ``label`` in order."""
    words = label.split()
    for start in range(len(lines)):
        rest, k = list(words), start
        while rest and k < len(lines):
            cut = next((n for n in range(len(rest), 0, -1) if visual(" ".join(rest[:n]), rtl) == lines[k]), 0)
            if not cut:
                break
            rest, k = rest[cut:], k + 1
        if not rest:
            return True
    return False


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_long_perpetrator_labels_are_printed_whole_in_the_charts(lang):
    """A label longer than the chart's label column wraps onto more lines, each within the
    column, instead of being cut ("State security forces (police, ar…")."""
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase import pdfmetrics

    rtl = lang == "ar"
    labels = [pair[1 if rtl else 0] for pair in vocab.PERPETRATOR_TYPES.values()]
    rows = [(label, 20 - n) for n, label in enumerate(labels)]
    drawing = charts.ranked_bars("Perpetrators", rows, lang, width=300)  # the web page's is narrow too
    texts = [s for s in drawing.contents if isinstance(s, String)][1:]  # after the title
    lines = [s.text for s in texts]
    assert not any("…" in line for line in lines)
    for label in labels:
        assert _printed_whole(label, lines, rtl), label
    column = drawing.width * 0.36 - 6
    for s in texts:
        if not s.text.isdigit():
            assert pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize) <= column, s.text
    assert len([s for s in texts if not s.text.isdigit()]) > len(labels)  # some wrapped
