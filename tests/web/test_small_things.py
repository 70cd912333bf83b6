"""Issue 16, item 7: transliteration folding in search, the new profession and status event,
the country filter, the import's link to its cases, the invite form."""

import io
import re

import pytest
import sqlalchemy as sa

from reports.statistics import Scope, held_on_1_december
from tests import factories
from tests.web.conftest import csrf_token
from tracker.cases import queries
from tracker.cases.models import Incident
from tracker.core.text import fold_latin, search_form, search_terms
from tracker.core.vocab import PROFESSIONS, STATUS_EVENTS
from tracker.jobs import runner
from tracker.people.queries import search_journalists


@pytest.mark.parametrize("spelling", ["Ma'rib", "Marib", "Maarib", "Ma’rib", "MAʾRIB", "ma`rib"])
def test_latin_transliterations_fold_to_one_form(spelling):
    assert search_form(spelling) == "marib"
    assert fold_latin(search_form(spelling)) == "marib"  # folding twice changes nothing


def test_folding_leaves_arabic_and_digits_alone():
    assert search_form("مأرب ٢٠٢٤") == "مارب 2024"
    assert search_terms("Sana'a  2024") == ["sana", "2024"]


@pytest.mark.parametrize("query", ["Ma'rib", "Marib", "Maarib"])
def test_every_spelling_finds_the_same_cases(query):
    written = [
        factories.create_incident(title_en="Reporter detained in Ma'rib", locality=None, admin1=None),
        factories.create_incident(title_en="Reporter detained in Maarib city", locality=None, admin1=None),
        factories.create_incident(title_en="Reporter detained in Marib", locality=None, admin1=None),
    ]
    factories.create_incident(title_en="Reporter detained in Aden", title_ar="اعتقال في عدن", summary_ar=None,
                              locality=None, admin1=None, country="YE")  # fmt: skip
    rows, total = queries.list_incidents({"q": query, "page": 1, "page_size": 50, "sort": "id"}, 1, 50)
    assert {r["id"] for r in rows} >= {i.id for i in written}
    assert all("Aden" not in (r["title_en"] or "") for r in rows)


def test_a_journalists_name_is_found_in_every_spelling():
    person = factories.create_journalist(name_en="Sami al-Haddad", name_ar="سامي الحداد")
    for query in ("al-Hadad", "Haddad", "al-Haddad", "Sami al Haddad"):
        found, _total = search_journalists(query)
        assert person.id in {j.id for j in found}, query


def test_filmmaker_profession_and_killed_event_are_vocabulary():
    assert "filmmaker" in PROFESSIONS and "killed_on" in STATUS_EVENTS
    person = factories.create_journalist(name_en="Film Maker", name_ar="صانع أفلام", profession="filmmaker")
    assert person.profession == "filmmaker"


def test_a_killed_event_on_another_case_ends_a_detention_in_the_report():
    person = factories.create_journalist(name_en="Detained Then Killed", name_ar="احتجز ثم قتل")
    factories.create_incident(
        workflow_status="published", violation_types=["F4"], date_start="2024-02-01",
        victims=[{"journalist_id": person.id, "outcome": "detained",
                  "status_events": [{"event": "detained_on", "date": "2024-02-01"}]}],
    )  # fmt: skip
    assert [r["name_en"] for r in held_on_1_december(Scope(2024))] == ["Detained Then Killed"]
    factories.create_incident(
        workflow_status="published", violation_types=["L1"], date_start="2024-01-15",
        victims=[{"journalist_id": person.id, "outcome": "detained",  # the case recorded the detention
                  "status_events": [{"event": "killed_on", "date": "2024-08-20"}]}],
    )  # fmt: skip
    assert held_on_1_december(Scope(2024)) == []


def test_the_country_filter_lists_countries_with_cases_first_and_no_organisations(web):
    factories.create_incident(country="LY", admin1=None, locality=None, latitude=None, longitude=None)
    page = web("editor").get("/cases/?lang=en").get_data(as_text=True)
    select = page[
        page.index('<select id="country"') : page.index("</select>", page.index('<select id="country"'))
    ]
    codes = [part.split('"')[0] for part in select.split('<option value="')[2:]]
    assert codes[0] == "LY"
    for not_a_country in ("AQ", "EU", "UN", "EZ", "QO", "ZZ"):
        assert not_a_country not in codes
    assert "YE" in codes and "FR" in codes


def test_after_an_import_a_link_lists_the_cases_it_created(web):
    client = web("editor")
    data = (
        "incident_ref,title_ar,violation_types,date_start,country,victim_name_ar,victim_outcome\n"
        "R-1,حادثة أولى,F4,2024-01-01,YE,صحفي أول,detained\nR-2,حادثة ثانية,F4,2024-01-02,YE,صحفي ثان,detained\n"
    )
    token = csrf_token(client, "/transfer/import?lang=en")
    posted = client.post("/transfer/import", data={"csrf_token": token, "file": (io.BytesIO(data.encode()), "c.csv")},
                         content_type="multipart/form-data")  # fmt: skip
    runner.drain()  # the dry run is a job
    report = client.get(posted.location).get_data(as_text=True)
    hidden = report.split('name="token" type="hidden" value="')[1].split('"')[0]
    fields = {"csrf_token": csrf_token(client, "/transfer/import"), "token": hidden}
    job_page = client.post("/transfer/import/confirm", data=fields).location
    runner.drain()  # the import is a job; its page links to what it made
    page = client.get(job_page + ("&" if "?" in job_page else "?") + "lang=en").get_data(as_text=True)
    link = re.search(r'href="(/cases/\?[^"]*imported=[^"]+)"', page)
    assert link, page[:2000]
    listing = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "حادثة أولى" in listing and "حادثة ثانية" in listing
    assert "Cases found: 2" in listing


def test_the_invite_form_starts_at_the_lowest_role_and_offers_a_copy_button(web):
    admin = web("admin")
    page = admin.get("/admin/users/new?lang=en").get_data(as_text=True)
    assert '<option selected value="viewer">' in page or '<option value="viewer" selected>' in page
    token = csrf_token(admin, "/admin/users/new?lang=en")
    invited = admin.post(
        "/admin/users/new?lang=en",
        data={"csrf_token": token, "email": "new.monitor@example.org", "name": "راصد جديد", "role": "viewer",
              "locale": "ar"},
    ).get_data(as_text=True)  # fmt: skip
    assert "data-copy" in invited and "copy.js" in invited


def test_rederive_stores_the_folded_search_text():
    from tracker.cases import operations as case_ops
    from tracker.extensions import db

    incident = factories.create_incident(title_en="Reporter detained in Ma'rib", locality=None, admin1=None)
    db.session.execute(
        sa.update(Incident)
        .where(Incident.id == incident.id)
        .values(search_text="reporter detained in ma'rib")
    )  # as stored before the folding
    case_ops.rederive_incidents(incident.id - 1, 10, factories.SYSTEM)
    db.session.refresh(incident)
    assert "ma'rib" not in incident.search_text and "marib" in incident.search_text
