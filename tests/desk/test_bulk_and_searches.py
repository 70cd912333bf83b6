"""Bulk actions on /cases (all or nothing, each case through its writer with its version check,
a per-case report), tags and saved searches."""

import re

import sqlalchemy as sa

from tests import factories
from tests.web.conftest import csrf_token
from tracker.admin import operations as admin_ops
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.cases.models import Incident
from tracker.desk import operations, queries
from tracker.desk.models import Notification
from tracker.extensions import db
from tracker.jobs import runner
from tracker.jobs.models import Job


def _statuses(ids) -> list[str]:
    db.session.expire_all()
    return [db.session.get(Incident, i).workflow_status for i in ids]


def _drafts(user, n, **over):
    return [factories.create_incident(user, title_ar=f"مسودة رقم {k}", **over) for k in range(n)]


def _post(client, data):
    return client.post("/desk/bulk", data={**data, "csrf_token": csrf_token(client, "/cases/")})


def test_five_drafts_submitted_in_one_action(web, users):
    researcher = users["researcher"]
    drafts = _drafts(researcher, 5)
    editor = users["editor"]
    db.session.commit()
    client = web(researcher)
    response = _post(client, {"action": "submit", "scope": "selected",
                              "ids": [f"{d.id}:{d.version}" for d in drafts]})  # fmt: skip
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert all(d.public_ref in page for d in drafts)
    assert _statuses([d.id for d in drafts]) == ["in_review"] * 5
    transitions = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "transition")).all()
    assert sorted(e.entity_id for e in transitions) == sorted(d.id for d in drafts)
    told = db.session.scalars(sa.select(Notification).where(Notification.user_id == editor.id)).all()
    assert sorted(n.incident_id for n in told) == sorted(d.id for d in drafts)
    assert {n.kind for n in told} == {"submitted"}


def test_one_stale_case_and_nothing_changes(web, users):
    researcher = users["researcher"]
    drafts = _drafts(researcher, 3)
    db.session.commit()
    ids = [f"{d.id}:{d.version}" for d in drafts]
    ids[1] = f"{drafts[1].id}:{drafts[1].version + 5}"  # someone changed it since the list was shown
    response = _post(web(researcher), {"action": "submit", "scope": "selected", "ids": ids, "lang": "en"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert _statuses([d.id for d in drafts]) == ["draft"] * 3
    assert page.count('class="refused"') == 1 and page.count('class="ok"') == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0


def test_a_case_the_role_may_not_move_refuses_the_whole_action(users):
    researcher = users["researcher"]
    mine = _drafts(researcher, 2)
    not_mine = factories.create_incident(users["editor"])
    targets = [(i, i.version) for i in (*mine, not_mine)]
    try:
        with db.session.begin_nested():
            operations.bulk("submit", targets, Actor(researcher, "web"))
    except operations.BulkRefused as exc:
        outcomes = exc.outcomes
    assert [o.ok for o in outcomes] == [True, True, False]
    assert _statuses([i.id for i in (*mine, not_mine)]) == ["draft"] * 3


def test_tag_all_matching_the_filter_then_filter_by_tag(web, users):
    editor = users["editor"]
    marib = _drafts(editor, 2, admin1="مأرب")
    other = factories.create_incident(editor, admin1="عدن", locality="عدن", latitude=12.78, longitude=45.03)
    db.session.commit()
    client = web(editor)
    response = _post(
        client, {"action": "tag", "scope": "all", "tag": "  حملة  مأرب ", "filters": "admin1=YE-MA"}
    )
    assert response.status_code == 200
    (tag,) = queries.all_tags()
    assert tag.name == "حملة مأرب"
    listing = client.get(f"/cases/?tag={tag.id}&lang=ar").get_data(as_text=True)
    assert all(i.public_ref in listing for i in marib) and other.public_ref not in listing
    # the same tag spelled differently is the same tag
    assert operations.get_or_create_tag("حمله مارب", Actor(editor, "web")).id == tag.id


def test_assign_many(web, users):
    editor = users["editor"]
    cases = _drafts(editor, 2)
    db.session.commit()
    colleague = factories.create_user("researcher")
    _post(web(editor), {"action": "assign", "assignee": colleague.id, "scope": "selected",
                        "ids": [f"{c.id}:{c.version}" for c in cases]})  # fmt: skip
    assert sorted(r["id"] for r in queries.assigned_to(colleague)) == sorted(c.id for c in cases)


def _export_job(client, data) -> tuple[str, Job]:
    """The bulk export posted: a queued ``export.internal`` job, as /transfer/export queues."""
    response = _post(client, {"action": "export", "format": "csv", **data})
    assert response.status_code == 302 and "/jobs/" in response.location
    job = db.session.scalars(sa.select(Job).order_by(Job.id.desc())).first()
    assert (job.kind, job.state, job.created_by_id) == ("export.internal", "queued", client.user.id)
    return response.location, job


def _exports() -> list[AuditEntry]:
    return db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "export")).all()


def test_export_selected_is_a_job_with_the_export_progress_and_download(web, users):
    """Never built in the request: the selected cases' export is the job /transfer/export queues,
    with its page (progress, then the file) and its audit."""
    cases = _drafts(users["editor"], 3)
    db.session.commit()
    editor = web("editor")
    page, job = _export_job(editor, {"scope": "selected", "ids": [f"{c.id}:{c.version}" for c in cases[:2]]})
    assert _exports() == [] and f"/jobs/{job.id}/file" not in editor.get(page).get_data(as_text=True)
    runner.drain()
    shown = editor.get(page + "?lang=en").get_data(as_text=True)
    assert f"/jobs/{job.id}/file" in shown and "Exported 2 incidents." in shown
    response = editor.get(f"/jobs/{job.id}/file")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert cases[0].public_ref in text and cases[1].public_ref in text and cases[2].public_ref not in text
    (audited,) = _exports()
    assert audited.user_id == editor.user.id and audited.changes["rows"] == [None, 2]
    refused = _post(web("researcher"), {"action": "export", "scope": "selected", "ids": [str(cases[0].id)]})
    assert refused.status_code == 302 and "/jobs/" not in refused.location
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == 1


def test_export_of_every_matching_case_has_no_cap(web, users, monkeypatch):
    """Every case matching the filters is exported, however many (the other bulk actions' cap is
    not an export's), with the list's own filters ("my cases" is the asker's)."""
    monkeypatch.setattr(operations, "BULK_MAX", 2)
    editor = users["editor"]
    marib = _drafts(editor, 3, admin1="مأرب")
    not_mine = factories.create_incident(users["researcher"], admin1="مأرب")
    other = factories.create_incident(editor, admin1="عدن", locality="عدن", latitude=12.78, longitude=45.03)
    db.session.commit()
    client = web(editor)
    page, job = _export_job(client, {"scope": "all", "filters": "admin1=YE-MA&mine=1"})
    runner.drain()
    text = client.get(f"/jobs/{job.id}/file").get_data(as_text=True)
    assert all(c.public_ref in text for c in marib)
    assert not_mine.public_ref not in text and other.public_ref not in text
    assert "Exported 3 incidents." in client.get(page + "?lang=en").get_data(as_text=True)


def test_saved_search_is_shared_by_link(web, users):
    researcher = users["researcher"]
    client = web(researcher)
    query = "q=%D9%85%D8%A3%D8%B1%D8%A8&workflow_status=draft"
    response = client.post("/desk/searches", data={"name": "مسودات مأرب", "query": query,
                                                   "csrf_token": csrf_token(client, "/cases/")})  # fmt: skip
    (search,) = queries.saved_searches(researcher)
    assert search.name == "مسودات مأرب" and response.location.endswith(f"/desk/searches/{search.id}")
    opened = web("viewer").get(f"/desk/searches/{search.id}")
    assert opened.status_code == 302 and opened.location.endswith("/cases/?" + query)
    assert "مسودات مأرب" in client.get("/desk/?lang=ar").get_data(as_text=True)


def test_bulk_verify_respects_the_two_person_rule(web, users):
    editor = users["editor"]
    admin_ops.set_setting("two_person_rule", True, Actor(users["admin"], "web"))
    mine = factories.create_incident(editor, workflow_status="in_review")
    theirs = factories.create_incident(users["researcher"], workflow_status="in_review")
    db.session.commit()
    response = _post(web(editor), {"action": "verify", "scope": "selected",
                                   "ids": [f"{i.id}:{i.version}" for i in (theirs, mine)]})  # fmt: skip
    assert response.status_code == 409
    assert _statuses([theirs.id, mine.id]) == ["in_review", "in_review"]
    page = response.get_data(as_text=True)
    assert page.index(theirs.public_ref) < page.index('class="refused"')


def test_all_matching_on_my_drafts_means_my_drafts(web, users):
    researcher = users["researcher"]
    mine = _drafts(researcher, 2)
    someone_elses = factories.create_incident(factories.create_user("researcher"))
    db.session.commit()
    client = web(researcher)
    page = client.get("/cases/mine").get_data(as_text=True)
    filters = re.search(r'name="filters" value="([^"]*)"', page).group(1).replace("&amp;", "&")
    response = _post(client, {"action": "submit", "scope": "all", "filters": filters})
    assert response.status_code == 200
    assert _statuses([i.id for i in mine] + [someone_elses.id]) == ["in_review", "in_review", "draft"]
