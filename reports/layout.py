"""Flowables for both reading directions: wrapped text, headings with a table of contents, tables.

Text is shaped, wrapped in logical order and reordered line by line (reports.text); Arabic lines
are drawn right-aligned and Arabic tables run from right to left (first column on the right).
"""

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from reports.text import FONT, FONT_BOLD, draw_line, face, placed, visual, wrap

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6675")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#c9d1db")
ZEBRA = colors.HexColor("#f3f5f8")
HEAD = colors.HexColor("#e4eaf1")


class TextBlock(Flowable):
    """A paragraph in one direction, wrapped to the frame; splits across pages by lines."""

    def __init__(self, text: str, rtl: bool, size: float = 10, font: str = FONT, color=INK,
                 leading: float | None = None, space_after: float = 6, lines: list[str] | None = None):  # fmt: skip
        super().__init__()
        if font in (FONT, FONT_BOLD):  # the face of the text's script
            font = face(text, font == FONT_BOLD)
        self.text, self.rtl, self.size, self.font, self.color = text, rtl, size, font, color
        self.leading = leading or size * 1.45
        self.space_after = space_after
        self.lines = lines
        self._width = 0

    def wrap(self, available_width, available_height):
        if self.lines is None or self._width != available_width:
            self.lines = list(wrap(self.text, available_width, self.rtl, self.font, self.size))
            self._width = available_width
        self.width, self.height = available_width, len(self.lines) * self.leading + self.space_after
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fits = int((available_height - self.space_after) // self.leading)
        if fits < 2 or fits >= len(self.lines):
            return []
        head, tail = self.lines[:fits], self.lines[fits:]
        return [self._copy(head, 0), self._copy(tail, self.space_after)]

    def _copy(self, lines, space_after):
        return TextBlock(
            self.text, self.rtl, self.size, self.font, self.color, self.leading, space_after, lines
        )

    def draw(self):
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.color)
        y = self.height - self.space_after - self.size
        for line in self.lines:
            draw_line(canvas, self.width if self.rtl else 0, y, line, self.font, self.size,
                      "end" if self.rtl else "start")  # fmt: skip
            y -= self.leading


class Heading(TextBlock):
    """A section title; the document records its page for the table of contents."""

    SIZES = {0: 17, 1: 12}

    def __init__(self, text: str, rtl: bool, level: int = 0):
        super().__init__(text, rtl, size=self.SIZES[level], font=FONT_BOLD, color=ACCENT, space_after=6)
        self.level = level
        self.keepWithNext = True

    def split(self, available_width, available_height):
        return []


class TableOfContents(Flowable):
    """Reserves a page and draws a PDF form that ``TocDefinition`` fills in at the end of the
    document, once every heading's page is known: one pass instead of reportlab's two."""

    FORM = "table-of-contents"

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height
        return self.width, self.height

    def draw(self):
        self.canv.doForm(self.FORM)


class TocDefinition(Flowable):
    def __init__(self, title: str, entries: list, rtl: bool, lang: str, area: tuple[float, float]):
        super().__init__()
        self.title, self.entries, self.rtl, self.lang = title, entries, rtl, lang
        self.area = area  # (width, height) of the TableOfContents flowable

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        from reports.text import number

        canvas = self.canv
        width, height = self.area
        canvas.beginForm(TableOfContents.FORM)
        canvas.setFillColor(ACCENT)
        canvas.setFont(face(self.title, True), 17)
        title = visual(self.title, self.rtl)
        canvas.drawRightString(width, height - 24, title) if self.rtl else canvas.drawString(
            0, height - 24, title
        )
        y = height - 56
        for level, text, page in self.entries:
            size = 11 if level == 0 else 9.5
            canvas.setFont(face(text, level == 0), size)
            canvas.setFillColor(INK if level == 0 else MUTED)
            indent = 0 if level == 0 else 16
            label, page_text = visual(text, self.rtl), number(page, self.lang)
            if self.rtl:
                draw_line(canvas, width - indent, y, label, face(text, level == 0), size, "end")
                canvas.setFont(face(page_text, level == 0), size)
                canvas.drawString(0, y, page_text)
            else:
                draw_line(canvas, indent, y, label, face(text, level == 0), size, "start")
                canvas.setFont(face(page_text, level == 0), size)
                canvas.drawRightString(width, y, page_text)
            y -= 17 if level == 0 else 14
            if y < 20:
                break
        canvas.endForm()


def grid(headers: list[str], rows: list[list], widths: list[float], rtl: bool, numeric: set[int] = frozenset(),
         size: float = 8, total_width: float = 495) -> list["Grid"]:  # fmt: skip
    """A table whose cells are wrapped to their column; reversed for Arabic (first column on the
    right). ``widths`` are fractions of ``total_width``; ``numeric`` the indexes of number columns.
    Each cell is drawn in the face of its script, digits and Latin runs of Arabic cells in the
    Latin face (``reports.text.draw_line``)."""
    col_widths = [w * total_width for w in widths]
    order = list(range(len(headers)))
    if rtl:
        order.reverse()
    right = [rtl or i in numeric for i in order]

    def cells(values, bold):
        out = []
        for i in order:
            text = "" if values[i] is None else str(values[i])
            font = face(text, bold)
            out.append((wrap(text, col_widths[i] - 2 * PADDING, rtl, font, size), font))
        return tuple(out)

    table = Grid(
        cells(headers, True), [cells(row, False) for row in rows], [col_widths[i] for i in order], right, size
    )
    table.spaceAfter = 12
    return [table]


PADDING, TOP_PADDING, BOTTOM_PADDING = 3, 2, 3


class Grid(Flowable):
    """A table of wrapped cells: the header row on a tint, zebra rows, a rule under the header and
    under the last row. Rows are measured once; a page break splits between rows in time linear in
    the rows (reportlab's Table measures the rest of the table again at every page) and repeats the
    header at the top of the new page, and only there."""

    def __init__(self, head: tuple, body: list[tuple], widths: list[float], right: list[bool], size: float,
                 heights: list[float] | None = None, start: int = 0, last: bool = True):  # fmt: skip
        super().__init__()
        self.head, self.body, self.widths, self.right, self.size = head, body, widths, right, size
        self.leading = size + 2.2
        self.hAlign = "CENTER"
        self.heights = heights if heights is not None else [self._row_height(row) for row in body]
        self.head_height = self._row_height(head)
        self.start = start  # index of its first row in the whole table: the zebra runs on
        self.last = last  # holds the table's last row
        self.width = sum(widths)
        self.height = self.head_height + sum(self.heights)

    def _row_height(self, row) -> float:
        return max(len(lines) for lines, _font in row) * self.leading + TOP_PADDING + BOTTOM_PADDING

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def split(self, available_width, available_height):
        room, fits = available_height - self.head_height, 0
        while fits < len(self.body) and self.heights[fits] <= room:
            room -= self.heights[fits]
            fits += 1
        if fits == 0 or fits == len(self.body):
            return []
        args = self.head, self.widths, self.right, self.size
        head = Grid(args[0], self.body[:fits], *args[1:], self.heights[:fits], self.start, False)
        tail = Grid(args[0], self.body[fits:], *args[1:], self.heights[fits:], self.start + fits, self.last)
        tail.spaceAfter = self.spaceAfter
        return [head, tail]

    def draw(self):
        canvas, width = self.canv, self.width
        rows = [(self.head, self.head_height, HEAD)]
        rows += [(row, height, ZEBRA if (self.start + n) % 2 else None)
                 for n, (row, height) in enumerate(zip(self.body, self.heights, strict=True))]  # fmt: skip
        y = self.height
        for _row, height, tint in rows:  # backgrounds first, text over them
            y -= height
            if tint is not None:
                canvas.setFillColor(tint)
                canvas.rect(0, y, width, height, stroke=0, fill=1)
        canvas.setFillColor(INK)
        # One text object for the whole table, written as PDF operators: each piece of text is
        # encoded for its font subset once per document (places, types and dates repeat on every
        # page), where reportlab's drawString would encode it again at every draw.
        encoded = canvas.__dict__.setdefault("_report_encoded", {})
        size = f"{fp_str(self.size)} Tf {fp_str(self.leading)} TL"
        code, current, top = ["BT"], None, self.height
        for row, height, _tint in rows:
            x = 0.0
            for (lines, font), column_width, right in zip(row, self.widths, self.right, strict=True):
                baseline = top - TOP_PADDING - self.size
                for line in lines:
                    line_width, pieces = placed(line, font, self.size)
                    pen = x + column_width - PADDING - line_width if right else x + PADDING
                    for offset, piece, piece_face in pieces:
                        parts = encoded.get((piece_face, piece))
                        if parts is None:
                            parts = encoded[piece_face, piece] = _encode(canvas, piece_face, piece)
                        code.append(f"1 0 0 1 {fp_str(pen + offset, baseline)} Tm")
                        for subset, shown in parts:
                            if subset != current:
                                code.append(f"{subset} {size}")
                                current = subset
                            code.append(shown)
                    baseline -= self.leading
                x += column_width
            top -= height
        code.append("ET")
        canvas.addLiteral("\n".join(code))
        canvas.setLineCap(1)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(0, self.height - self.head_height, width, self.height - self.head_height)
        if self.last:  # the rule ends the table, not each page of it
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(0, 0, width, 0)


def _encode(canvas, font_name: str, text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (font subset resource, show-text operator) pairs of an embedded TrueType font,
    as reportlab's text objects write it."""
    font = pdfmetrics.getFont(font_name)
    doc = canvas._doc
    return tuple((font.getSubsetInternalName(subset, doc), f"({escapePDF(part)}) Tj")
                 for subset, part in font.splitString(text, doc))  # fmt: skip
