"""Rebuild a published table: a Yemeni year entered through the one incident writer, whose yearly
counts by violation type and by party are written out below by hand as a journalists' syndicate
publishes them (violations: one per incident, type and victim), must come out of the report
exactly, in the statistics and in both PDF editions. Named perpetrators are counted once per
actor whatever the spelling recorded."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from reports.builds import render
from reports.statistics import Scope, compute
from tests import factories

YEAR = 2022
HOUTHI_SPELLINGS = [
    ("جماعة الحوثي", None),
    (None, "Huthi movement"),
    ("جماعة أنصار الله (الحوثيون)", "Ansar Allah (Houthis)"),
    ("ميليشيا الحوثي", None),
    ("الحوثيون", "the Houthis"),
    ("أنصار الله", "Ansarullah"),
]
H = HOUTHI_SPELLINGS
SANAA_PROSECUTION = ("النيابة الجزائية المتخصصة في صنعاء", "Specialised Criminal Prosecution in Sanaa")
GOVERNMENT = ("قوات الحكومة اليمنية", "Yemeni government forces")
LEGITIMATE_GOVERNMENT = ("الحكومة الشرعية", None)
MINISTRY = ("وزارة الإعلام", "Ministry of Information")
SECURITY_BELT = ("قوات الحزام الأمني", "Security Belt forces")
STC = ("المجلس الانتقالي الجنوبي", "Southern Transitional Council")

# (violation type, perpetrator type, perpetrator names or None, number of victims, outcome)
CASES = [
    ("L1.1", "unknown", None, 1, "killed"),
    ("L1.1", "state_security", GOVERNMENT, 1, "killed"),
    ("F1", "non_state_armed_group", H[0], 2, "abducted"),
    ("F1", "non_state_armed_group", H[1], 2, "abducted"),
    ("F1", "non_state_armed_group", H[2], 1, "abducted"),
    ("F1", "state_security", SECURITY_BELT, 1, "abducted"),
    ("F4", "state_judicial", SANAA_PROSECUTION, 1, "detained"),
    ("F4", "non_state_armed_group", H[3], 2, "detained"),
    ("F4", "state_security", LEGITIMATE_GOVERNMENT, 1, "detained"),
    ("I2", "non_state_armed_group", STC, 2, "injured"),
    ("I2", "non_state_armed_group", H[4], 3, "injured"),
    ("I3", "state_other", MINISTRY, 1, "threatened"),
    ("I3", "non_state_armed_group", H[5], 2, "threatened"),
    ("P1", "state_security", GOVERNMENT, 1, "other"),
    ("P1", "unknown", None, 1, "other"),
]

# The published table, written out by hand (not computed from CASES).
PUBLISHED_TOTAL = 22
PUBLISHED_BY_TYPE = {"L1": 2, "F1": 6, "F4": 4, "I2": 5, "I3": 3, "P1": 2}
PUBLISHED_BY_PARTY = {  # violations and their share, as printed
    "houthi": (13, 59.1),
    "government": (4, 18.2),
    "stc": (3, 13.6),
    "other": (0, 0.0),
    "not_named": (2, 9.1),
}
FIRST_NAMES = ["محمد", "أحمد", "علي", "هدى", "سامي", "نبيل", "فاطمة", "خالد", "عبدالله", "أمل", "ياسر", "مها"]
FAMILY_NAMES = ["الشرعبي", "المقطري", "العبسي", "باعبود", "الحكيمي", "الريمي", "الصبري", "المخلافي"]


@pytest.fixture
def published_year(app):
    n = 0
    for index, (code, kind, names, victims, outcome) in enumerate(CASES):
        people = []
        for _ in range(victims):
            first, family = FIRST_NAMES[n % len(FIRST_NAMES)], FAMILY_NAMES[n // len(FIRST_NAMES)]
            people.append({"journalist": {"name_ar": f"{first} {family}", "name_en": None, "gender": "unknown",
                                          "profession": "journalist"}, "outcome": outcome})  # fmt: skip
            n += 1
        name_ar, name_en = names or (None, None)
        factories.create_incident(
            workflow_status="published", violation_types=[code], date_start=f"{YEAR}-{index % 12 + 1:02d}-10",
            perpetrators=[{"type": kind, "name_ar": name_ar, "name_en": name_en}], victims=people,
            title_en=f"Case {index + 1}", title_ar=f"الحالة {index + 1}",
        )  # fmt: skip


def test_report_reproduces_the_published_table(published_year):
    stats = compute(Scope(YEAR, "YE", "public"))
    assert stats["totals"]["violations"] == PUBLISHED_TOTAL
    top = [r for r in stats["violation_types"]["rows"] if r["parent"] is None]  # the syndicate's categories
    by_type = {r["code"]: r["violations"] for r in top if r["violations"]}
    assert by_type == PUBLISHED_BY_TYPE
    (yemen,) = stats["countries_sections"]
    split = yemen["local_split"]
    assert split["unit"] == "violations" and split["base"] == PUBLISHED_TOTAL and split["adds_up"]
    assert {r["code"]: (r["count"], r["percent"]) for r in split["rows"]} == PUBLISHED_BY_PARTY
    assert sum(r["percent"] for r in split["rows"]) == pytest.approx(100.0)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def test_english_pdf_prints_the_published_table(app, published_year):
    text = _text(render(Scope(YEAR, "YE", "public"), "en", app.config))
    for label, (count, share) in {"Houthi authorities (Ansar Allah)": PUBLISHED_BY_PARTY["houthi"],
                                  "Government forces and authorities": PUBLISHED_BY_PARTY["government"],
                                  "Southern Transitional Council (STC)": PUBLISHED_BY_PARTY["stc"],
                                  "Perpetrator not named": PUBLISHED_BY_PARTY["not_named"]}.items():  # fmt: skip
        assert re.search(rf"{re.escape(label)}\s+{count}\s+{share}%", text), label


def test_one_actor_is_one_named_perpetrator_whatever_its_spelling(app, published_year):
    stats = compute(Scope(YEAR, "YE", "public"))
    houthi = [r for r in stats["named_perpetrators"]["rows"] if "Houthi" in r["label_en"]]
    assert len(houthi) == 1 and houthi[0]["count"] == len(HOUTHI_SPELLINGS)
    (yemen,) = stats["countries_sections"]
    assert [r["count"] for r in yemen["named_perpetrators"] if "Houthi" in (r["name_en"] or "")] == [6]
    text = _text(render(Scope(YEAR, "YE", "public"), "en", app.config))
    for variant in ("Huthi movement", "the Houthis", "Ansarullah"):  # recorded, never printed
        assert variant not in text
    assert text.count("Ansar Allah (Houthis)") == 2  # the named perpetrators' table and Yemen's section


def test_the_local_split_is_configured_per_country(app, published_year, tmp_path, monkeypatch):
    groups = tmp_path / "groups.tsv"
    groups.write_text(
        "country\tgroup\tname_en\tname_ar\tpatterns\n"
        "YE\tde_facto\tDe facto authorities in Sanaa\tسلطات الأمر الواقع في صنعاء\tالحوثي|أنصار الله|صنعاء\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(app.config, "REPORT_LOCAL_GROUPS_PATH", str(groups))
    (yemen,) = compute(Scope(YEAR, "YE", "public"))["countries_sections"]
    rows = {r["code"]: r["count"] for r in yemen["local_split"]["rows"]}
    assert rows == {"de_facto": 13, "other": 7, "not_named": 2}
    groups.write_text("country\tgroup\tname_en\tname_ar\tpatterns\n", encoding="utf-8")
    (yemen,) = compute(Scope(YEAR, "YE", "public"))["countries_sections"]
    assert yemen["local_split"] is None  # a country without a split gets none


def test_preview_shows_the_local_split(app, published_year):
    from tests.reports.test_views import _login

    client = app.test_client()
    _login(client, "editor")
    page = client.get(f"/reports/preview?year={YEAR}&country=YE&lang=en").get_data(as_text=True)
    assert "Houthi authorities (Ansar Allah)" in page and "Southern Transitional Council (STC)" in page
