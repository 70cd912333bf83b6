"""The PDF editions: figures equal the JSON statistics, Arabic font and text, no leaks."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from reports.builds import render
from reports.statistics import Scope, compute
from tests.reports.conftest import CANARIES, YEAR

ORG = "Syndicate of Test Journalists"


@pytest.fixture
def build(app, report_data):
    cache = {}

    def _build(lang, edition="public"):
        if (lang, edition) not in cache:
            config = {**app.config, "ORGANISATION_NAME": ORG}
            cache[lang, edition] = PdfReader(io.BytesIO(render(Scope(YEAR, edition=edition), lang, config)))
        return cache[lang, edition]

    return _build


def _text(reader) -> str:
    """The text layer, Arabic presentation forms folded back to letters (NFKC)."""
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def _cells(page) -> list[list[str]]:
    """Lines of a page laid out as printed, split into table cells."""
    text = page.extract_text(extraction_mode="layout")
    return [re.split(r"\s{2,}", line.strip()) for line in text.splitlines() if line.strip()]


def _fonts(reader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_english_key_figures_equal_the_json_statistics(build):
    totals = compute(Scope(YEAR))["totals"]
    reader = build("en")
    key_page = next(p for p in reader.pages if "Change %" in p.extract_text())
    rows = {cells[0]: cells[1:] for cells in _cells(key_page)}
    for label, key in (("Incidents", "incidents"), ("Victims (journalists)", "victims"),
                       ("Violations", "violations"), ("Journalists killed", "journalists_killed"),
                       ("Held on 1 December", "held_on_1_december")):  # fmt: skip
        assert rows[label][0] == str(totals[key]), rows[label]
    assert totals == {"incidents": 5, "victims": 5, "violations": 7, "journalists_killed": 2,
                      "held_on_1_december": 1}  # fmt: skip


def test_english_edition_metadata_contents_and_pages(build):
    reader = build("en")
    meta = reader.metadata
    assert meta.title == f"Violations against journalists and the media: Statistical report {YEAR}"
    assert meta.author == ORG
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = _text(reader)
    for heading in ("Contents", "Methodology", "SDG indicator 16.10.1", "Journalists killed",
                    f"Journalists held on 1 December {YEAR}", "Annex: incidents"):  # fmt: skip
        assert heading in text
    contents = reader.pages[1].extract_text()
    assert re.search(r"Methodology\s+\d+", contents)  # the contents page has page numbers
    assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == ["Key figures", "Methodology"]
    last = reader.pages[-2].extract_text()  # the last is the back cover
    assert str(len(reader.pages) - 1) in last.split()  # page numbers in the footer


def test_arabic_edition_embeds_an_arabic_font_and_has_the_arabic_title(build):
    reader = build("ar")
    assert any(name.endswith("+Amiri") or name.endswith("+Amiri-Bold") for name in _fonts(reader)), _fonts(
        reader
    )
    title = "الانتهاكات ضد الصحفيين ووسائل الإعلام"
    assert reader.metadata.title.startswith(title)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    text = _text(reader)
    assert title in text  # joined letters, extracted back in reading order
    assert "المنهجية" in text and "مؤشر أهداف التنمية المستدامة" in text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_public_edition_contains_no_canary(build, lang):
    reader = build(lang)
    text = _text(reader) + str(reader.metadata)
    for canary in CANARIES.values():
        assert canary not in text
    assert ("حجب" if lang == "ar" else "journalist (name withheld)") in text  # the withheld-name label


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_internal_edition_is_marked_confidential_on_every_page(build, lang):
    reader = build(lang, "internal")
    for page in reader.pages:
        text = unicodedata.normalize("NFKC", page.extract_text())
        assert "CONFIDENTIAL" in text and "سري" in text
    text = _text(reader)
    assert (CANARIES["confidential_title"] if lang == "en" else "عنوان سري") in text
    assert CANARIES["confidential_victim"] in text or CANARIES["confidential_victim_ar"] in text
    assert "CONFIDENTIAL" not in _text(build(lang))


def test_public_and_internal_figures_differ_as_the_statistics_do(build):
    public = {cells[0]: cells[1:] for cells in _cells(build("en").pages[2])}
    internal = {cells[0]: cells[1:] for cells in _cells(build("en", "internal").pages[2])}
    assert public["Incidents"][:3] == ["5", "1", "+4"] and internal["Incidents"][:3] == ["7", "1", "+6"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_internal_edition_prints_the_audit_head_it_was_built_from(build, lang):
    from tracker.audit.queries import head

    seq, head_hash = head()
    assert seq > 0
    internal = build(lang, "internal").pages[0].extract_text()
    assert head_hash in internal.replace("\n", "")
    assert head_hash not in build(lang, "public").pages[0].extract_text().replace("\n", "")


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_arabic_edition_draws_every_digit_and_latin_run_in_the_latin_face(build, edition):
    """Digits follow one face in both editions: "2023" inside an Arabic sentence, "16.10.1" in
    a heading or "100.0%" in a note are drawn in Lato like the numbers of the tables, never in
    Amiri (whose digits differ and whose full stop is a lozenge)."""
    found: dict[str, set[str]] = {"Amiri": set(), "Lato": set()}

    def visit(text, _cm, _tm, font, _size):
        if font is not None and text.strip():
            name = str(font["/BaseFont"])
            found["Amiri" if "Amiri" in name else "Lato" if "Lato" in name else name] = found.get(
                "Amiri" if "Amiri" in name else "Lato" if "Lato" in name else name, set()
            ) | {text}

    for page in build("ar", edition).pages:
        page.extract_text(visitor_text=visit)
    amiri_digits = sorted(t for t in found["Amiri"] if re.search(r"[0-9]", t))
    assert not amiri_digits, amiri_digits[:5]
    lato = " ".join(found["Lato"])
    assert "16.10.1" in lato and "2023" in lato  # the SDG heading and the year, in the Latin face
