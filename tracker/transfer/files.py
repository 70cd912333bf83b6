"""Reading CSV and XLSX files into flat-form rows, with an optional column mapping.

Headers are matched to columns by name or by their English or Arabic short name
(``columns.HELP``), Arabic-normalised. A mapping file (JSON) handles other layouts:

    {"columns": {"Their header": "incident_ref", ...}, "defaults": {"country": "YE"}}

(a plain ``{"Their header": "column"}`` object works too). Columns that match nothing are
reported and ignored.
"""

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, has_app_context
from flask_babel import gettext as _

from tracker.core import spreadsheet
from tracker.transfer.columns import ALL_COLUMNS, header_key, header_table

FORMATS = ("csv", "xlsx")
HEADER_SEARCH = 10  # rows looked at for the header (titles above it are skipped)


class BadFile(ValueError):
    """The file cannot be read at all (not the rows in it)."""


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # normalised header -> column
    defaults: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, text: str | bytes | None) -> "Mapping":
        if not text:
            return cls()
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise BadFile(_("The mapping file is not valid JSON.")) from exc
        if not isinstance(raw, dict):
            raise BadFile(_("The mapping file is not valid JSON."))
        columns = raw.get("columns", raw if "defaults" not in raw else {})
        defaults = raw.get("defaults", {})
        if not _text_map(columns) or not _text_map(defaults, values=(str, int, float, bool)):
            raise BadFile(_("The mapping file must be a JSON object: columns (your header → column), "
                            "defaults (column → value)."))  # fmt: skip
        unknown = [c for c in [*columns.values(), *defaults] if c not in ALL_COLUMNS]
        if unknown:
            raise BadFile(_("The mapping names an unknown column: %(column)s", column=unknown[0]))
        return cls({header_key(k): v for k, v in columns.items()}, {k: str(v) for k, v in defaults.items()})


def _text_map(value, values=(str,)) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, values) for k, v in value.items()
    )


@dataclass
class Sheet:
    columns: list[str | None]  # flat column of each file column (None: ignored)
    ignored: list[str]
    rows: Iterator[tuple[int, dict]]  # (row number in the file, {column: value})
    mapped: list[tuple[str, str]] = field(default_factory=list)  # (header as written, column)
    numbered_by_row: bool = False  # no reference column: each row is one incident
    defaults: frozenset = frozenset()  # columns the mapping gives every row (not written in a row)


def _limits() -> tuple[int, int, int]:
    """Rows, uncompressed bytes of a workbook, characters of a cell (config, with safe defaults)."""
    config = current_app.config if has_app_context() else {}
    return (
        int(config.get("IMPORT_MAX_ROWS", 200_000)),
        int(config.get("IMPORT_MAX_UNCOMPRESSED", 100 * 1024 * 1024)),
        int(config.get("IMPORT_MAX_CELL", 100_000)),
    )


def format_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise BadFile(_("Give a .csv or .xlsx file."))
    return suffix


def read(data: bytes, filename: str, mapping: Mapping | None = None) -> Sheet:
    mapping = mapping or Mapping()
    raw_rows = _xlsx_rows(data) if format_of(filename) == "xlsx" else _csv_rows(data)
    known = header_table()
    # A sheet may start with its title and a blank line: the header is the first of the first
    # rows that names at least two columns the tracker knows.
    header_row = 0
    for header_row, header in enumerate(raw_rows, start=1):
        names = [header_key(str(cell or "")) for cell in header]
        if (
            sum(1 for n in names if n and (mapping.columns.get(n) or known.get(n))) >= 2
            or header_row == HEADER_SEARCH
        ):
            break
    else:
        raise BadFile(_("The file is empty.") if header_row == 0 else _("No header row: name the columns."))
    columns, ignored, mapped = [], [], []
    for cell in header:
        name = header_key(str(cell or ""))
        column = mapping.columns.get(name) or known.get(name)
        if column in columns:
            column = None  # a second column for the same field: the first one counts
        columns.append(column)
        if column is None and name:
            ignored.append(str(cell))
        elif column is not None:
            mapped.append((str(cell).strip(), column))
    numbered_by_row = "incident_ref" not in columns  # a list with one incident per row
    if sum(1 for c in columns if c) < 2:
        raise BadFile(
            _("No header row with the tracker's columns was found: add one, or a mapping that names them.")
        )
    max_rows, _bytes, max_cell = _limits()

    def rows():
        number = header_row
        for number, values in enumerate(raw_rows, start=header_row + 1):
            if number > max_rows + 1:
                raise BadFile(_("The file has more than %(n)s rows: split it.", n=max_rows))
            if any(isinstance(v, str) and len(v) > max_cell for v in values):
                raise BadFile(
                    _("Row %(row)s has a cell longer than %(n)s characters.", row=number, n=max_cell)
                )
            cells = dict(mapping.defaults)
            for column, value in zip(columns, values, strict=False):
                if column is not None and value not in (None, ""):
                    cells[column] = spreadsheet.restore(value) if isinstance(value, str) else value
            if len(cells) > len(mapping.defaults):
                if numbered_by_row:  # the row number: groups nothing, matches no recorded case
                    cells["incident_ref"] = str(number)
                yield number, cells
        if number == header_row:
            raise BadFile(_("The file has a header but no rows."))

    return Sheet(columns, ignored, rows(), mapped, numbered_by_row, frozenset(mapping.defaults))


def _csv_rows(data: bytes) -> Iterator[list]:
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")  # Arabic Windows, as older Excel saves CSV
        except UnicodeDecodeError as exc:
            raise BadFile(_("The file is not UTF-8 text.")) from exc
    if "\x00" in text:
        raise BadFile(_("The file is not UTF-8 text."))
    text = text.lstrip("\ufeff")
    lines = text.split("\n", 2)
    delimiter = max((",", ";", "\t"), key=lines[0].count)
    if len(lines) > 1 and lines[1].strip() and delimiter not in lines[1]:
        other = max((",", ";", "\t"), key=lines[1].count)
        if other in lines[1]:  # a header saved by one program, rows by another
            raise BadFile(_("The header and the rows use different separators (%(a)s and %(b)s): "
                            "save the file again with one.", a=repr(delimiter), b=repr(other)))  # fmt: skip
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:  # a field over the csv module's limit, a quote never closed...
        raise BadFile(
            _(
                "Row %(row)s cannot be read as CSV: a cell longer than %(n)s characters, or a quote never closed.",
                row=reader.line_num,
                n=csv.field_size_limit(),
            )
        ) from exc


_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _scan_sheet(
    data: bytes, sheet: str = "xl/worksheets/sheet1.xml"
) -> tuple[int, list[tuple[int, int, int]]]:
    """Rows of the first worksheet, counted as ``<row`` tags in its XML while it is unpacked, and
    its merged cells (first row, last row, column number), listed after its rows."""
    count, tail, after_rows = 0, b"", b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sheet not in archive.namelist():
            return 0, []
        with archive.open(sheet) as xml:
            while chunk := xml.read(1 << 20):
                block = tail + chunk
                if after_rows or b"</sheetData>" in block:  # the rest: merged cells and page setup (small)
                    after_rows += chunk if after_rows else block[block.index(b"</sheetData>") :]
                count += block.count(b"<row ") + block.count(b"<row>") + block.count(b"<row/>")
                tail = block[-12:]
                count -= tail.count(b"<row ") + tail.count(b"<row>") + tail.count(b"<row/>")
    count += tail.count(b"<row ") + tail.count(b"<row>") + tail.count(b"<row/>")
    merged = [(int(r0), int(r1), _column_number(c0)) for c0, r0, _c1, r1 in _MERGED.findall(after_rows)]
    return count, [m for m in merged if m[1] > m[0]]


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _unmerged(rows: Iterator[tuple], merged: list[tuple[int, int, int]]) -> Iterator[tuple]:
    """Rows with a merged cell's value on every row it spans, in its first column: an incident's
    reference, title or date merged over its victims' rows belongs to each of them."""
    if not merged:
        yield from rows
        return
    starting: dict[int, list] = {}
    for first, last, column in merged:
        starting.setdefault(first, []).append((last, column))
    spanning: list[tuple[int, int, object]] = []  # (last row, column, value)
    for number, values in enumerate(rows, start=1):
        spanning = [s for s in spanning if s[0] >= number]
        if spanning:
            values = list(values)
            for _last, column, value in spanning:
                values.extend([None] * (column - len(values)))
                if values[column - 1] in (None, ""):
                    values[column - 1] = value
            values = tuple(values)
        for last, column in starting.get(number, ()):
            if column <= len(values) and values[column - 1] not in (None, ""):
                spanning.append((last, column, values[column - 1]))
        yield values


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    from openpyxl import load_workbook

    max_rows, max_bytes, _cell = _limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BadFile(_("Not an Excel (.xlsx) file.")) from exc
    if unpacked > max_bytes:  # a small file that unpacks to gigabytes
        raise BadFile(_("The workbook unpacks to more than %(n)s MB: split it.", n=max_bytes // 2**20))
    rows, merged = _scan_sheet(data)
    if rows > max_rows + 1:  # counted in the XML: far faster than reading the rows
        raise BadFile(_("The file has more than %(n)s rows: split it.", n=max_rows))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise BadFile(_("Not an Excel (.xlsx) file.")) from exc
    if (sheet.max_row or 0) > max_rows + 1:  # the sheet's own dimension, when it gives one
        raise BadFile(_("The file has more than %(n)s rows: split it.", n=max_rows))
    try:
        yield from _unmerged(sheet.iter_rows(values_only=True), merged)
    except Exception as exc:  # a truncated or damaged part inside the workbook
        raise BadFile(_("Not an Excel (.xlsx) file.")) from exc
