"""The records of a public list page (issue 18, open data at full size): read by id after the
page's keys, built by the one public path."""

import json
import re

import sqlalchemy as sa

from tests import factories
from tracker.cases import operations
from tracker.extensions import db
from tracker.public import queries

LIST = "/api/public/v1/incidents"


def _public(**over):
    return factories.create_incident(workflow_status="published", **over)


def test_a_page_read_by_id_keeps_only_public_incidents(client):
    """The page's records are read by id after its keys: an incident withdrawn in between (here:
    ids given by hand) is left out, never built."""
    shown, withdrawn = _public(date_start="2024-01-05"), _public(date_start="2024-01-04")
    draft = factories.create_incident(date_start="2024-01-03")
    confidential = _public(date_start="2024-01-02", is_confidential=True)
    operations.transition_incident(withdrawn, "archived", factories.SYSTEM)
    for kept_under in (None, "v1"):
        texts = queries.record_texts([i.id for i in (shown, withdrawn, draft, confidential)], kept_under)
        assert [json.loads(t)["public_ref"] for t in texts] == [shown.public_ref]


def test_a_page_s_records_are_read_by_primary_key(client):
    """Not through an index of the public conditions: given them, SQLite chose one and walked
    every published incident for a page of fifty (the page's cost grew with the database)."""
    ids = list(range(1, 51))
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        sql = str(queries._BY_ID.params(ids=ids).compile(connection, compile_kwargs={"literal_binds": True}))
        connection.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(connection.execute(sa.text(f"EXPLAIN {sql}")).scalars())
        assert re.search(r"(Index|Bitmap Index) Scan on pk_incidents", plan), plan
    else:  # with bound parameters, as the page's statement is run (literals are planned apart)
        state = queries._BY_ID.compile(connection).construct_expanded_state({"ids": ids})
        params = tuple(state.parameters[name] for name in state.positiontup)
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {state.statement}", params)
        plan = "\n".join(row[-1] for row in rows)
        assert "USING INTEGER PRIMARY KEY" in plan, plan


# --- records kept per process under the answers' version and the data version -----------------


def _built(monkeypatch) -> list:
    """The incident ids each build of records was asked for."""
    calls, build = [], queries._build

    def counting(rows, g):
        calls.append([row.id for row in rows])
        return build(rows, g)

    monkeypatch.setattr(queries, "_build", counting)
    return calls


def _page(client, n) -> dict:
    response = client.get(f"{LIST}?page_size=10&n={n}")  # ``n``: ignored, a page built each time
    assert response.status_code == 200
    return response.get_json()


def test_a_page_asked_again_builds_no_record_twice(client, monkeypatch):
    made = [_public(date_start=f"2024-01-0{day}") for day in (1, 2, 3)]
    built = _built(monkeypatch)
    first = _page(client, 1)
    assert sorted(built.pop()) == sorted(i.id for i in made)
    assert _page(client, 2)["items"] == first["items"] and not built
    fourth = _public(date_start="2024-01-04")  # a write: a new data version, every record built again
    assert [i["public_ref"] for i in _page(client, 3)["items"]][0] == fourth.public_ref
    assert sorted(built.pop()) == sorted(i.id for i in [*made, fourth])


def test_a_page_shows_an_edit_at_once(client):
    incident = _public(title_en="Reporter detained in Marib")
    assert _page(client, 1)["items"][0]["title_en"] == "Reporter detained in Marib"
    operations.update_incident(
        incident, {"title_en": "Reporter held in Marib"}, factories.SYSTEM, incident.version
    )
    db.session.commit()
    assert _page(client, 2)["items"][0]["title_en"] == "Reporter held in Marib"


def test_a_page_withholds_a_person_protected_in_another_case_at_once(client):
    """The page was built (and its records kept) while Sami al-Haddad was a named victim; another
    case then makes him an identity-protected victim: the next page withholds him."""
    person = factories.create_journalist()
    named = _public(
        date_start="2024-02-01", title_en="Sami al-Haddad detained in Marib",
        victims=[{"journalist_id": person.id, "outcome": "detained"}],
    )  # fmt: skip
    (before,) = _page(client, 1)["items"]
    assert before["public_ref"] == named.public_ref and before["victims"][0]["name_en"] == "Sami al-Haddad"
    _public(
        date_start="2024-01-01", title_en="Journalist held",
        victims=[{"journalist_id": person.id, "outcome": "detained", "is_identity_protected": True}],
    )  # fmt: skip
    for n in (2, 1):  # built again, and the answer kept for the first URL is not given again
        after = next(i for i in _page(client, n)["items"] if i["public_ref"] == named.public_ref)
        assert after["victims"][0]["is_identity_protected"] is True
        assert "haddad" not in str(after).lower() and "حداد" not in str(after)


def test_a_page_leaves_out_a_case_withdrawn_at_once(client):
    kept, withdrawn = _public(date_start="2024-01-01"), _public(date_start="2024-01-02")
    assert len(_page(client, 1)["items"]) == 2
    operations.transition_incident(withdrawn, "archived", factories.SYSTEM)
    db.session.commit()
    assert [i["public_ref"] for i in _page(client, 2)["items"]] == [kept.public_ref]
