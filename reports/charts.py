"""Charts as reportlab drawings: one code path for the PDF (drawn as flowables) and the web
statistics page (rendered to SVG by ``to_svg``).

Every chart mirrors for Arabic: labels on the right, bars growing leftwards, time running from
right to left.
"""

import re

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from reports.text import FONT, FONT_BOLD, LATIN, face, number, register_fonts, shape, visual, wrap

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6675")
GRID = colors.HexColor("#d9dee5")
SERIES = (colors.HexColor("#1f4e79"), colors.HexColor("#c0504d"), colors.HexColor("#7f9f3f"))
TITLE_SIZE, LABEL_SIZE = 11, 8.5


def _title(drawing: Drawing, title: str, rtl: bool) -> None:
    x, anchor = (drawing.width, "end") if rtl else (0, "start")
    drawing.add(String(x, drawing.height - TITLE_SIZE - 2, visual(title, rtl), fontName=face(title, True),
                       fontSize=TITLE_SIZE, fillColor=INK, textAnchor=anchor))  # fmt: skip


def fit(text: str, width: float, rtl: bool, size: float = LABEL_SIZE) -> str:
    """One line no wider than ``width``, cut with an ellipsis if needed, in visual order."""
    text = " ".join(str(text).split())
    font = face(text)
    if pdfmetrics.stringWidth(shape(text), font, size) <= width:
        return visual(text, rtl)
    while len(text) > 1 and pdfmetrics.stringWidth(shape(text + "…"), font, size) > width:
        text = text[:-1]
    return visual(text.rstrip() + "…", rtl)


def ranked_bars(title: str, rows: list[tuple[str, int]], lang: str, width: float = 460) -> Drawing:
    """Horizontal bars, largest first: ``rows`` is [(label, value)]. A label too long for its
    column wraps onto more lines (its row grows), so a long label is printed whole."""
    register_fonts()
    rtl, row_height, head, line = lang == "ar", 17, 24, LABEL_SIZE + 1.5
    label_width, value_width = width * 0.36, 42
    labels = [wrap(label, label_width - 6, rtl, face(label), LABEL_SIZE) for label, _value in rows]
    heights = [row_height + (len(lines) - 1) * line for lines in labels]
    drawing = Drawing(width, head + (sum(heights) if rows else row_height) + 4, initialFontName=LATIN)
    _title(drawing, title, rtl)
    bar_room = width - label_width - value_width - 8
    largest = max([value for _label, value in rows] or [1]) or 1
    top = drawing.height - head
    for (_label, value), lines, height in zip(rows, labels, heights, strict=True):
        top -= height
        y = top + 4 + (height - row_height) / 2  # the bar, centred on its label's lines
        length = max(bar_room * value / largest, 0.5 if value else 0)
        if rtl:
            bar_x, label_x, value_x, label_anchor, value_anchor = (
                width - label_width - length, width, width - label_width - length - 4, "end", "end")  # fmt: skip
        else:
            bar_x, label_x, value_x, label_anchor, value_anchor = (
                label_width, label_width - 6, label_width + length + 4, "end", "start")  # fmt: skip
        baseline = y + 3 + (len(lines) - 1) * line / 2
        for text in lines:
            drawing.add(String(label_x, baseline, text, fontName=face(text), fontSize=LABEL_SIZE, fillColor=INK,
                               textAnchor=label_anchor))  # fmt: skip
            baseline -= line
        drawing.add(Rect(bar_x, y, length, row_height - 6, fillColor=SERIES[0], strokeColor=None))
        drawing.add(String(value_x, y + 3, number(value, lang), fontName=LATIN, fontSize=LABEL_SIZE,
                           fillColor=MUTED, textAnchor=value_anchor))  # fmt: skip
    return drawing


def column_bars(
    title: str, categories: list[str], series: list[tuple[str, list[int]]], lang: str,
    width: float = 460, height: float = 200,
) -> Drawing:  # fmt: skip
    """Vertical bars per category (months, years); several series side by side with a legend."""
    register_fonts()
    rtl = lang == "ar"
    drawing = Drawing(width, height, initialFontName=LATIN)
    _title(drawing, title, rtl)
    legend = 16 if len(series) > 1 else 0
    bottom, top = 18, height - 26 - legend
    axis_width = 30
    left, right = (0, width - axis_width) if rtl else (axis_width, width)
    largest = max([v for _name, values in series for v in values] or [1]) or 1
    step = _nice_step(largest)
    ceiling = step * -(-largest // step)
    for k in range(int(ceiling // step) + 1):
        y = bottom + (top - bottom) * k * step / ceiling
        drawing.add(Line(left, y, right, y, strokeColor=GRID, strokeWidth=0.5))
        x, anchor = (right + 4, "start") if rtl else (left - 4, "end")
        drawing.add(String(x, y - 3, number(k * step, lang), fontName=LATIN, fontSize=7, fillColor=MUTED,
                           textAnchor=anchor))  # fmt: skip
    slot = (right - left) / max(len(categories), 1)
    bar_width = slot * 0.7 / max(len(series), 1)
    for i, category in enumerate(categories):
        position = len(categories) - 1 - i if rtl else i
        x0 = left + position * slot + slot * 0.15
        for j, (_name, values) in enumerate(series):
            value = values[i]
            j_pos = len(series) - 1 - j if rtl else j
            bar_height = (top - bottom) * value / ceiling
            x = x0 + j_pos * bar_width
            drawing.add(Rect(x, bottom, bar_width * 0.92, bar_height, fillColor=SERIES[j % len(SERIES)],
                             strokeColor=None))  # fmt: skip
            if value and len(categories) * len(series) <= 16:
                drawing.add(String(x + bar_width * 0.46, bottom + bar_height + 2, number(value, lang),
                                   fontName=LATIN, fontSize=7, fillColor=MUTED, textAnchor="middle"))  # fmt: skip
        drawing.add(String(left + position * slot + slot / 2, bottom - 11, fit(category, slot - 2, rtl, 7.5),
                           fontName=face(category), fontSize=7.5, fillColor=INK, textAnchor="middle"))  # fmt: skip
    if legend:
        x = width if rtl else 0
        for j, (name, _values) in enumerate(series):
            box = x - 9 if rtl else x
            drawing.add(Rect(box, height - 36, 9, 9, fillColor=SERIES[j % len(SERIES)], strokeColor=None))
            label_x = box - 4 if rtl else box + 13
            drawing.add(String(label_x, height - 35, visual(name, rtl), fontName=face(name), fontSize=8,
                               fillColor=INK, textAnchor="end" if rtl else "start"))  # fmt: skip
            advance = 24 + pdfmetrics.stringWidth(shape(name), face(name), 8)
            x = x - advance if rtl else x + advance
    return drawing


def _nice_step(largest: int) -> int:
    """A round gridline step giving 3-6 lines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        if largest / step <= 6:
            return step
    return 10 ** len(str(largest))


# --- the report's charts -----------------------------------------------------------------------

TITLES = {
    "months": ("Incidents by month", "الحوادث حسب الشهر"),
    "types": ("Incidents by violation type", "الحوادث حسب نوع الانتهاك"),
    "perpetrators": ("Incidents by perpetrator", "الحوادث حسب الجهة المنتهكة"),
    "governorates": ("Incidents by governorate", "الحوادث حسب المحافظة"),
    "years": ("Incidents and victims per year", "الحوادث والضحايا حسب السنة"),
}
SERIES_NAMES = {
    "incidents": ("Incidents", "الحوادث"),
    "victims": ("Victims (journalists)", "الضحايا (صحفيون)"),
}
TOP_RANKED = 12


def report_charts(stats: dict, lang: str, width: float = 460) -> list[tuple[str, str, Drawing]]:
    """[(key, title, drawing)] of the report, from reports.statistics data: the PDF draws them,
    the web statistics page shows them as SVG."""
    ar = lang == "ar"

    def title(key):
        return TITLES[key][1] if ar else TITLES[key][0]

    def name(key):
        return SERIES_NAMES[key][1] if ar else SERIES_NAMES[key][0]

    def label(row):
        return row["label_ar"] if ar else row["label_en"]

    def ranked(rows):
        return [(label(r), r["count"]) for r in rows[:TOP_RANKED]]

    months = [r for r in stats["months"]["rows"] if r["code"]]
    roots = sorted((r for r in stats["violation_types"]["rows"] if r["parent"] is None and r["count"]),
                   key=lambda r: -r["count"])  # fmt: skip
    years = stats["trend"]["rows"]
    return [
        ("months", title("months"), column_bars(title("months"), [label(r) for r in months],
                                                [(name("incidents"), [r["count"] for r in months])], lang, width)),
        ("types", title("types"), ranked_bars(title("types"), ranked(roots), lang, width)),
        ("perpetrators", title("perpetrators"),
         ranked_bars(title("perpetrators"), ranked(stats["perpetrator_types"]["rows"]), lang, width)),
        ("governorates", title("governorates"),
         ranked_bars(title("governorates"), ranked(stats["governorates"]["rows"]), lang, width)),
        ("years", title("years"), column_bars(title("years"), [str(r["year"]) for r in years],
                                              [(name("incidents"), [r["incidents"] for r in years]),
                                               (name("victims"), [r["victims"] for r in years])], lang, width)),
    ]  # fmt: skip


# --- SVG for the web page -----------------------------------------------------------------------

_PREAMBLE = re.compile(r"^.*?(?=<svg)", re.S)
_STYLE = re.compile(r'style="([^"]*)"')
_META = re.compile(r"\s*<(title|desc)>.*?</\1>", re.S)


def _attributes(match: re.Match) -> str:
    """``style="a: b; c: d"`` -> ``a="b" c="d"``: presentation attributes, which the page's
    Content-Security-Policy (no inline styles) allows."""
    pairs = [part.split(":", 1) for part in match.group(1).split(";") if ":" in part]
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def to_svg(drawing: Drawing, label: str, uid: str = "chart") -> str:
    """Inline SVG markup. Text is already shaped and in visual order, so the browser is told
    not to reorder it again (``unicode-bidi="bidi-override"``). ``uid`` keeps the element ids
    of several charts on one page apart."""
    svg = renderSVG.drawToString(drawing)
    svg = svg.replace('id="clip"', f'id="{uid}-clip"').replace("url(#clip)", f"url(#{uid}-clip)")
    svg = svg.replace('id="group"', f'id="{uid}-group"')
    svg = _META.sub("", _PREAMBLE.sub("", svg, count=1))
    svg = _STYLE.sub(_attributes, svg)
    svg = svg.replace("<text ", '<text direction="ltr" unicode-bidi="bidi-override" ')
    # The web page's Amiri is one family in two weights (css/ar.css), cut to the shaped forms
    # the charts draw; the advance widths the layout was measured with are Amiri's own.
    svg = svg.replace(f'font-family="{FONT_BOLD}"', f'font-family="{FONT}" font-weight="700"')
    title = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{title}" class="chart" ', 1)
