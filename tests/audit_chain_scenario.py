"""Parallel writers of audit entries, on their own connections (run by tests/audit/test_chain.py).

Each transaction also takes a shared row lock (a public reference counter), half of the writers
before their first audit entry and half after it: with the chain's head locked from the first
entry to the commit, such writers deadlocked on PostgreSQL; the head is now taken at commit.

Usage: python -m tests.audit_chain_scenario DATABASE_URL  -> prints a JSON summary.
"""

import json
import os
import sys
import threading
import time
from collections import Counter

from flask_migrate import upgrade

from tracker import create_app
from tracker.audit import operations as audit
from tracker.audit.queries import verify_chain
from tracker.cases.operations import reserve_public_numbers
from tracker.core.transaction import transaction

WRITERS, TRANSACTIONS = 4, 20


def main(url: str) -> dict:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "scenario", "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "..", "migrations"))
    barrier = threading.Barrier(WRITERS)
    errors: list[str] = []

    def write(n: int) -> None:
        actor = audit.Actor(None, "system", f"system:writer-{n}")
        with app.app_context():
            barrier.wait()
            for i in range(TRANSACTIONS):
                try:
                    with transaction():
                        if n % 2:
                            reserve_public_numbers(Counter({("YE", 2024): 1}))
                        audit.record(actor, "update", "incident", i, {"title_en": [str(i), f"w{n}"]})
                        rows = [{"at": audit.utcnow(), "user_id": None, "actor": actor.name, "channel": "system",
                                 "action": "create", "entity_type": "journalist", "entity_id": k,
                                 "changes": {"n": [None, k]}} for k in range(3)]  # fmt: skip
                        audit.queue(rows)
                        time.sleep(0.002)  # let the writers interleave
                        if not n % 2:
                            reserve_public_numbers(Counter({("YE", 2024): 1}))
                        audit.record(actor, "update", "incident", i, {"note": [None, "second"]})
                except Exception as error:  # noqa: BLE001 - reported to the test
                    errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        report = verify_chain()
    return {"errors": errors, "entries": report.entries, "ok": report.ok, "problem": report.problem,
            "head_seq": report.head_seq, "expected": WRITERS * TRANSACTIONS * 5}  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
