"""The records of a public list page (issue 18, open data at full size): read by id after the
page's keys, built by the one public path."""

import re
from types import SimpleNamespace

import sqlalchemy as sa

from tests import factories
from tracker.cases import operations
from tracker.extensions import db
from tracker.public import queries


def _public(**over):
    return factories.create_incident(workflow_status="published", **over)


def test_a_page_read_by_id_keeps_only_public_incidents(client):
    """The page's records are read by id after its keys: an incident withdrawn in between (here:
    ids given by hand) is left out, never built."""
    shown, withdrawn = _public(date_start="2024-01-05"), _public(date_start="2024-01-04")
    draft = factories.create_incident(date_start="2024-01-03")
    confidential = _public(date_start="2024-01-02", is_confidential=True)
    operations.transition_incident(withdrawn, "archived", factories.SYSTEM)
    rows = [
        SimpleNamespace(id=i.id, date_start=i.date_start) for i in (shown, withdrawn, draft, confidential)
    ]
    records, cursor = queries._records_of(rows, 10)
    assert [r["public_ref"] for r in records] == [shown.public_ref] and cursor is None


def test_a_page_s_records_are_read_by_primary_key(client):
    """Not through an index of the public conditions: given them, SQLite chose one and walked
    every published incident for a page of fifty (the page's cost grew with the database)."""
    statement = queries._by_id(list(range(1, 51)))
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        sql = str(statement.compile(connection, compile_kwargs={"literal_binds": True}))
        connection.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(connection.execute(sa.text(f"EXPLAIN {sql}")).scalars())
        assert re.search(r"(Index|Bitmap Index) Scan on pk_incidents", plan), plan
    else:  # with bound parameters, as the page's statement is run (literals are planned apart)
        compiled = statement.compile(connection, compile_kwargs={"render_postcompile": True})
        params = tuple(compiled.params[name] for name in compiled.positiontup)
        plan = "\n".join(
            row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params)
        )
        assert "USING INTEGER PRIMARY KEY" in plan, plan
