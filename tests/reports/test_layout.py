"""Report tables (reports.layout.grid) over several pages."""

import io
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Spacer

from reports.layout import grid
from reports.text import register_fonts

HEADERS = {"en": ["Reference", "Place"], "ar": ["المرجع", "المكان"]}
PLACES = {"en": "Sanaa, Yemen", "ar": "صنعاء، اليمن"}


def _pages(lang: str, rows: int) -> list[str]:
    register_fonts()
    rtl = lang == "ar"
    body = [[f"YE-2024-{n:04d}", PLACES[lang]] for n in range(rows)]
    buffer = io.BytesIO()
    story = [Spacer(1, 200), *grid(HEADERS[lang], body, [0.3, 0.7], rtl)]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    # Arabic presentation forms folded back to letters
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(buffer).pages]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_long_table_prints_its_header_once_per_page_and_every_row_once(lang):
    """The header repeats at the top of each page the table runs over, never in the middle of a
    page (seen: reprinted after every 150 rows, where the table used to be cut into blocks)."""
    pages = _pages(lang, 400)
    assert len(pages) >= 8
    assert [page.count(HEADERS[lang][0]) for page in pages] == [1] * len(pages)
    text = "\n".join(pages)
    for n in range(400):
        assert text.count(f"YE-2024-{n:04d}") == 1, n
    positions = [text.index(f"YE-2024-{n:04d}") for n in range(400)]
    assert positions == sorted(positions)  # in order, page after page
