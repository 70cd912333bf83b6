"""Import: the dry run names every problem by row and column; a real import is all or nothing,
and importing the same file again creates nothing."""

import csv
import io

import pytest
import sqlalchemy as sa

from tests import factories
from tests.transfer.conftest import check, run
from tracker.audit.models import AuditEntry
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.people.models import Journalist
from tracker.transfer import operations
from tracker.transfer.files import BadFile

HEADER = "incident_ref,title_ar,violation_types,date_start,country,admin1,victim_name_ar,victim_outcome\n"


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_messy_spreadsheet_explains_itself_then_imports(messy):
    report = check(messy)
    assert report.ok, report.errors
    assert report.rows == 5 and len(report.to_create) == 4
    assert report.ignored_columns == ["Notes from field"]
    assert report.geocoded == 2  # Marib and Aden placed by the gazetteer; Libya's case has no place
    report, result = run(messy)
    assert result.created == 4
    first = db.session.scalar(sa.select(Incident).where(Incident.external_ref == "Y-01"))
    assert first.violation_types == ["F4", "I1"]  # Arabic labels, one of them an alternative
    assert (str(first.date_start), first.date_precision) == ("2024-03-05", "day")  # ٥ آذار ٢٠٢٤
    assert (
        first.latitude is not None
        and first.geocode_source == "gazetteer"
        and first.geo_precision == "locality"
    )
    assert first.workflow_status == "published" and first.verification == "confirmed"
    assert [v.journalist.name_ar for v in first.victims] == ["سامي الحداد", "خالد المقطري"]
    assert first.victims[0].is_identity_protected and first.victims[0].outcome == "detained"
    assert first.perpetrators[0].type == "state_security"
    threatened = db.session.scalar(sa.select(Incident).where(Incident.external_ref == "Y-02"))
    assert threatened.date_precision == "month" and threatened.violation_types == ["I3", "I3.1"]
    blocked = db.session.scalar(sa.select(Incident).where(Incident.external_ref == "Y-04"))
    assert blocked.date_precision == "year" and blocked.victims == [] and blocked.latitude is None


def test_reimporting_the_same_file_creates_nothing(messy):
    run(messy)
    counts = (_count(Incident), _count(Journalist), _count(AuditEntry))
    report, result = run(messy)
    assert len(report.to_create) == 0 and len(report.to_update) == 4
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert (_count(Incident), _count(Journalist), _count(AuditEntry)) == counts


def test_a_changed_row_updates_the_incident_with_an_audit_entry(messy):
    run(messy)
    changed = messy.decode().replace("Reporter detained in Marib", "Reporter held in Marib").encode()
    _report, result = run(changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    incident = db.session.scalar(sa.select(Incident).where(Incident.external_ref == "Y-01"))
    entry = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_id == incident.id, AuditEntry.entity_type == "incident")
        .order_by(AuditEntry.id.desc())
    ).first()  # fmt: skip
    assert entry.action == "update" and entry.changes == {
        "title_en": ["Reporter detained in Marib", "Reporter held in Marib"]
    }
    assert incident.version == 2  # one new version for the change
    assert "held" in incident.search_text  # derived again from the new title


def _versions() -> dict[int, int]:
    return dict(db.session.execute(sa.select(Incident.id, Incident.version)).all())


def test_an_unchanged_reimport_writes_no_version_even_over_stale_derived_columns(messy):
    """What an import leaves as it was is not written at all: a derived column stored by an older
    rule is ``flask incidents rederive``'s to update (audited, announced), not a silent new
    version of an unchanged re-import."""
    run(messy)
    db.session.execute(sa.update(Incident).values(search_text="stale"))
    db.session.commit()
    versions, entries = _versions(), _count(AuditEntry)
    db.session.expire_all()
    _report, result = run(messy)
    assert (result.updated, result.unchanged) == (0, 4)
    db.session.expire_all()
    assert _versions() == versions and _count(AuditEntry) == entries
    assert set(db.session.scalars(sa.select(Incident.search_text))) == {"stale"}


def test_a_changed_row_naming_a_person_protected_elsewhere_is_refused(messy):
    """The file does not say Khaled is protected; a stored case does (protection is per person).
    Unchanged, the case is written by nobody; changed to name him in its published title, the
    writer's guard refuses the file and nothing is written."""
    run(messy)
    khaled = db.session.scalar(sa.select(Journalist).where(Journalist.name_ar == "خالد المقطري"))
    victim = {"journalist_id": khaled.id, "outcome": "detained", "is_identity_protected": True}
    factories.create_incident(title_ar="اعتقال صحفي", title_en=None, victims=[victim])
    db.session.commit()
    versions, entries = _versions(), _count(AuditEntry)
    assert run(messy)[1].unchanged == 4
    changed = messy.decode().replace("اعتقال مراسل في مأرب", "اعتقال خالد المقطري في مأرب").encode()
    with pytest.raises(operations.ImportFailed) as caught, transaction():
        operations.run_import(check(changed), factories.SYSTEM)
    assert caught.value.record.ref == "Y-01" and list(caught.value.errors) == ["title_ar"]
    db.session.expire_all()
    assert _versions() == versions and _count(AuditEntry) == entries


def test_a_bad_row_in_the_middle_imports_nothing_and_is_named(app, tmp_path):
    rows = [f"R-{n},حادثة {n},F4,2024-01-0{n},YE,مأرب,صحفي {n},detained\n" for n in range(1, 6)]
    rows[2] = "R-3,حادثة 3,F4,31/02/2024,YE,مأرب,صحفي 3,detained\n"  # file row 4
    data = (HEADER + "".join(rows)).encode()
    report = check(data)
    assert [(p.row, p.column) for p in report.errors] == [(4, "date_start")]
    assert "31/02/2024" in report.errors[0].message
    with pytest.raises(ValueError):
        operations.run_import(report, factories.SYSTEM)
    result = app.test_cli_runner().invoke(
        args=["incidents", "import", "--lang", "en", _write(tmp_path, data)]
    )
    assert result.exit_code == 1
    assert "row 4, column date_start: Not a date we can read: 31/02/2024" in result.output
    assert _count(Incident) == 0


def test_arabic_messages_for_arabic_readers(app, tmp_path):
    data = (HEADER + "R-1,حادثة,XYZ,2024-01-01,YE,,صحفي,detained\n").encode()
    result = app.test_cli_runner().invoke(
        args=["incidents", "import", "--lang", "ar", "--dry-run", _write(tmp_path, data)]
    )
    assert "نوع انتهاك غير معروف: XYZ" in result.output


def _write(tmp_path, data: bytes) -> str:
    path = tmp_path / "cases.csv"
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("row", "column", "needle"),
    [
        ("R-1,حادثة,F4,,YE,,صحفي,detained", "date_start", ""),
        ("R-1,حادثة,F4,2024-01-01,Atlantis,,صحفي,detained", "country", "Atlantis"),
        ("R-1,حادثة,F4,2024-01-01,YE,,صحفي,vanished", "victim_outcome", "vanished"),
        ("R-1,حادثة,F4,2999-01-01,YE,,صحفي,detained", "date_start", ""),
        ("R-1," + "ا" * 501 + ",F4,2024-01-01,YE,,صحفي,detained", "title_ar", "500"),
    ],
)
def test_each_problem_names_its_column(row, column, needle):
    report = check((HEADER + row + "\n").encode())
    assert [(p.row, p.column) for p in report.errors] == [(2, column)], report.errors
    assert needle in report.errors[0].message


def test_rows_of_one_incident_must_agree():
    data = HEADER + "R-1,حادثة,F4,2024-01-01,YE,,أ,detained\nR-1,حادثة,F4,2024-02-01,YE,,ب,detained\n"
    report = check(data.encode())
    assert [(p.row, p.column) for p in report.errors] == [(3, "date_start")]
    assert "2" in report.errors[0].message


def test_a_failure_while_writing_rolls_everything_back(monkeypatch, messy):
    from tracker.cases import operations as case_ops

    calls = []
    real = case_ops.insert_plain

    def fail_on_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(case_ops, "insert_plain", fail_on_third)  # the incident writer's batch form
    report = check(messy)
    with pytest.raises(RuntimeError), transaction():
        operations.run_import(report, factories.SYSTEM)
    assert (_count(Incident), _count(Journalist), _count(AuditEntry)) == (0, 0, 0)


def test_public_references_in_the_file_are_kept_and_reserved():
    data = HEADER + "YE-2019-0042,حادثة,F4,2019-05-01,YE,,صحفي,detained\n"
    run(data.encode())
    incident = db.session.scalar(sa.select(Incident))
    assert incident.public_ref == "YE-2019-0042" and incident.external_ref is None
    assert case_ops.next_public_ref("YE", 2019) == "YE-2019-0043"


def test_a_reference_of_another_country_or_year_is_not_a_public_one():
    run((HEADER + "YE-2019-0042,حادثة,F4,2020-05-01,YE,,صحفي,detained\n").encode())
    incident = db.session.scalar(sa.select(Incident))
    assert incident.public_ref == "YE-2020-0001" and incident.external_ref == "YE-2019-0042"


def test_public_references_are_kept_whatever_the_order_of_the_rows():
    rows = "".join(
        f"YE-2019-{n:04d},حادثة {n},F4,2019-05-{n:02d},YE,,صحفي {n},detained\n" for n in (7, 3, 12, 1)
    )
    run((HEADER + rows).encode())
    refs = set(db.session.scalars(sa.select(Incident.public_ref)))
    assert refs == {"YE-2019-0007", "YE-2019-0003", "YE-2019-0012", "YE-2019-0001"}
    assert case_ops.next_public_ref("YE", 2019) == "YE-2019-0013"


def test_a_taken_public_reference_becomes_an_external_one():
    taken = factories.create_incident(date_start="2019-05-01")
    data = HEADER + f"{taken.public_ref}-X,حادثة,F4,2019-05-01,YE,,صحفي,detained\n"
    run(data.encode())
    assert (
        db.session.scalar(sa.select(Incident.external_ref).where(Incident.id != taken.id))
        == f"{taken.public_ref}-X"
    )


def test_a_mapping_file_for_another_layout():
    data = "Case no,Headline,Type,When,Where,Journalist,Fate\nA1,حادثة,قتل,March 2020,Yemen,سامي,killed\n"
    mapping = ('{"columns": {"Case no": "incident_ref", "Headline": "title_ar", "Type": "violation_types", '
               '"When": "date_start", "Where": "country", "Journalist": "victim_name_ar", "Fate": "victim_outcome"}, '
               '"defaults": {"verification": "likely"}}')  # fmt: skip
    _report, result = run(data.encode(), mapping=mapping)
    incident = db.session.scalar(sa.select(Incident))
    assert result.created == 1 and incident.verification == "likely" and incident.date_precision == "month"
    with pytest.raises(BadFile):
        check(data.encode(), mapping='{"Case no": "no_such_column"}')


def test_xlsx_files_and_the_template(app):
    from openpyxl import Workbook, load_workbook

    from tracker.transfer import template

    book = load_workbook(io.BytesIO(template.xlsx_bytes()))
    assert book.sheetnames[0] == "incidents" and "help" in book.sheetnames[1]
    report = check(template.xlsx_bytes(), "template.xlsx")
    assert report.ok and len(report.to_create) == 1  # the explanation rows are skipped
    assert check(template.csv_bytes()).ok

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "incident_ref",
            "title_en",
            "violation_types",
            "date_start",
            "country",
            "victim_name_en",
            "victim_outcome",
        ]
    )
    from datetime import datetime

    sheet.append(["X-1", "Reporter beaten", "I2", datetime(2023, 4, 2), "EG", "Ali Hassan", "injured"])
    out = io.BytesIO()
    book.save(out)
    _report, result = run(out.getvalue(), "cases.xlsx")
    assert result.created == 1
    assert str(db.session.scalar(sa.select(Incident.date_start))) == "2023-04-02"


def test_files_that_cannot_be_read():
    with pytest.raises(BadFile):
        check(b"not a workbook", "cases.xlsx")
    with pytest.raises(BadFile):
        check(b"title_ar,country\n", "cases.csv")  # no incident_ref column
    with pytest.raises(BadFile):
        check(b"x", "cases.pdf")


def test_victims_are_matched_to_recorded_journalists_by_name(messy):
    recorded = factories.create_journalist(name_ar="سامي الحدّاد", name_en=None)
    run(messy)
    incident = db.session.scalar(sa.select(Incident).where(Incident.external_ref == "Y-01"))
    assert incident.victims[0].journalist_id == recorded.id


def test_done_when_a_messy_sheet_imports_after_a_dry_run_that_explained_every_problem(messy):
    """Mixed labels, Arabic month names and digits, missing coordinates, plus three mistakes."""
    from openpyxl import Workbook

    rows = list(csv.reader(io.StringIO(messy.decode())))
    mistakes = [
        ["Y-05", "اعتداء على مصور", "", "اعتداءات متفرقة", "٣٢ آذار ٢٠٢٤", "اليمن", "تعز", "تعز", "", "", "",
         "منى سالم", "", "أنثى", "بخير", "ربما", "", "", "", ""],
    ]  # fmt: skip

    def workbook(data_rows) -> bytes:
        book = Workbook()
        for row in data_rows:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    report = check(workbook(rows + mistakes), "messy.xlsx")
    assert {(p.row, p.column) for p in report.errors} == {
        (7, "violation_types"), (7, "date_start"), (7, "victim_outcome"), (7, "victim_is_identity_protected"),
    }  # fmt: skip
    assert all(p.message for p in report.errors)
    corrected = [row[:] for row in mistakes]
    corrected[0][3], corrected[0][4], corrected[0][14], corrected[0][15] = (
        "اعتداء جسدي",
        "٢٢ آذار ٢٠٢٤",
        "أصيب",
        "لا",
    )
    report, result = run(workbook(rows + corrected), "messy.xlsx")
    assert result.created == 5 and report.geocoded == 3
    assaulted = db.session.scalar(sa.select(Incident).where(Incident.external_ref == "Y-05"))
    assert assaulted.violation_types == ["I2"] and str(assaulted.date_start) == "2024-03-22"
    assert (
        assaulted.latitude is not None and assaulted.admin1 == "YE-TA"
    )  # the name in the file is stored as its code


# A syndicate's Arabic list, then its English partner's file of the same cases (same references).
SYNDICATE = (
    "الرقم المرجعي,العنوان بالعربية,نوع الانتهاك,التاريخ,الدولة,المحافظة,victim_name_ar,الجنس,victim_outcome,"
    "workflow_status\n"
    "S-7,اختطاف مراسلين في تعز,اختطاف,2024-03-05,اليمن,تعز,سامي الحداد,ذكر,اختُطف,published\n"
    "S-7,,,,,,هدى العمري,أنثى,اختُطفت,\n"
)
PARTNER = (
    "Reference,title_en,summary_en,violation type,date,country,governorate,victim_name_en,gender,victim_outcome,"
    "workflow_status\n"
    "S-7,Two reporters abducted in Taiz,Gunmen took them from their homes.,Abduction,2024-03-05,Yemen,Taiz,"
    "Sami al-Haddad,male,abducted,published\n"
    "S-7,,,,,,,Huda Al Omari,female,abducted,\n"
)


def test_a_partners_file_in_english_adds_to_the_arabic_record_and_takes_nothing_away():
    run(SYNDICATE.encode())
    incident = db.session.scalar(sa.select(Incident).where(Incident.external_ref == "S-7"))
    people, version = [v.journalist_id for v in incident.victims], incident.version
    _report, result = run(PARTNER.encode())
    assert (result.created, result.updated) == (0, 1)
    db.session.expire_all()
    incident = db.session.get(Incident, incident.id)
    assert (
        incident.title_ar == "اختطاف مراسلين في تعز" and incident.title_en == "Two reporters abducted in Taiz"
    )
    # the same two people, now named in both scripts: no second record of either
    assert [v.journalist_id for v in incident.victims] == people and _count(Journalist) == 2
    assert [(v.journalist.name_ar, v.journalist.name_en) for v in incident.victims] == [
        ("سامي الحداد", "Sami al-Haddad"), ("هدى العمري", "Huda Al Omari")]  # fmt: skip
    assert (
        "huda al omari" in incident.search_text and incident.version > version
    )  # found by its English names
    named = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity_type == "journalist",
                                                           AuditEntry.action == "update")).all()  # fmt: skip
    assert sorted(e.entity_id for e in named) == people and all(set(e.changes) == {"name_en"} for e in named)
    # the file again: nothing more to add
    _report, result = run(PARTNER.encode())
    assert (result.updated, result.unchanged) == (0, 1)


def test_a_file_naming_a_victim_in_both_scripts_completes_the_record_that_had_one():
    run(SYNDICATE.encode())
    both = (
        PARTNER.replace("victim_name_en", "victim_name_ar,victim_name_en")
        .replace("Sami al-Haddad", "سامي الحداد,Sami al-Haddad")
        .replace(",Huda Al Omari", ",هدى العمري,Huda Al Omari")
    )
    _report, result = run(both.encode())
    names = db.session.execute(
        sa.select(Journalist.name_ar, Journalist.name_en).order_by(Journalist.id)
    ).all()
    assert [tuple(n) for n in names] == [("سامي الحداد", "Sami al-Haddad"), ("هدى العمري", "Huda Al Omari")]
