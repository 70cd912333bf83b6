"""The downloadable import template: the flat-form headers, explained in Arabic and English.

CSV: the header row, then two explanation rows whose ``incident_ref`` starts with ``#`` (the
importer skips such rows), then an example. XLSX: the same on the first sheet, and a second
sheet listing every column with its meaning in both languages.
"""

import csv
import io

from tracker.transfer.columns import ALL_COLUMNS, HELP

EXAMPLE = {
    "incident_ref": "MY-2024-001", "title_ar": "اعتقال مراسل في مأرب", "title_en": "Reporter detained in Marib",
    "violation_types": "F4;I1", "date_start": "5 مارس 2024", "country": "اليمن", "admin1": "مأرب",
    "locality": "مأرب", "perpetrator_types": "state_security", "victim_name_ar": "سامي الحداد",
    "victim_name_en": "Sami al-Haddad", "victim_gender": "ذكر", "victim_outcome": "احتُجز",
    "victim_is_identity_protected": "نعم", "source_urls": "https://example.org/report", "verification": "confirmed",
}  # fmt: skip


def rows() -> list[list[str]]:
    return [
        list(ALL_COLUMNS),
        ["# " + HELP[c][1] if c == "incident_ref" else HELP[c][1] for c in ALL_COLUMNS],
        ["# " + HELP[c][0] if c == "incident_ref" else HELP[c][0] for c in ALL_COLUMNS],
        [EXAMPLE.get(c, "") for c in ALL_COLUMNS],
    ]


def csv_bytes() -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows())
    return text.getvalue().encode("utf-8-sig")


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "incidents"
    for row in rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(italic=True, color="666666")
    help_sheet = book.create_sheet("شرح - help")
    help_sheet.sheet_view.rightToLeft = True
    help_sheet.append(["column", "الشرح", "Meaning"])
    for column in ALL_COLUMNS:
        help_sheet.append([column, HELP[column][1], HELP[column][0]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
