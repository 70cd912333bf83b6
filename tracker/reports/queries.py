"""Reads of the report's own words (shared by the reports page, the public statistics page and
the PDF build)."""

import sqlalchemy as sa

from tracker.extensions import db
from tracker.reports.models import EVERY_YEAR, TEXT_KINDS, ReportText


def texts(year: int, lang: str) -> dict[str, str]:
    """kind -> body for the year and language (empty kinds absent); organisation texts too."""
    stmt = sa.select(ReportText.kind, ReportText.body).where(
        ReportText.lang == lang, ReportText.year.in_((year, EVERY_YEAR)), ReportText.body != ""
    )
    return dict(db.session.execute(stmt).all())


def versions(year: int, lang: str) -> dict[str, int]:
    """kind -> current version, for the editing form's stale-write check (0: not written yet)."""
    stmt = sa.select(ReportText.kind, ReportText.version).where(
        ReportText.lang == lang, ReportText.year.in_((year, EVERY_YEAR))
    )
    found = dict(db.session.execute(stmt).all())
    return {kind: found.get(kind, 0) for kind in TEXT_KINDS}


def paragraphs(body: str | None) -> list[tuple[str, str]]:
    """Simple formatting: blank lines separate paragraphs, "- " starts a bullet, "# " a heading.
    Returns (kind, text) with kind "p", "li" or "h"."""
    blocks = []
    for block in (body or "").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        paragraph: list[str] = []
        for line in lines:
            if line.startswith(("- ", "* ", "• ")):
                if paragraph:
                    blocks.append(("p", " ".join(paragraph)))
                    paragraph = []
                blocks.append(("li", line[2:].strip()))
            elif line.startswith("# "):
                if paragraph:
                    blocks.append(("p", " ".join(paragraph)))
                    paragraph = []
                blocks.append(("h", line[2:].strip()))
            else:
                paragraph.append(line)
        if paragraph:
            blocks.append(("p", " ".join(paragraph)))
    return blocks
