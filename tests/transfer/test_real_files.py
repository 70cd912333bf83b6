"""Files real monitors produce: a syndicate's yearly list (one row per violation, Arabic headers,
no title, rows without an outcome, rows about an outlet, unnamed victims and numbers of victims),
headers in either language, and names that only look alike."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from reports import statistics
from tests import factories
from tests.transfer.conftest import DATA, check, run
from tracker.cases.models import Incident, Perpetrator, Victim
from tracker.extensions import db
from tracker.people.models import Journalist
from tracker.transfer import report_text
from tracker.transfer.unnamed import count

HEADER = "incident_ref,title_ar,violation_types,date_start,country,admin1,victim_name_ar,victim_outlet,victim_outcome\n"


def _one(row: str):
    report = check((HEADER + row + "\n").encode())
    assert report.ok, report.errors
    return report


@pytest.mark.parametrize(
    ("codes", "outcome"),
    [("L1.2", "killed"), ("F4.1", "detained"), ("F1", "abducted"), ("F2", "disappeared"), ("I2", "injured"),
     ("I3.1", "threatened"), ("C4", "unknown"), ("C4;F4", "detained"), ("I3;L1", "killed")],
)  # fmt: skip
def test_an_empty_outcome_is_derived_from_the_violation_with_a_warning(codes, outcome):
    report = _one(f"R-1,حادثة,{codes},2024-01-01,YE,,سامي الحداد,,")
    assert report.records[0].data["victims"][0]["outcome"] == outcome
    assert [(p.row, p.column) for p in report.warnings] == [(2, "victim_outcome")]


@pytest.mark.parametrize(
    ("name", "n"),
    [("a journalist", 1), ("صحفي", 1), ("«صحفي»", 1), ("مراسل", 1), ("3 journalists", 3), ("3 صحفيين", 3),
     ("٣ صحفيين", 3), ("ثلاثة صحفيين", 3), ("two reporters", 2), ("صحفي مجهول", 1),
     ("سامي الحداد", None), ("الصحفي سامي الحداد", None), ("Sami", None)],
)  # fmt: skip
def test_unnamed_victims_and_numbers_of_victims_are_recognised(name, n):
    assert count(name) == n


def test_rows_about_an_outlet_an_unnamed_victim_or_a_number_of_victims_import_without_journalists():
    rows = [
        "O-1,حجب موقع,C1,2024-01-01,YE,,,موقع عدن الغد,",  # the outlet only
        "U-1,اعتقال صحفي,F4,2024-01-02,YE,,صحفي,قناة سهيل,",  # an unnamed victim
        "N-1,منع التغطية,C4,2024-01-03,YE,,ثلاثة صحفيين,,",  # a number of victims
        "N-2,منع التغطية,C4,2024-01-04,YE,,3 journalists,,",
        "M-1,اعتقال,F4,2024-01-05,YE,,سامي الحداد,,detained",  # a named victim and two unnamed ones
        "M-1,اعتقال,F4,2024-01-05,YE,,2 صحفيين,,",
    ]
    report = check((HEADER + "\n".join(rows) + "\n").encode())
    assert report.ok, report.errors
    run((HEADER + "\n".join(rows) + "\n").encode())
    by_ref = {i.external_ref: i for i in db.session.scalars(sa.select(Incident))}
    assert {ref: (len(i.victims), i.unnamed_victims) for ref, i in by_ref.items()} == {
        "O-1": (0, 0), "U-1": (0, 1), "N-1": (0, 3), "N-2": (0, 3), "M-1": (1, 2),
    }  # fmt: skip
    assert db.session.scalars(sa.select(Journalist.name_ar)).all() == ["سامي الحداد"]


def test_statistics_count_unnamed_victims_as_victims(app):
    def make(day, codes, unnamed, victims=()):
        factories.create_incident(
            title_ar="حادثة", date_start=f"2023-05-{day:02d}", violation_types=codes, unnamed_victims=unnamed,
            victims=list(victims), verification="confirmed", workflow_status="published",
        )  # fmt: skip

    make(1, ["C1"], 0)  # an outlet blocked: an incident, no victim
    make(2, ["C4"], 3)  # "3 journalists"
    make(3, ["L1"], 1)  # "a journalist" killed
    make(4, ["F4"], 0, [{"journalist": {"name_ar": "سامي الحداد"}, "outcome": "detained"}])
    data = statistics.compute(statistics.Scope(2023, None, "internal"))
    totals = data["totals"]
    assert (totals["incidents"], totals["victims"], totals["journalists_killed"]) == (4, 5, 1)
    assert totals["violations"] == 1 + 3 + 1 + 1  # the blocked outlet's type counts once
    gender = {r["code"]: r["count"] for r in data["victims_by_gender"]["rows"]}
    assert gender["unnamed"] == 4


@pytest.mark.parametrize(
    "header",
    [
        "م,نوع الانتهاك,المحافظة,التاريخ,اسم الصحفي,الوسيلة,الدولة",
        "No.,Violation type,Governorate,Date,Journalist name,Media outlet,Country",
        "الرقم:,نوع الإنتهاك,المحافظه,تاريخ الانتهاك,اسم الصحفي/ة,المؤسسة الإعلامية,البلد",
        "Ref,VIOLATION TYPE,governorate ,Date of incident,Victim name,Outlet,country",
    ],
)
def test_headers_in_arabic_and_english_are_mapped_and_reported(header):
    report = check((header + "\n1,اعتقال,مأرب,2024-03-05,سامي الحداد,قناة سهيل,اليمن\n").encode())
    assert report.ok, report.errors
    assert [c for _h, c in report.mapped_columns] == [
        "incident_ref", "violation_types", "admin1", "date_start",
        "victim_name_ar" if "اسم" in header else "victim_name_en", "victim_outlet", "country",
    ]  # fmt: skip
    assert report.ignored_columns == []
    with force_locale("en"):
        lines = report_text.lines(report)
    assert any(line.startswith("Columns read:") and "→ violation_types" in line for line in lines), lines


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        ("محمد علي 2", "محمد علي 3"),
        ("Ali Saleh", "Ola Saleh"),
        ("علي صالح", "علا صالح"),
        ("Aya Al-Mukhtari", "Al-Mukhtari"),
    ],
)
def test_different_people_whose_names_only_look_alike_are_not_duplicates(mine, theirs):
    header = "incident_ref,title_en,violation_types,date_start,country,victim_name_en,victim_outcome\n"
    rows = f"A,One,F4,2024-03-05,YE,{mine},detained\nB,Two,F4,2024-03-05,YE,{theirs},detained\n"
    assert check((header + rows).encode()).duplicates == []
    same = f"A,One,F4,2024-03-05,YE,{mine},detained\nB,Two,F4,2024-03-05,YE,{mine},detained\n"
    [found] = check((header + same).encode()).duplicates
    assert dict(found.reasons)["journalist"] == f"{mine} ~ {mine}"  # the names as written, not their skeleton


def test_done_when_a_syndicate_yearly_list_imports_after_a_dry_run_with_warnings_only():
    data = (DATA / "syndicate_2023.csv").read_bytes()
    report = check(data)
    assert report.ok, report.errors[:5]
    assert report.rows == 101 and len(report.to_create) == 101 and report.warnings
    assert {p.column for p in report.warnings} <= {"victim_outcome", "title_ar", "victim_name_ar", "locality",
                                                   "admin1", "incident_ref"}  # fmt: skip
    report, result = run(data)
    assert result.created == 101
    unnamed = db.session.scalar(sa.select(sa.func.sum(Incident.unnamed_victims)))
    outlet_only = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Incident)
        .where(Incident.unnamed_victims == 0, ~Incident.victims.any())
    )
    assert unnamed > 10 and outlet_only > 5
    names = set(db.session.scalars(sa.select(Journalist.name_ar)))
    assert not any(count(n) for n in names)  # no "صحفي" or "3 صحفيين" in the journalist list
    assert db.session.scalar(
        sa.select(sa.func.count()).select_from(Victim).where(Victim.outcome == "unknown")
    )


def test_the_next_years_list_numbered_again_never_overwrites_this_years_cases():
    """A list's row numbers («م») group its rows; next year's list starts at 1 again."""
    data = (DATA / "syndicate_2023.csv").read_bytes()
    run(data)
    before = {i.id: (i.date_start, i.version) for i in db.session.scalars(sa.select(Incident))}
    report = check(data)
    assert not report.existing and len(report.to_create) == 101  # nothing matched by row number
    assert any(p.column == "incident_ref" for p in report.warnings)
    assert report.duplicates  # the same rows again are shown as possible duplicates
    run(data)
    db.session.expire_all()
    after = {
        i.id: (i.date_start, i.version) for i in db.session.scalars(sa.select(Incident)) if i.id in before
    }
    assert after == before


def test_named_perpetrators_in_the_perpetrator_column_are_typed_from_the_names_the_tracker_knows():
    """A syndicate writes who did it («جماعة الحوثي») where the flat form asks for a type."""
    sheet = (
        "م,اسم الصحفي,نوع الانتهاك,الدولة,المحافظة,التاريخ,الجهة المنتهكة\n"
        "1,سالم عبده قائد,اختطاف,اليمن,صنعاء,5/3/2024,جماعة الحوثي\n"
        "2,هدى ناصر علي,اعتقال / احتجاز تعسفي,اليمن,عدن,2024-04-02,قوات الحزام الأمني\n"
        "3,وليد سعيد عمر,تهديد بالقتل,اليمن,تعز,2024-06-11,جهة لم تُعرف بعد\n"
    ).encode()
    report = check(sheet)
    assert report.ok, report.errors
    assert any(p.column == "perpetrator_types" for p in report.warnings)
    _report, result = run(sheet)
    assert result.created == 3
    perpetrators = {(p.name_ar, p.name_en, p.type) for p in db.session.scalars(sa.select(Perpetrator)).all()}
    assert perpetrators == {
        ("جماعة الحوثي", "Ansar Allah (Houthis)", "non_state_armed_group"),
        ("قوات الحزام الأمني", "Security Belt forces", "state_security"),
        ("جهة لم تُعرف بعد", None, "unknown"),
    }


def test_a_list_with_a_title_above_its_header_and_no_reference_column_imports_one_incident_per_row():
    sheet = (
        "نقابة الصحفيين اليمنيين - قائمة الانتهاكات 2024,,,,,\n"
        ",,,,,\n"
        "اسم الصحفي,نوع الانتهاك,الدولة,المحافظة,التاريخ,الوسيلة\n"
        "سالم عبده قائد,اختطاف,اليمن,صنعاء,5/3/2024,قناة بلقيس\n"
        "هدى ناصر علي,اقتحام مقر,اليمن,عدن,2024-04-02,صحيفة الأيام\n"
    ).encode()
    report = check(sheet)
    assert report.ok, report.errors
    assert len(report.to_create) == 2 and {r.rows[0] for r in report.records} == {4, 5}  # rows as in the file
    _report, result = run(sheet)
    assert result.created == 2
