"""Cost of storing identities sealed, on the internal API: the same requests against the same demo
data, served by a baseline revision of the code (protected values in clear; default ``main``)
and by the working tree (values sealed, protected names searched by blind index), in one run.

For each code tree, in its own process: a fresh SQLite database, migrated, the demo data set
(``--incidents`` N, seed 1), an editor token (editors see and search protected names); then,
through the app in-process (no HTTP server, so the figure is the app's own work):

  list            GET /api/v1/incidents?page_size=50&page=P
  search name     GET /api/v1/incidents?q=<a protected victim's name word>&page_size=50
  detail          GET /api/v1/incidents/<id of a case with a protected victim or a note>

and print the median and p90 milliseconds of each, baseline and sealed side by side.

Run from the repository root: ``.venv/bin/python bench/sealed.py [--incidents 2000] [--baseline main]``.
The baseline tree is a ``git archive`` of the revision in a temporary folder, removed at the end.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 200


def measure(count: int) -> dict:
    """Run inside a code tree (the current directory): the figures of that tree."""
    sys.path.insert(0, os.getcwd())
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from tests import factories
    from tracker import create_app
    from tracker.cases.models import Incident, Victim
    from tracker.core.text import normalise
    from tracker.core.transaction import transaction
    from tracker.demo import generator
    from tracker.extensions import db
    from tracker.people.models import Journalist

    folder = Path(tempfile.mkdtemp(prefix="sealed-bench-"))
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI":
                      f"sqlite:///{folder / 'bench.sqlite3'}", "ENCRYPTION_KEY_FILE": str(folder / "key"),
                      "RATELIMIT_ENABLED": False})  # fmt: skip
    with app.app_context():
        upgrade(directory=str(Path.cwd() / "migrations"))
        with transaction():
            generator.load(count, seed=1)
        editor = factories.create_user("editor")
        headers = factories.bearer(editor)
        db.session.commit()
        protected = db.session.execute(
            sa.select(Victim.incident_id, Journalist.id).join(Journalist, Journalist.id == Victim.journalist_id)
            .where(Victim.is_identity_protected).order_by(Victim.id).limit(ROUNDS)
        ).all()  # fmt: skip
        words = [normalise(db.session.get(Journalist, jid).name_ar).split()[0] for _i, jid in protected]
        detail_ids = [i for i, _j in protected]
        detail_ids += db.session.scalars(
            sa.select(Incident.id).where(Incident.confidential_notes.is_not(None)).limit(ROUNDS)
        ).all()
    client = app.test_client()

    def timed(paths):
        times = []
        for path in paths:
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        return times

    pages = max(1, count // 50)
    scenarios = {
        "list": [f"/api/v1/incidents?page_size=50&page={n % pages + 1}" for n in range(ROUNDS)],
        "search name": [f"/api/v1/incidents?q={words[n % len(words)]}&page_size=50" for n in range(ROUNDS)],
        "detail": [f"/api/v1/incidents/{detail_ids[n % len(detail_ids)]}" for n in range(ROUNDS)],
    }
    timed(scenarios["list"][:20])  # warm-up
    return {name: timed(paths) for name, paths in scenarios.items()}


def _run_tree(tree: Path, count: int) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", str(count)], cwd=tree,
                         capture_output=True, text=True, check=False)  # fmt: skip
    if out.returncode != 0:
        sys.exit(f"measuring {tree} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--baseline", default="main", help="git revision of the baseline (clear) code")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory(prefix="sealed-baseline-") as baseline:
        archive = subprocess.run(["git", "archive", "--format=tar", args.baseline], cwd=REPO,
                                 capture_output=True, check=True).stdout  # fmt: skip
        with tempfile.TemporaryFile() as f:
            f.write(archive)
            f.seek(0)
            with tarfile.open(fileobj=f) as tar:
                tar.extractall(baseline, filter="data")
        for sub in ("tracker/translations",):  # compiled catalogues are not in git
            for mo in (REPO / sub).rglob("*.mo"):
                target = Path(baseline) / mo.relative_to(REPO)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(mo.read_bytes())
        print(f"{args.incidents} demo incidents, SQLite, {ROUNDS} requests per scenario, in-process, editor")
        before = _run_tree(Path(baseline), args.incidents)
    after = _run_tree(REPO, args.incidents)
    print(
        f"{'scenario':<14}{'baseline p50':>14}{'sealed p50':>12}{'baseline p90':>14}{'sealed p90':>12}  (ms)"
    )
    for name in before:
        b, a = sorted(before[name]), sorted(after[name])
        p90 = int(len(b) * 0.9)
        print(
            f"{name:<14}{statistics.median(b):>14.2f}{statistics.median(a):>12.2f}{b[p90]:>14.2f}{a[p90]:>12.2f}"
            f"  ({(statistics.median(a) / statistics.median(b) - 1) * 100:+.0f}% at p50)"
        )


if __name__ == "__main__":
    main()
