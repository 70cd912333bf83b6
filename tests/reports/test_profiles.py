"""Case profiles of held journalists: charges, sentence and time held; the internal edition says
what the charges and sentence are and marks cases that are not public."""

import io
import unicodedata

from pypdf import PdfReader

from reports.builds import render
from reports.statistics import Scope, compute
from tests import factories

YEAR = 2024
CHARGE = "نشر أخبار كاذبة"
SENTENCE = "CANARY-SENTENCE five years"


def _held_journalist(**over):
    return factories.create_incident(
        workflow_status="published", violation_types=["F4.2"], date_start="2024-02-01",
        victims=[{"journalist": {"name_ar": "ماجد الشرعبي", "name_en": "Majed al-Sharabi", "gender": "male",
                                 "profession": "journalist"}, "outcome": "detained",
                  "status_events": [{"event": "detained_on", "date": "2024-02-01"},
                                    {"event": "charged_on", "date": "2024-03-10", "note": CHARGE},
                                    {"event": "sentenced_on", "date": "2024-09-15", "note": SENTENCE},
                                    {"event": "released_on", "date": "2024-12-20"}]}],
        **over,
    )  # fmt: skip


def _text(scope, lang, app) -> str:
    reader = PdfReader(io.BytesIO(render(scope, lang, app.config)))
    text = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))
    return " ".join(text.split())  # table cells wrap


def test_held_rows_say_when_charged_and_sentenced_and_internal_rows_say_what(app):
    _held_journalist()
    (public,) = compute(Scope(YEAR))["held_on_1_december"]["rows"]
    assert (public["charged_on"], public["sentenced_on"]) == ("2024-03-10", "2024-09-15")
    assert "charges" not in public and "sentence" not in public  # staff notes are not public
    (internal,) = compute(Scope(YEAR, edition="internal"))["held_on_1_december"]["rows"]
    assert (internal["charges"], internal["sentence"]) == (CHARGE, SENTENCE)


def test_pdf_profiles_print_charges_sentence_and_time_held(app):
    _held_journalist()
    public = _text(Scope(YEAR), "en", app)
    assert "charged 10 Mar 2024; sentenced 15 Sep 2024" in public
    assert "1 Feb 2024 (10 months)" in public
    assert "CANARY-SENTENCE" not in public
    internal = _text(Scope(YEAR, edition="internal"), "en", app)
    assert "five years" in internal


def test_internal_profiles_mark_confidential_and_unpublished_cases(app):
    _held_journalist(is_confidential=True)
    text = _text(Scope(YEAR, edition="internal"), "en", app)
    assert "Majed al-Sharabi [confidential]" in text
    assert "Majed al-Sharabi" not in _text(Scope(YEAR), "en", app)


def test_a_charge_recorded_in_arabic_reads_right_in_the_english_edition(app):
    """The Arabic note sits after its dated label, and the label and its date stay in the Latin
    face even on lines of a cell that also holds Arabic."""
    _held_journalist()
    reader = PdfReader(io.BytesIO(render(Scope(YEAR, edition="internal"), "en", app.config)))
    amiri = []

    def visit(text, _cm, _tm, font, _size):
        if font is not None and "Amiri" in str(font["/BaseFont"]) and text.strip():
            amiri.append(text)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert amiri and not [t for t in amiri if any(c.isascii() and c.isalnum() for c in t)], amiri
    text = " ".join(unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages)).split())
    assert "\u200e" not in text
    assert "charged 10 Mar 2024" in text and "نشر أخبار كاذبة" in text
