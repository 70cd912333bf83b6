"""The staff desk (/desk) on a large database: the whole page for an editor, and its follow-up
lists (people still held, anniversaries), which decide per person across all cases who is held.

Runs against an existing database that it may write to (it adds a bench editor): pass a COPY of a
demo database (``flask demo load --incidents 100000``). Journalists' names are sealed with the
key of the instance that loaded it; ``--placeholder-names`` replaces every sealed value in the copy
(names, confidential notes) when this instance does not have that key (they are read, not measured). With ``--baseline REV`` the same
measurements run first on that revision of the code (unpacked with ``git archive`` into a
temporary folder), on its own copy of the database, so both figures come from one run.

Prints, per code tree, the median and best wall time and the CPU time of the process over
``--runs`` requests (after one warm-up), and the size of the lists.

    .venv/bin/python bench/desk.py --database /tmp/copy.sqlite3 --baseline main --runs 5
"""

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EMAIL, PASSWORD = "bench-desk@example.org", "bench desk password"


def measure(tree: Path, database: Path, runs: int) -> None:
    """In this process, with the code of ``tree``."""
    sys.path.insert(0, str(tree))
    os.chdir(tree)
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", SECRET_KEY="tracker-bench-secret-key")
    for name in ("REDIS_URL", "TEST_DATABASE_URL"):
        os.environ.pop(name, None)
    import re

    from tracker import create_app
    from tracker.audit.operations import Actor
    from tracker.auth import operations as auth_ops
    from tracker.desk import queries
    from tracker.extensions import db

    app = create_app()
    with app.app_context():
        from tracker.auth.models import User

        if db.session.query(User).filter_by(email=EMAIL).first() is None:
            auth_ops.create_user(EMAIL, "Bench Desk", "editor", PASSWORD, Actor(None, "cli", "bench"))
            db.session.commit()
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    login = client.post("/auth/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token})
    assert login.status_code == 302, login.status_code

    def timed(label, call):
        call()  # warm-up
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            result = call()
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        print(f"  {label:<34}median {statistics.median(walls):8.1f} ms  best {min(walls):8.1f} ms  "
              f"cpu {statistics.median(cpus):8.1f} ms   {result}", flush=True)  # fmt: skip

    def desk():
        response = client.get("/desk/?lang=en")
        assert response.status_code == 200, response.status_code
        return f"{len(response.get_data()) / 1000:.0f} KB"

    with app.test_request_context():
        from flask_login import login_user

        from tracker.auth.models import User

        user = db.session.query(User).filter_by(email=EMAIL).one()
        login_user(user)
        timed("follow-ups (held, no news)", lambda: f"{len(queries.follow_ups(user, 'en'))} people")
        timed("anniversaries", lambda: f"{len(queries.anniversaries(user, 'en'))} people")
    timed("GET /desk (editor)", desk)


def placeholders(database: Path) -> None:
    """Every sealed value of the copy (tables with a ``seal_key``) replaced by clear text."""
    with sqlite3.connect(database) as copy:
        tables = [t for (t,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [c[1] for c in copy.execute(f'PRAGMA table_info("{table}")')]
            if "seal_key" not in columns:
                continue
            for column in columns:
                copy.execute(f'UPDATE "{table}" SET "{column}" = \'placeholder \' || id '
                             f'WHERE "{column}" LIKE \'enc1:%\'')  # fmt: skip
            copy.execute(f'UPDATE "{table}" SET seal_key = NULL')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, required=True, help="a copy of a demo SQLite database")
    parser.add_argument("--baseline", help="a git revision to measure first, on its own copy")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--placeholder-names", action="store_true",
                        help="replace the copy's sealed journalist names by clear placeholders")  # fmt: skip
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: the code tree
    args = parser.parse_args()
    if args.placeholder_names:
        placeholders(args.database)
    if args.measure:
        measure(args.measure, args.database, args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as folder:
        trees = []
        if args.baseline:
            base = Path(folder) / "baseline"
            base.mkdir()
            archive = subprocess.run(
                ["git", "archive", args.baseline], cwd=REPO, check=True, capture_output=True
            )
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
            copy = Path(folder) / "baseline.sqlite3"
            shutil.copyfile(args.database, copy)
            subprocess.run([sys.executable, "-m", "flask", "db", "upgrade"], cwd=base, check=True,
                           env={**os.environ, "DATABASE_URL": f"sqlite:///{copy}", "FLASK_APP": "app.py",
                                "SECRET_KEY": "tracker-bench-secret-key"}, stdout=subprocess.DEVNULL)  # fmt: skip
            trees.append((f"baseline ({args.baseline})", base, copy))
        subprocess.run([sys.executable, "-m", "flask", "db", "upgrade"], cwd=REPO, check=True,
                       env={**os.environ, "DATABASE_URL": f"sqlite:///{args.database}", "FLASK_APP": "app.py",
                            "SECRET_KEY": "tracker-bench-secret-key"}, stdout=subprocess.DEVNULL)  # fmt: skip
        trees.append(("this tree", REPO, args.database))
        for label, tree, database in trees:
            print(f"{label}:", flush=True)
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", str(tree), "--database",
                            str(database), "--runs", str(args.runs)], check=True)  # fmt: skip


if __name__ == "__main__":
    main()
