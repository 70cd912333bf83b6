"""Transfer pages through the client: upload, dry-run report, confirm; downloads; merging."""

import io

import pytest
import sqlalchemy as sa

from tests import factories
from tests.transfer.conftest import DATA
from tests.web.conftest import csrf_token, internal_export
from tracker.audit.models import AuditEntry
from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.jobs import runner
from tracker.jobs.models import Job


def _upload(client, data: bytes, name="cases.csv", lang="en"):
    """Upload, see the dry-run job's progress, let it run, then the dry-run page."""
    token = csrf_token(client, f"/transfer/import?lang={lang}")
    posted = client.post("/transfer/import", data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                         content_type="multipart/form-data")  # fmt: skip
    assert posted.status_code == 302 and "/transfer/import?job=" in posted.location
    waiting = client.get(posted.location).get_data(as_text=True)
    assert "data-job-url=" in waiting and "/static/js/jobs.js" in waiting
    runner.drain()
    return client.get(posted.location)


def _confirm(client, hidden):
    token = csrf_token(client, "/transfer/import")  # any page gives the session's token
    response = client.post("/transfer/import/confirm", data={"csrf_token": token, "token": hidden})
    runner.drain()
    return response


def _count():
    return db.session.scalar(sa.select(sa.func.count(Incident.id)))


def test_editor_sees_the_dry_run_then_confirms(web):
    client = web("editor")
    page = _upload(client, (DATA / "messy.csv").read_bytes())
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Incidents to create: 4 (5 rows)" in html
    assert "Notes from field" in html and _count() == 0  # nothing written by the dry run
    hidden = html.split('name="token" type="hidden" value="')[1].split('"')[0]
    response = _confirm(client, hidden)
    assert response.status_code == 302 and "/jobs/" in response.location and _count() == 4
    done = client.get(response.location + "?lang=en").get_data(as_text=True)
    assert "Done" in done and 'href="/cases/"' in done
    again = _confirm(client, hidden)
    assert again.status_code == 302 and _count() == 4  # the upload is gone once imported


def test_errors_are_listed_by_row_and_column_in_arabic(web):
    client = web("editor")
    data = "incident_ref,title_ar,violation_types,date_start,country\nR1,حادثة,F4,31/02/2024,YE\n"
    html = _upload(client, data.encode(), lang="ar").get_data(as_text=True)
    assert "تاريخ غير مقروء: 31/02/2024" in html and "<td>التاريخ</td>" in html
    assert "Import now" not in html and "استيراد الآن" not in html


def test_a_problems_column_is_named_in_the_readers_words_beside_the_files_own_header(web):
    """«الجهة المنتهكة» in the file is the perpetrator types: the cell says both, never a code or
    the template's instructions."""
    client = web("editor")
    data = (
        "المرجع,العنوان,نوع الانتهاك,التاريخ,الدولة,الجهة المنتهكة\nR1,حادثة,F4,2024-03-05,YE,جماعة الحوثي\n"
    )
    html = _upload(client, data.encode(), lang="ar").get_data(as_text=True)
    cells = [c.split("</td>")[0] for c in html.split("<td>")[1:]]
    [cell] = [c for c in cells if c.startswith("أنواع الجهات المنتهِكة")]
    assert cell.startswith("أنواع الجهات المنتهِكة (") and "الجهة المنتهكة" in cell
    assert "perpetrator_types" not in cell and "تفصل" not in cell


def test_a_token_of_someone_else_is_refused(web):
    editor, other = web("editor"), web("admin")
    html = _upload(editor, (DATA / "messy.csv").read_bytes()).get_data(as_text=True)
    hidden = html.split('name="token" type="hidden" value="')[1].split('"')[0]
    _confirm(other, hidden)
    assert _count() == 0


@pytest.mark.parametrize("role", ["researcher", "viewer"])
def test_only_editors_import_and_merge(web, role):
    client = web(role)
    assert client.get("/transfer/import").status_code == 403
    assert client.get("/transfer/merge").status_code == 403


def test_downloads(web, client, plain_client):
    factories.create_incident(title_en="Draft case")
    staff = web("viewer")
    internal = internal_export(web("editor"), "csv", country="YE")
    assert internal.status_code == 200 and "Draft case" in internal.get_data(as_text=True)
    assert client.get("/transfer/export?format=csv&edition=internal").status_code == 401
    public = plain_client.get("/transfer/export?format=geojson&edition=public", follow_redirects=True)
    assert public.status_code == 200 and b"Draft case" not in public.data
    template = staff.get("/transfer/template.xlsx")
    assert template.status_code == 200 and template.data[:2] == b"PK"
    assert "incident_ref" in staff.get("/transfer/template.csv").get_data(as_text=True)
    assert "edition=internal" not in staff.get("/cases/?country=YE&lang=en").get_data(as_text=True)
    listing = web("editor").get("/cases/?country=YE&lang=en").get_data(as_text=True)
    assert "/transfer/export?format=xlsx&amp;edition=internal&amp;country=YE" in listing


def test_case_page_shows_duplicates_and_editor_merges(web):
    data = dict(victims=[{"journalist": {"name_ar": "سامي الحداد"}, "outcome": "detained"}])
    first = factories.create_incident(**data)
    second = factories.create_incident(
        victims=[{"journalist": {"name_en": "Sami al-Haddad"}, "outcome": "detained"}]
    )
    client = web("editor")
    page = client.get(f"/cases/{second.id}?lang=en").get_data(as_text=True)
    assert "Possible duplicates" in page and first.public_ref in page and "same journalist" in page
    compare = client.get(f"/transfer/merge?kind=incidents&keep={first.public_ref}&other={second.public_ref}")
    assert compare.status_code == 200
    token = csrf_token(client, "/transfer/merge")
    response = client.post("/transfer/merge", data={"csrf_token": token, "kind": "incidents",
                                                    "keep": first.public_ref, "other": second.public_ref})  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    db.session.expire_all()
    assert db.session.get(Incident, second.id).workflow_status == "archived"
    assert len(db.session.get(Incident, first.id).victims) == 2


def test_uploads_never_confirmed_are_not_kept(web, app):
    import os
    import time
    from pathlib import Path

    folder = Path(app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "0123456789abcdef0123456789abcdef.csv"
    stale.write_text("incident_ref\n")
    day_ago = time.time() - 25 * 3600
    os.utime(stale, (day_ago, day_ago))
    _upload(web("editor"), (DATA / "messy.csv").read_bytes())
    assert not stale.exists()


def test_public_downloads_cannot_search_protected_names(plain_client):
    from tracker.cases import operations as case_ops

    incident = factories.create_incident(
        victims=[
            {"journalist": {"name_ar": "اسم محمي"}, "outcome": "detained", "is_identity_protected": True}
        ]
    )
    for status in ("in_review", "verified", "published"):
        case_ops.transition_incident(incident, status, factories.SYSTEM)
    db.session.commit()
    found = plain_client.get("/transfer/export?format=json&edition=public&q=اسم محمي", follow_redirects=True)
    found = found.get_json()
    missed = plain_client.get("/transfer/export?format=json&edition=public&q=nobody", follow_redirects=True)
    missed = missed.get_json()
    assert len(found) == len(missed) == 1  # the search is ignored, so it tells nothing
    assert "اسم محمي" not in str(found)


def test_editors_merge_journalists_by_name(web):
    a = factories.create_journalist(name_ar="سامي الحداد", name_en=None)
    b = factories.create_journalist(name_ar=None, name_en="Sami al-Haddad")
    client = web("editor")
    token = csrf_token(client, "/transfer/merge")
    response = client.post("/transfer/merge", data={"csrf_token": token, "kind": "journalists",
                                                    "keep": "سامي الحداد", "other": str(b.id)})  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    from tracker.people.models import Journalist

    assert db.session.get(Journalist, b.id).merged_into_id == a.id


def test_saving_a_case_that_looks_recorded_says_so(web):
    from tests.web.test_case_pages import _form

    factories.create_incident(
        date_start="2024-05-02", admin1="تعز", locality="تعز",
        victims=[{"journalist": {"name_en": "Ali Hasan"}, "outcome": "detained"}],
    )  # fmt: skip
    client = web("researcher")
    token = csrf_token(client, "/cases/new")
    response = client.post(
        "/cases/new?lang=en",
        data={k: v for k, v in _form(token).items() if not k.startswith("victims-1-")},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "looks like another recorded case" in page and "Possible duplicates" in page


def test_internal_csv_downloads_have_one_charset(web):
    editor = web("editor")
    assert internal_export(editor, "csv").headers["Content-Type"] == "text/csv; charset=utf-8"
    assert editor.get("/transfer/template.csv").headers["Content-Type"] == "text/csv; charset=utf-8"


def test_an_internal_export_is_a_job_whose_file_only_editors_download(web, client, users):
    """Never built in the request: the page queues a job (nothing is written on a GET), the job's
    page shows its progress and then links the file; the export and the download are audited."""
    factories.create_incident(title_en="Draft case")
    factories.create_incident(title_en="Libyan case", country="LY", admin1=None, locality=None, latitude=None,
                              longitude=None, geo_precision=None)  # fmt: skip
    editor = web("editor")
    page = editor.get("/transfer/export?format=xlsx&edition=internal&country=YE&lang=en")
    assert page.status_code == 200 and "Draft case" not in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == 0
    token = csrf_token(editor, "/cases/")
    queued = editor.post("/transfer/export", data={"csrf_token": token, "format": "csv", "edition": "internal",
                                                    "country": "YE"})  # fmt: skip
    assert queued.status_code == 302 and "/jobs/" in queued.location
    job = db.session.scalars(sa.select(Job)).one()
    assert (job.kind, job.state, job.params["format"], job.params["filters"]) == (
        "export.internal", "queued", "csv", {"country": "YE"})  # fmt: skip
    assert f"/jobs/{job.id}/file" not in editor.get(queued.location).get_data(as_text=True)  # not ready yet
    runner.drain()
    job_page = editor.get(queued.location + "?lang=en").get_data(as_text=True)
    assert f"/jobs/{job.id}/file" in job_page and "Exported 1 incident." in job_page
    response = editor.get(f"/jobs/{job.id}/file")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Draft case" in text and "Libyan case" not in text
    assert response.headers["Cache-Control"] == "no-store"
    audit = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action.in_(("export", "download")))
    ).all()
    assert [(e.action, e.user_id) for e in audit] == [
        ("export", editor.user.id),
        ("download", editor.user.id),
    ]
    assert audit[0].changes["filters"] == [None, {"country": "YE"}] and audit[0].changes["rows"] == [None, 1]
    # refused: a viewer, a bad filter (nothing queued), and an editor no longer allowed
    viewer = web("viewer")
    assert viewer.post("/transfer/export", data={"csrf_token": csrf_token(viewer, "/cases/"), "format": "csv",
                                                 "edition": "internal"}).status_code == 403  # fmt: skip
    assert client.post("/transfer/export", data={"format": "csv", "edition": "internal"}).status_code in (
        400,
        401,
    )
    bad = editor.post("/transfer/export", data={"csrf_token": token, "format": "csv", "edition": "internal",
                                                 "year": "soon"})  # fmt: skip
    assert bad.status_code == 400 and db.session.scalar(sa.select(sa.func.count(Job.id))) == 1
    editor.user.role = "viewer"
    db.session.commit()
    assert editor.get(f"/jobs/{job.id}/file").status_code in (403, 404)


def test_possible_duplicates_do_not_link_a_protected_victim_for_a_viewer(web, users):
    """ "The same person is in that other case" would tell a viewer who a protected victim is."""
    factories.create_incident(
        users["editor"],
        victims=[{"journalist": {"name_ar": "سامي الحداد"}, "outcome": "detained", "is_identity_protected": True}],
    )  # fmt: skip
    second = factories.create_incident(
        users["editor"], victims=[{"journalist": {"name_en": "Sami al-Haddad"}, "outcome": "detained"}]
    )
    db.session.commit()
    assert "Possible duplicates" in web("editor").get(f"/cases/{second.id}?lang=en").get_data(as_text=True)
    for role in ("viewer", "researcher"):
        assert "Possible duplicates" not in web(role).get(f"/cases/{second.id}?lang=en").get_data(
            as_text=True
        )
