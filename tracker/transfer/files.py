"""Reading CSV and XLSX files into flat-form rows, with an optional column mapping.

Headers are matched to columns by name or by their English or Arabic short name
(``columns.HELP``), Arabic-normalised. A mapping file (JSON) handles other layouts:

    {"columns": {"Their header": "incident_ref", ...}, "defaults": {"country": "YE"}}

(a plain ``{"Their header": "column"}`` object works too). Columns that match nothing are
reported and ignored.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import gettext as _

from tracker.core import spreadsheet
from tracker.core.text import normalise
from tracker.transfer.columns import ALL_COLUMNS, header_table

FORMATS = ("csv", "xlsx")


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
        unknown = [c for c in [*columns.values(), *defaults] if c not in ALL_COLUMNS]
        if unknown:
            raise BadFile(_("The mapping names an unknown column: %(column)s", column=unknown[0]))
        return cls({normalise(k): v for k, v in columns.items()}, dict(defaults))


@dataclass
class Sheet:
    columns: list[str | None]  # flat column of each file column (None: ignored)
    ignored: list[str]
    rows: Iterator[tuple[int, dict]]  # (row number in the file, {column: value})


def format_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise BadFile(_("Give a .csv or .xlsx file."))
    return suffix


def read(data: bytes, filename: str, mapping: Mapping | None = None) -> Sheet:
    mapping = mapping or Mapping()
    raw_rows = _xlsx_rows(data) if format_of(filename) == "xlsx" else _csv_rows(data)
    try:
        header = next(raw_rows)
    except StopIteration as exc:
        raise BadFile(_("The file is empty.")) from exc
    known = header_table()
    columns, ignored = [], []
    for cell in header:
        name = normalise(str(cell or ""))
        column = mapping.columns.get(name) or known.get(name)
        columns.append(column)
        if column is None and name:
            ignored.append(str(cell))
    if "incident_ref" not in columns:
        raise BadFile(_("No incident_ref column: add one, or a mapping that names it."))

    def rows():
        for number, values in enumerate(raw_rows, start=2):
            cells = dict(mapping.defaults)
            for column, value in zip(columns, values, strict=False):
                if column is not None and value not in (None, ""):
                    cells[column] = spreadsheet.restore(value) if isinstance(value, str) else value
            if len(cells) > len(mapping.defaults):
                yield number, cells

    return Sheet(columns, ignored, rows())


def _csv_rows(data: bytes) -> Iterator[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")  # Arabic Windows, as older Excel saves CSV
        except UnicodeDecodeError as exc:
            raise BadFile(_("The file is not UTF-8 text.")) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    return iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise BadFile(_("Not an Excel (.xlsx) file.")) from exc
    return book.worksheets[0].iter_rows(values_only=True)
