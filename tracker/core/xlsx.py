"""An XLSX workbook written as it is read: ``stream(rows)`` yields the file in pieces, the first
before any row is taken, memory bounded by one batch of rows whatever their number.

The workbook is the minimal SpreadsheetML package (content types, relationships, workbook,
styles, one sheet) in a zip written to an output that cannot seek: ``zipfile`` then writes each
member's sizes and checksum after its data (a data descriptor), so no part is ever held back.
Text cells are inline strings (``t="inlineStr"``), which a spreadsheet never reads as a formula;
numbers are numbers. Characters XML cannot hold are left out (a title pasted with a control
character would otherwise break the whole file). Cell rules (formula-looking text) are
``tracker.core.spreadsheet``'s, applied by the caller.
"""

import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_STAMP = (1980, 1, 1, 0, 0, 0)  # a fixed time: the same rows give the same bytes
_BATCH = 200  # rows compressed and handed on at a time

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# What XML 1.0 cannot hold (left out), what must be escaped, and an underscore that a spreadsheet
# would read as the start of an escaped character (``_x0041_`` is "A" to Excel): written ``_x005F_``.
_SPECIAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff&<>\r]|_(?=x[0-9A-Fa-f]{4}_)")
_REPLACE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "_": "_x005F_"}


def _replace(match: re.Match) -> str:
    return _REPLACE.get(match.group(), "")


def escape(text: str) -> str:
    """``text`` as the content of an XML element in a sheet."""
    return _SPECIAL.sub(_replace, text)


def column_name(index: int) -> str:
    """The letters of the 0-based column ``index`` (0 -> A, 26 -> AA)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(ref: str, value, last: bool = False) -> str:
    """One cell: a number, an inline string, or empty: left out, but for the last of a row (so
    that every row spans the same columns for readers that take rows as they come)."""
    if value is None or value == "":
        return f'<c r="{ref}"/>' if last else ""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = escape(value if isinstance(value, str) else str(value))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _row(number: int, values: Sequence, columns: list[str]) -> str:
    last = len(values) - 1
    cells = "".join([_cell(f"{columns[i]}{number}", value, i == last) for i, value in enumerate(values)])
    return f'<row r="{number}">{cells}</row>'


def _sheet_head(right_to_left: bool) -> str:
    view = ' rightToLeft="1"' if right_to_left else ""
    return (
        _HEAD + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<sheetViews><sheetView{view} workbookViewId="0"/></sheetViews><sheetData>'
    )


def _workbook(sheet_name: str) -> str:
    name = escape(sheet_name).replace('"', "&quot;")  # an attribute
    return (
        _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


class _Pieces:
    """A write-only binary file that keeps what is written until it is taken."""

    def __init__(self):
        self._parts = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def stream(
    rows: Iterable[Sequence], sheet_name: str = "Sheet1", right_to_left: bool = False
) -> Iterator[bytes]:
    """The bytes of a workbook of one sheet holding ``rows`` (the first is usually the header),
    in pieces. A cell is text, a number, or None/'' (empty)."""
    out = _Pieces()
    with zipfile.ZipFile(out, "w") as book:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", _workbook(sheet_name)),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
        ):
            book.writestr(_member(name), text)
        # zip64: the sheet's size is not known before it is written, and a registry's full file
        # can pass the 2 GiB a plain entry holds (about 3 KB a public incident)
        with book.open(_member("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as sheet:
            sheet.write(_sheet_head(right_to_left).encode())
            yield out.take()  # the first piece, before any row is read
            columns: list[str] = []
            batch = []
            for number, row in enumerate(rows, 1):
                while len(columns) < len(row):
                    columns.append(column_name(len(columns)))
                batch.append(_row(number, row, columns))
                if len(batch) == _BATCH:
                    sheet.write("".join(batch).encode())
                    batch.clear()
                    piece = out.take()
                    if piece:
                        yield piece
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
    yield out.take()


def write(rows: Iterable[Sequence], out, **options) -> None:
    """``stream(rows)`` into the binary file ``out``."""
    for piece in stream(rows, **options):
        out.write(piece)
