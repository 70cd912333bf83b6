"""The organisation's own words: saved through operations (audited, versioned), placed in the
PDF where annual reports place them, edited on /reports by editors only."""

import io
import unicodedata

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from reports.builds import render
from reports.statistics import Scope
from tests import factories
from tests.reports.test_views import _csrf, _login
from tracker.audit.models import AuditEntry
from tracker.extensions import db
from tracker.reports import operations, queries
from tracker.reports.models import ReportTextRevision

ACTOR = factories.SYSTEM


def test_save_creates_then_versions_and_audits(app):
    text = operations.save_text(2024, "en", "foreword", "First words.", ACTOR)
    assert text.version == 1
    operations.save_text(2024, "en", "foreword", "Better words.", ACTOR, version=1)
    assert text.version == 2 and queries.texts(2024, "en") == {"foreword": "Better words."}
    [revision] = db.session.scalars(sa.select(ReportTextRevision)).all()
    assert revision.body == "First words." and revision.version == 1
    db.session.commit()  # audit entries are written at commit
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.entity_type == "report_text")
    ).all()
    assert actions == ["create", "update"]


def test_a_stale_save_is_refused(app):
    operations.save_text(2024, "ar", "recommendations", "نص", ACTOR)
    operations.save_text(2024, "ar", "recommendations", "نص أحدث", ACTOR, version=1)
    with pytest.raises(operations.StaleText):
        operations.save_text(2024, "ar", "recommendations", "نص قديم", ACTOR, version=1)


def test_organisation_texts_serve_every_year(app):
    operations.save_text(2024, "en", "citation", "Syndicate (2024). Report.", ACTOR)
    assert queries.texts(2030, "en")["citation"] == "Syndicate (2024). Report."


def test_paragraphs_bullets_and_headings():
    assert queries.paragraphs(
        "# To authorities\n- Release them\n- Investigate\n\nA closing line\ncontinued"
    ) == [
        ("h", "To authorities"),
        ("li", "Release them"),
        ("li", "Investigate"),
        ("p", "A closing line continued"),
    ]


def test_the_pdf_places_the_own_words(app, report_data):
    operations.save_text(2023, "en", "foreword", "FOREWORD-MARK from the board.", ACTOR)
    operations.save_text(2023, "en", "key_findings", "- FINDING-MARK one", ACTOR)
    operations.save_text(2023, "en", "recommendations", "# To authorities\n- RECOMMENDATION-MARK", ACTOR)
    operations.save_text(2023, "en", "licence", "LICENCE-MARK CC BY 4.0", ACTOR)
    db.session.commit()
    reader = PdfReader(io.BytesIO(render(Scope(2023), "en", app.config)))
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    body = "\n".join(pages[2:])  # after the cover and the contents
    assert (
        body.index("FOREWORD-MARK")
        < body.index("FINDING-MARK")
        < body.index("Key figures")
        < body.index("RECOMMENDATION-MARK")
        < body.index("Annex: incidents")
    )
    assert "Foreword" in pages[1] and "Recommendations" in pages[1]  # in the contents
    assert "LICENCE-MARK" in pages[-1]


def test_editors_write_the_texts_on_the_reports_page(client, app):
    _login(client, "editor")
    page = client.get("/reports/texts?year=2024&lang=en").get_data(as_text=True)
    token = _csrf(client, "/reports/texts?year=2024&lang=en")
    assert 'name="foreword"' in page
    response = client.post("/reports/texts?year=2024&lang=en", data={
        "csrf_token": token, "foreword": "Our foreword.", "foreword_version": "0",
        "recommendations": "- Release them", "recommendations_version": "0"})  # fmt: skip
    assert response.status_code == 302
    assert queries.texts(2024, "en") == {"foreword": "Our foreword.", "recommendations": "- Release them"}
    stale = client.post("/reports/texts?year=2024&lang=en", data={
        "csrf_token": token, "foreword": "Overwrite?", "foreword_version": "0"})  # fmt: skip
    assert stale.status_code == 409 and queries.texts(2024, "en")["foreword"] == "Our foreword."
    preview = client.get("/reports/preview?year=2024&lang=en").get_data(as_text=True)
    assert "Our foreword." in preview and "Release them</li>" in preview


def test_researchers_cannot_write_them(client, app):
    _login(client, "researcher")
    assert client.get("/reports/texts?year=2024&lang=en").status_code == 403
    assert client.post("/reports/texts?year=2024&lang=en", data={"foreword": "x"}).status_code in (400, 403)


def test_the_public_pages_show_the_published_words(client, app):
    operations.save_text(2024, "en", "key_findings", "- KEY-FINDING-MARK", ACTOR)
    db.session.commit()
    assert "KEY-FINDING-MARK" in client.get("/reports/?year=2024&lang=en").get_data(as_text=True)


def test_the_public_statistics_page_shows_the_words_and_the_held_split(client, app, report_data):
    operations.save_text(2023, "en", "recommendations", "- STATS-RECOMMENDATION-MARK", ACTOR)
    db.session.commit()
    page = client.get("/statistics?year=2023&lang=en").get_data(as_text=True)
    assert "STATS-RECOMMENDATION-MARK" in page and "In state custody" in page
