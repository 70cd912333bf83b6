"""Deep pages of the internal list at the cost of page 1 (issues 15 and 18): page N is a keyset
seek from a remembered position (``tracker.core.paging``), and gives what ``OFFSET`` gives, in
every sort order, with ties, and after a write."""

import pytest
import sqlalchemy as sa

from schemas.cases import SORT_FIELDS
from tests import factories
from tracker.cases.models import Incident
from tracker.cases.queries import _order_by
from tracker.core import paging
from tracker.extensions import db

LIST = "/api/v1/incidents"
DAYS = ["2024-01-05", "2024-01-05", "2024-01-05", "2024-01-04", "2023-12-31", "2023-06-01", "2022-02-02",
        "2022-02-02", "2021-07-07", "2020-01-01", "2020-01-01"]  # fmt: skip


@pytest.fixture
def eleven(monkeypatch):
    monkeypatch.setattr(paging, "ANCHOR_EVERY", 2)
    return [factories.create_incident(date_start=day) for day in DAYS]


def _by_offset(sort: str) -> list[int]:
    return list(db.session.scalars(sa.select(Incident.id).order_by(*_order_by(sort))))


def _walk(client, headers, query: str, page_size: int) -> list[int]:
    ids, page = [], 1
    while True:
        response = client.get(f"{LIST}?{query}&page_size={page_size}&page={page}", headers=headers)
        assert response.status_code == 200 and response.headers["X-Total-Count"] == str(len(DAYS))
        items = response.get_json()
        if not items:
            return ids
        ids += [item["id"] for item in items]
        page += 1


@pytest.mark.parametrize("sort", [f"{sign}{name}" for name in SORT_FIELDS for sign in ("", "-")])
@pytest.mark.parametrize("page_size", [1, 3, 4])
def test_every_page_in_every_order_is_what_an_offset_gives(client, auth, eleven, sort, page_size):
    assert _walk(client, auth("viewer"), f"sort={sort}", page_size) == _by_offset(sort)


def test_a_deep_page_asked_again_seeks_from_its_anchor(client, auth, eleven, monkeypatch):
    headers = auth("viewer")
    first = client.get(f"{LIST}?page_size=2&page=5", headers=headers).get_json()
    (version_key,) = paging._kept  # entries 0-1, 2-3, 4-5, 6-7 end at the four anchors
    assert len(paging._kept[version_key].keys) == 4
    seeks = []
    found = paging._next_anchor
    monkeypatch.setattr(paging, "_next_anchor", lambda *args: seeks.append(args) or found(*args))
    again = client.get(f"{LIST}?page_size=2&page=5", headers=headers).get_json()
    assert again == first and [item["id"] for item in again] == _by_offset("-date_start")[8:10]
    assert seeks == []
    client.get(f"{LIST}?page_size=2&page=6", headers=headers)
    assert len(seeks) == 1  # one more anchor, found from the last one


def test_a_write_is_on_the_next_page_read(client, auth, eleven):
    headers = auth("viewer")
    before = _walk(client, headers, "sort=date_start", 2)
    factories.create_incident(date_start="2019-05-05")
    after = [
        item["id"]
        for item in client.get(f"{LIST}?sort=date_start&page_size=2&page=1", headers=headers).get_json()
    ]
    assert after[1] == before[0] and after[0] not in before
    last = client.get(f"{LIST}?sort=date_start&page_size=2&page=6", headers=headers)
    assert [item["id"] for item in last.get_json()] == before[-2:]  # one more before them: shifted
    assert last.headers["X-Total-Count"] == str(len(DAYS) + 1)


def test_filters_have_anchors_of_their_own(client, auth, eleven):
    headers = auth("viewer")
    factories.create_incident(date_start="2024-02-02", country="LY", admin1="طرابلس", locality="طرابلس",
                              latitude=None, longitude=None, geo_precision=None)  # fmt: skip
    assert len(_walk(client, headers, "country=YE", 1)) == len(DAYS)
    libya = client.get(f"{LIST}?country=LY&page_size=1&page=1", headers=headers)
    assert libya.headers["X-Total-Count"] == "1" and libya.get_json()[0]["country"] == "LY"
    assert client.get(f"{LIST}?country=LY&page_size=1&page=2", headers=headers).get_json() == []


def test_a_page_reads_its_rows_and_their_codes_in_one_statement(client, auth, eleven):
    """On PostgreSQL every statement is a round trip: after the data version and the page's keys,
    one statement reads the page's rows with their violation codes."""
    headers = auth("viewer")
    client.get(f"{LIST}?page_size=3&page=2", headers=headers)  # count and anchors kept from here
    seen = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        items = client.get(f"{LIST}?page_size=3&page=2", headers=headers).get_json()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    reads = [s for s in seen if "FROM incidents" in s or "FROM incident_violations" in s]
    assert len(reads) == 3  # the data version, the keys, the rows with their codes
    assert [item["id"] for item in items] == _by_offset("-date_start")[3:6]
    assert all(item["violation_types"] for item in items)
