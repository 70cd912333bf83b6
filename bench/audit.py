"""The audit trail's hash chain: time to write and to verify N chained entries (target: 100,000
entries verified in under 10 s).

Writes N entries through the bulk chain writer (``tracker.audit.operations.link``, what imports and
the demo loader use) into a fresh SQLite database (``--database-url`` for another), then times
``verify_chain`` (what `flask audit verify` runs).

    python bench/audit.py [--entries 100000] [--database-url URL]
"""

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from flask_migrate import upgrade  # noqa: E402

from tracker import create_app  # noqa: E402
from tracker.audit import operations as audit  # noqa: E402
from tracker.audit.models import AuditEntry  # noqa: E402
from tracker.audit.queries import verify_chain  # noqa: E402
from tracker.core.bulk import insert_plain  # noqa: E402
from tracker.core.db import utcnow  # noqa: E402
from tracker.core.transaction import transaction  # noqa: E402

BATCH = 5000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="audit-bench-")
    url = args.database_url or f"sqlite:///{os.path.join(folder, 'bench.sqlite3')}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    actor = audit.Actor(None, "system", "system:bench")
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "..", "migrations"))
        started = time.perf_counter()
        for start in range(0, args.entries, BATCH):
            rows = [{"at": utcnow(), "user_id": None, "actor": actor.name, "channel": "system",
                     "action": "update", "entity_type": "incident", "entity_id": n,
                     "changes": {"title_ar": ["عنوان قديم", f"عنوان {n}"], "violation_types": [["F4"], ["F4", "I2"]]},
                     "note": None} for n in range(start, min(start + BATCH, args.entries))]  # fmt: skip
            with transaction():
                insert_plain(AuditEntry.__table__, audit.link(rows))
        written = time.perf_counter() - started
        started = time.perf_counter()
        report = verify_chain()
        verified = time.perf_counter() - started
    print(f"database: {url.split(':')[0]}")
    print(f"wrote {args.entries:,} chained entries in {written:.2f} s ({args.entries / written:,.0f}/s)")
    print(
        f"verified {report.entries:,} entries in {verified:.2f} s (target < 10 s): {'OK' if report.ok else report.problem}"
    )


if __name__ == "__main__":
    main()
