"""The desk: follow-ups of people still held (decided per person across all their cases),
anniversaries, trials coming, my lists, counts; names follow the case's reading rules."""

from datetime import date, timedelta

import sqlalchemy as sa

from tests import factories
from tests.web.conftest import csrf_token
from tracker.admin import operations as admin_ops
from tracker.audit.operations import Actor
from tracker.cases.models import Incident
from tracker.desk import queries
from tracker.extensions import db

TODAY = date.today()


def _ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def _held_case(user, name_ar, name_en, days, *, protected=False, journalist_id=None, events=None, **over):
    person = (
        {"journalist_id": journalist_id}
        if journalist_id
        else {"journalist": {"name_ar": name_ar, "name_en": name_en}}
    )
    victim = {**person, "outcome": "detained", "is_identity_protected": protected,
              "status_events": events or [{"event": "detained_on", "date": _ago(days)}]}  # fmt: skip
    return factories.create_incident(user, date_start=_ago(days), victims=[victim], **over)


def test_a_person_held_with_no_news_for_90_days_is_a_follow_up(users):
    researcher = users["researcher"]
    _held_case(researcher, "محمد الصبري", "Mohammed al-Sabri", 120)
    _held_case(researcher, "سعاد الأهدل", "Suad al-Ahdal", 30)
    found = queries.follow_ups(researcher, "ar")
    assert [p.name for p in found] == ["محمد الصبري"]
    assert found[0].days == 120 and found[0].event == "detained_on"
    assert [p.name for p in queries.follow_ups(researcher, "en", days=20)] == [
        "Mohammed al-Sabri",
        "Suad al-Ahdal",
    ]


def test_held_is_decided_per_person_across_their_cases(users):
    researcher = users["researcher"]
    first = _held_case(researcher, "عبدالله المنصوري", "Abdullah al-Mansouri", 400)
    journalist_id = first.victims[0].journalist_id
    # released, recorded on another case (by someone else): no longer held anywhere
    factories.create_incident(users["editor"], date_start=_ago(200), violation_types=["F4"], victims=[
        {"journalist_id": journalist_id, "outcome": "released",
         "status_events": [{"event": "released_on", "date": _ago(200)}]}])  # fmt: skip
    assert queries.follow_ups(researcher, "ar") == []


def test_news_on_another_case_counts_as_news(users):
    researcher = users["researcher"]
    first = _held_case(researcher, "هشام اليوسفي", "Hisham al-Yousifi", 300)
    factories.create_incident(researcher, date_start=_ago(10), violation_types=["F5"], victims=[
        {"journalist_id": first.victims[0].journalist_id, "outcome": "detained",
         "status_events": [{"event": "charged_on", "date": _ago(10)}]}])  # fmt: skip
    assert queries.follow_ups(researcher, "ar") == []


def test_a_protected_name_is_withheld_from_who_may_not_see_it(users):
    _held_case(users["editor"], "اسم محمي", "Protected Name", 200, protected=True)
    assert [p.name for p in queries.follow_ups(users["editor"], "en")] == ["Protected Name"]
    assert [p.name for p in queries.follow_ups(users["researcher"], "en")] == ["(name withheld)"]
    assert [p.name for p in queries.follow_ups(users["viewer"], "ar")] == ["(حُجب الاسم)"]


def test_archived_and_rejected_cases_are_not_followed(users):
    _held_case(users["researcher"], "قضية مؤرشفة", "Archived", 200, workflow_status="archived")
    assert queries.follow_ups(users["researcher"], "ar") == []


def test_the_follow_up_period_is_an_admin_setting(users):
    _held_case(users["researcher"], "رامي", "Rami", 50)
    assert queries.follow_ups(users["researcher"], "en") == []
    admin_ops.set_setting("follow_up_days", 45, Actor(users["admin"], "web"))
    assert [p.name for p in queries.follow_ups(users["researcher"], "en")] == ["Rami"]


def test_anniversaries_of_people_still_held(users):
    since = TODAY.replace(year=TODAY.year - 3) + timedelta(days=5)
    if since > TODAY.replace(year=TODAY.year - 2):
        since = since.replace(year=since.year - 1)
    days = (TODAY - since).days
    _held_case(users["researcher"], "توفيق المنصوري", "Tawfiq al-Mansouri", days,
               events=[{"event": "disappeared_on", "date": since.isoformat()}])  # fmt: skip
    _held_case(users["researcher"], "ذكرى بعيدة", "Far", days - 40)
    (found,) = queries.anniversaries(users["researcher"], "en")
    assert found.name == "Tawfiq al-Mansouri" and found.days == 5 and found.event == "disappeared_on"
    assert found.years == TODAY.year + (since.replace(year=TODAY.year) < TODAY) - since.year


def test_trial_hearings_coming(users):
    _held_case(users["researcher"], "نبيل السداوي", "Nabil al-Sidawi", 100, events=[
        {"event": "detained_on", "date": _ago(100)}, {"event": "tried_on", "date": (TODAY + timedelta(days=9)).isoformat()}])  # fmt: skip
    (found,) = queries.trials(users["researcher"], "ar")
    assert found.name == "نبيل السداوي" and found.days == 9


def test_the_desk_page_and_adding_a_status_event_from_it(web, users):
    researcher = users["researcher"]
    incident = _held_case(researcher, "محمد الصبري", "Mohammed al-Sabri", 120)
    editor_case = factories.create_incident(
        users["editor"], title_ar="قضية المحرر", workflow_status="in_review"
    )
    db.session.commit()
    client = web(researcher)
    version = incident.version
    page = client.get("/desk/?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in page and "محمد الصبري" in page and "قبل 120 يوماً" in page
    assert "إضافة حدث إلى المسار" in page and incident.title_ar in page  # a draft of mine
    assert "قضية المحرر" not in page  # researchers review nothing
    response = client.post(f"/desk/cases/{incident.id}/events", data={
        "event": "charged_on", "date": _ago(1), "note": "أحيل إلى النيابة", "victim_id": incident.victims[0].id,
        "version": version, "csrf_token": csrf_token(client, "/desk/")})  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Incident, incident.id)
    assert [e.event for e in stored.victims[0].status_events] == ["detained_on", "charged_on"]
    assert stored.version == version + 1
    assert queries.follow_ups(researcher, "ar") == []
    # the editor's desk: the case waiting for review, counts
    editor_page = web("editor").get("/desk/?lang=en").get_data(as_text=True)
    assert "Waiting for my review" in editor_page and editor_case.public_ref in editor_page


def test_a_stale_status_event_is_refused(web, users):
    researcher = users["researcher"]
    incident = _held_case(researcher, "محمد الصبري", "Mohammed al-Sabri", 120)
    db.session.commit()
    client = web(researcher)
    client.post(f"/desk/cases/{incident.id}/events", data={
        "event": "charged_on", "date": _ago(1), "victim_id": incident.victims[0].id,
        "version": incident.version - 1 if incident.version > 1 else 99, "csrf_token": csrf_token(client, "/desk/")})  # fmt: skip
    db.session.expire_all()
    assert len(db.session.get(Incident, incident.id).victims[0].status_events) == 1


def test_counts_by_workflow_status(users):
    factories.create_incident(users["researcher"])
    factories.create_incident(users["researcher"], workflow_status="in_review")
    counts = queries.workflow_counts()
    assert counts["draft"] == 1 and counts["in_review"] == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Incident)) == 2


def test_admin_sets_the_follow_up_period_on_the_settings_page(web, users):
    client = web("admin")
    token = csrf_token(client, "/admin/settings")
    refused = client.post("/admin/settings?lang=en", data={"follow_up_days": "3", "csrf_token": token})
    assert refused.status_code == 200 and queries.follow_up_days() == 90
    client.post("/admin/settings", data={"follow_up_days": "60", "two_person_rule": "y", "csrf_token": token})
    assert queries.follow_up_days() == 60


def test_the_desk_decides_who_is_held_once_per_page(web, users, monkeypatch):
    """Who is held is decided across every case (the report's rule): the page asks once and
    hands the answer to its follow-up and anniversary lists."""
    _held_case(users["researcher"], "محمد الصبري", "Mohammed al-Sabri", 365 * 2)
    db.session.commit()
    calls = []
    real = queries.held_people
    monkeypatch.setattr(queries, "held_people", lambda *args: calls.append(args) or real(*args))
    page = web("researcher").get("/desk/?lang=en")
    assert page.status_code == 200 and "Mohammed al-Sabri" in page.get_data(as_text=True)
    assert len(calls) == 1


def test_latest_events_of_many_people_are_read_in_one_grouped_query(users, monkeypatch):
    """Past ``LAST_EVENTS_IN_LIMIT`` people the ids are not sent in IN (see there): same answer."""
    researcher = users["researcher"]
    _held_case(
        researcher,
        "محمد الصبري",
        "Mohammed al-Sabri",
        120,
        events=[{"event": "detained_on", "date": _ago(120)}, {"event": "charged_on", "date": _ago(100)}],
    )
    _held_case(researcher, "سعاد الأهدل", "Suad al-Ahdal", 130)
    expected = [(p.name, p.last_event, p.days) for p in queries.follow_ups(researcher, "en")]
    assert [name for name, _day, _days in expected] == ["Suad al-Ahdal", "Mohammed al-Sabri"]
    monkeypatch.setattr(queries, "LAST_EVENTS_IN_LIMIT", 1)
    assert [(p.name, p.last_event, p.days) for p in queries.follow_ups(researcher, "en")] == expected


def test_the_desk_shows_the_longest_silences_first_and_says_how_many_more(web, users, monkeypatch):
    """At 100,000 incidents thousands of people can be held with no news: the page lists the
    longest silences (each with its form) and counts the rest."""
    for name_ar, name_en, days in (
        ("أ", "First Held", 300),
        ("ب", "Second Held", 200),
        ("ج", "Third Held", 100),
    ):
        _held_case(users["researcher"], name_ar, name_en, days)
    db.session.commit()
    monkeypatch.setattr(queries, "FOLLOW_UP_LIMIT", 2)
    page = web("researcher").get("/desk/?lang=en").get_data(as_text=True)
    assert "First Held" in page and "Second Held" in page and "Third Held" not in page
    assert "The 2 longest silences of 3 are shown." in page
