"""Issue 12 in the PDF: notes that explain totals, dates as recorded, the held split, the
verification levels counted, and the data-quality annex of the internal edition."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from reports.builds import render
from reports.statistics import Scope
from tests import factories
from tests.reports.test_numbers import YEAR, year_2024  # noqa: F401 (fixture)


@pytest.fixture
def text(app, year_2024):  # noqa: F811
    def _text(lang, edition="public"):
        data = render(
            Scope(YEAR, edition=edition), lang, {**app.config, "ORGANISATION_NAME": "Test Syndicate"}
        )
        pages = PdfReader(io.BytesIO(data)).pages
        return " ".join(unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pages)).split())

    return _text


def test_english_edition_explains_its_totals(text):
    en = text("en")
    assert "several perpetrators" in en
    assert "dated only to the year" in en
    assert "only at country level" in en
    assert "confirmed, likely or possible" in en and "1 unverified" in en
    assert "In state custody" in en and "Held by non-state groups" in en
    assert "as CPJ's census" not in en and "CPJ's census counts only" in en
    assert "July 2024" in en  # the killing known to the month
    assert "1 Jan 2024" not in en and "1 January 2024" not in en  # the year-only case
    assert "largest remainder" in en


def test_internal_edition_lists_data_quality_warnings(text):
    factories.create_incident(workflow_status="published", violation_types=["L1.1"], date_start="2024-04-04",
                              victims=[{"journalist": {"name_en": "Survivor", "name_ar": "ناجٍ"}, "outcome": "injured"}])  # fmt: skip
    internal = text("en", "internal")
    assert "Data-quality warnings" in internal and "a killing with no victim recorded killed" in internal
    assert "Data-quality warnings" not in text("en")  # an internal matter


def test_arabic_edition_notes(text):
    ar = text("ar")
    assert "أكثر من جهة منتهكة" in ar
    assert "لدى جهات حكومية" in ar


def _fonts(data: bytes) -> dict[str, bool]:
    """Every font of the PDF -> whether its program is embedded."""
    fonts = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            described = descendant[0].get_object() if descendant else font
            descriptor = described.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_latin_face_and_every_font_embedded(app, year_2024, lang):  # noqa: F811
    data = render(
        Scope(YEAR, edition="internal"), lang, {**app.config, "ORGANISATION_NAME": "Test Syndicate"}
    )
    fonts = _fonts(data)
    assert all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    assert any("Lato" in name for name in fonts) and any("Amiri" in name for name in fonts)


def test_english_edition_is_english(text):
    factories.create_incident(workflow_status="published", title_en=None, title_ar="منع صحفي من التغطية",
                              violation_types=["C4"], date_start="2024-10-10")  # fmt: skip
    en = text("en")
    from reports.text import transliterate

    # a perpetrator named only in Arabic: transliterated, and marked as such
    assert f"{transliterate('جماعة مسلحة')} (transliterated)" in en
    assert "[Arabic title]" in en


def test_transliteration_is_readable():
    from reports.text import transliterate

    assert transliterate("جماعة مسلحة") == "Jma'a Mslha"
    assert transliterate("الحوثيون").startswith("al-")
    assert not any("\u0600" <= c <= "\u06ff" for c in transliterate("سامي الحداد"))


def test_arabic_edition_names_the_organisation_in_arabic(app, year_2024):  # noqa: F811
    config = {**app.config, "ORGANISATION_NAME": "Test Syndicate", "ORGANISATION_NAME_AR": "نقابة الاختبار"}
    pages = PdfReader(io.BytesIO(render(Scope(YEAR), "ar", config))).pages
    header = unicodedata.normalize("NFKC", pages[3].extract_text())
    assert "Test Syndicate" not in header and "الاختبار" in header


def test_months_held_in_both_languages():
    from datetime import date

    from reports.text import months

    assert months(date(2023, 9, 1), date(2024, 12, 1), "en") == "15 months"
    assert months(date(2024, 11, 1), date(2024, 12, 1), "ar") == "شهر واحد"
    assert months(date(2024, 7, 1), date(2024, 12, 1), "ar") == "5 أشهر"
    assert months(date(2023, 7, 1), date(2024, 12, 1), "ar") == "17 شهراً"
    assert months(date(2024, 11, 9), date(2024, 12, 1), "en") == "less than a month"
    assert months(date(2024, 11, 9), date(2024, 12, 1), "ar") == "أقل من شهر"


def test_held_and_killed_lists_are_profiles(text):
    en = text("en")
    flat = " ".join(en.split())  # header cells wrap
    assert "Held since (time held)" in flat and "Charges and sentence" in flat and "Outlet" in flat
    assert "(10 months)" in flat  # Held By State, since 1 February


def test_country_sections_are_printed(text):
    en = text("en")
    assert "Country sections" in en and "Perpetrator types most recorded" in en
