"""The public list at depth (issue 18): page 1, page 1,000 and a keyset page, before and after,
in one run, on an existing database (load one with ``flask demo load --incidents 100000``).

*Before* is the list as it was: full ORM records read at an offset, and ``count()`` over every
public incident on each request. *After* is the list as served now: ids from the covering index
(``page``) or after a cursor (``after``), records built for the page only, the count bounded
(``queries.count_public``; its per-data-version memo is cleared before each cold call).
Each figure is the median of ``--repeat`` calls, in one process, through the Flask test client
for the HTTP rows (no ETag: every request builds its answer).

  .venv/bin/python bench/public_list.py --database-url sqlite:////path/100k.sqlite3
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker import create_app  # noqa: E402
from tracker.cases.models import Incident  # noqa: E402
from tracker.core import paging  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.public import queries  # noqa: E402

PAGE_SIZE = 50


def before_page(filters: dict, page: int) -> tuple[list[dict], int]:
    """The list before issue 18 (tracker/public/queries.page_of_records then)."""
    stmt = (
        sa.select(Incident).where(*queries.public_conditions(filters))
        .order_by(Incident.date_start.desc(), Incident.id.desc())
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    )  # fmt: skip
    incidents = db.session.scalars(queries._with_details(stmt)).all()
    return queries.records(incidents), queries.count(filters)


def after_page(filters: dict, page: int):
    return queries.page_of_records(filters, page, PAGE_SIZE), queries.count_public(filters)


def after_cursor(filters: dict, cursor):
    return queries.page_after(filters, cursor, PAGE_SIZE), queries.count_public(filters)


def timed(function, repeat: int, cold_count: bool = False) -> float:
    samples = []
    for _ in range(repeat):
        if cold_count:
            paging.forget()
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
        db.session.expunge_all()
    return statistics.median(samples) * 1000


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})


FILTER_SETS = (
    ("all public", {}),
    ("country=YE", {"country": ["YE"]}),
    ("group=detention", {"group": ["detention"]}),
)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="the database, migrated to this version")
    parser.add_argument("--before-database-url", help="a copy at the schema before (migration 0016) for the "
                        "before rows [the same database]")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    app, before_app = _app(args.database_url), _app(args.before_database_url or args.database_url)
    with app.app_context():
        total = queries.count({})
        print(f"{db.engine.dialect.name}: {db.session.scalar(sa.select(sa.func.count(Incident.id)))} incidents, "
              f"{total} public; page size {PAGE_SIZE}; median of {args.repeat} calls; before on "
              f"{'a copy at the old schema' if args.before_database_url else 'the same database'}")  # fmt: skip
        deep = min(1000, max(1, total // PAGE_SIZE))
        (_items, cursor), _count = after_page({}, deep - 1)
        cursor = queries.decode_cursor(cursor)
    before = {}
    with before_app.app_context():
        for name, filters in FILTER_SETS:
            for page in (1, deep):
                before[name, page] = timed(lambda f=filters, p=page: before_page(f, p), args.repeat)
    with app.app_context():
        rows = []
        for name, filters in FILTER_SETS:
            for page in (1, deep):
                rows.append((name, f"page {page}", before[name, page],
                             timed(lambda f=filters, p=page: after_page(f, p), args.repeat, cold_count=True),
                             timed(lambda f=filters, p=page: after_page(f, p), args.repeat)))  # fmt: skip
            rows.append((name, f"after (page {deep})", None,
                         timed(lambda f=filters: after_cursor(f, cursor), args.repeat, cold_count=True),
                         timed(lambda f=filters: after_cursor(f, cursor), args.repeat)))  # fmt: skip
        print(f"{'filters':<17}{'request':<20}{'before ms':>10}{'after ms (cold count)':>23}{'after ms':>10}"
              f"{'before req/s':>14}{'after req/s':>13}")  # fmt: skip
        for name, what, old, cold, warm in rows:
            b = f"{old:10.1f}" if old is not None else f"{'-':>10}"
            rb = f"{1000 / old:14.0f}" if old is not None else f"{'-':>14}"
            print(f"{name:<17}{what:<20}{b}{cold:23.1f}{warm:10.1f}{rb}{1000 / warm:13.0f}")
        client = app.test_client()
        print("\nHTTP (test client, one process): GET /api/public/v1/incidents")
        after_text = queries.encode_cursor(*cursor)
        for query in ("page=1", f"page={deep}", f"after={after_text}", "country=YE&page=1"):
            ms = timed(lambda q=query: client.get(f"/api/public/v1/incidents?{q}"), args.repeat)
            print(f"  ?{query:<28} {ms:7.1f} ms  {1000 / ms:6.0f} req/s")
        if db.engine.dialect.name == "postgresql":
            print("\nPlans (EXPLAIN):")
            for name, filters in FILTER_SETS:
                stmt = queries._in_list_order(filters).limit(PAGE_SIZE + 1).offset((deep - 1) * PAGE_SIZE)
                sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
                plan = db.session.execute(sa.text(f"EXPLAIN {sql}")).scalars().all()
                print(f"  {name}: " + " | ".join(line.strip() for line in plan if "Scan" in line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
