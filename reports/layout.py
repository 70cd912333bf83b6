"""Flowables for both reading directions: wrapped text, headings with a table of contents, tables.

Text is shaped, wrapped in logical order and reordered line by line (reports.text); Arabic lines
are drawn right-aligned and Arabic tables run from right to left (first column on the right).
"""

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from reports.text import FONT, FONT_BOLD, LATIN, draw_line, face, has_marks, runs, visual, wrap

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6675")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#c9d1db")
ZEBRA = colors.HexColor("#f3f5f8")
HEAD = colors.HexColor("#e4eaf1")
TABLE_CHUNK = 150  # rows per Table: splitting one huge table page by page is quadratic


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
         size: float = 8, total_width: float = 495) -> list[Table]:  # fmt: skip
    """A table (in chunks) whose cells are wrapped to their column; reversed for Arabic.

    ``widths`` are fractions of ``total_width``; ``numeric`` the indexes of number columns.
    """
    col_widths = [w * total_width for w in widths]

    order = list(range(len(headers)))
    if rtl:
        order.reverse()
    default = FONT if rtl else LATIN
    fonts = []  # per-cell fonts that differ from the table's: (column, row, font)

    def cells(values, bold, row):
        out = []
        for i, (v, w) in enumerate(zip(values, col_widths, strict=True)):
            text = "" if v is None else str(v)
            font = face(text, bold)
            if font.replace("-Bold", "") != default:
                fonts.append((order.index(i), row, font))
            lines = wrap(text, w - 6, rtl, font, size)
            if any(has_marks(line) or len(runs(line, font)) > 1 for line in lines):
                # drawn by us: marks over their letters, digits and Latin words in the Latin face
                out.append(MarkedLines(lines, font, size, size + 2.2, w - 6, rtl or i in numeric))
            else:
                out.append("\n".join(lines))
        return out

    head = cells(headers, True, 0)
    body = [cells(row, False, n + 1) for n, row in enumerate(rows)]
    head = [head[i] for i in order]
    body = [[row[i] for i in order] for row in body]
    col_widths = [col_widths[i] for i in order]
    style = [
        ("FONT", (0, 0), (-1, -1), default, size, size + 2.2),
        ("FONT", (0, 0), (-1, 0), face("" if not rtl else "ع", True), size, size + 2.2),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT" if rtl else "LEFT"),
    ]
    for index in numeric:
        column = order.index(index)
        style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    tables = []
    for start in range(0, max(len(body), 1), TABLE_CHUNK):
        end = start + TABLE_CHUNK
        own = [("FONT", (c, r if r == 0 else r - start), (c, r if r == 0 else r - start), f, size, size + 2.2)
               for c, r, f in fonts if r == 0 or start < r <= end]  # fmt: skip
        table = Table([head, *body[start:end]], colWidths=col_widths, repeatRows=1)
        table.setStyle(TableStyle(style + own))
        tables.append(table)
    tables[-1].spaceAfter = 12
    return tables


class MarkedLines(Flowable):
    """The lines of a table cell with Arabic short vowels, drawn with each mark over its letter."""

    def __init__(self, lines, font: str, size: float, leading: float, width: float, right: bool):
        super().__init__()
        self.lines, self.font, self.size, self.leading, self.right = lines, font, size, leading, right
        self.width, self.height = width, len(lines) * leading

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        self.canv.setFont(self.font, self.size)
        y = self.height - self.size
        for line in self.lines:
            draw_line(self.canv, self.width if self.right else 0, y, line, self.font, self.size,
                      "end" if self.right else "start")  # fmt: skip
            y -= self.leading
