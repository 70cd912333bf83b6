"""The full public CSV (issue 18): time and peak memory, before and after, in one run, on an
existing database (load one with ``flask demo load --incidents 100000``).

*before*: the records as they were read (full ORM incidents with victims, perpetrators and
sources, 500 at a time: ``tracker.public.queries`` before issue 18) written by the public CSV
writer; *after*: ``queries.iter_records`` (plain columns, keyset, no ORM object); *build*: the
full build of every format with gzip copies (``downloads.build_full``), into a temporary folder.
Each runs in a fresh process, so its peak memory (max RSS) is its own.

  .venv/bin/python bench/downloads.py --database-url sqlite:////path/100k.sqlite3
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tracker import create_app  # noqa: E402
from tracker.cases.models import Incident  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.public import downloads, formats, queries  # noqa: E402


def before_records(filters: dict, chunk: int = 500):
    """``queries.iter_records`` before issue 18."""
    last = None
    while True:
        stmt = sa.select(Incident).where(*queries.public_conditions(filters))
        if last is not None:
            stmt = stmt.where(sa.tuple_(Incident.date_start, Incident.id) < sa.tuple_(*last))
        stmt = stmt.order_by(Incident.date_start.desc(), Incident.id.desc()).limit(chunk)
        incidents = db.session.scalars(queries._with_details(stmt)).all()
        if not incidents:
            return
        yield from queries.records(incidents)
        last = (incidents[-1].date_start, incidents[-1].id)
        db.session.expunge_all()


def child(url: str, mode: str, folder: str) -> dict:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "DOWNLOADS_DIR": folder})
    with app.app_context():
        start = time.perf_counter()
        size = rows = 0
        if mode == "build":
            build = downloads.build_full()
            files = sorted((Path(folder) / str(build)).iterdir())
            size = sum(f.stat().st_size for f in files if f.name == "incidents.csv")
            sizes = {f.name: f.stat().st_size for f in files}
        else:
            records = before_records({}) if mode == "before" else queries.iter_records({})
            first = None
            for piece in formats.csv_stream(records):
                first = first or time.perf_counter()
                size += len(piece.encode())
                rows += piece.count("\r\n")
            sizes = {}
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "seconds": seconds, "bytes": size, "rows": rows, "peak_mb": peak, "sizes": sizes}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--modes", default="before,after,build")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.database_url, args.child, args.folder)))
        return 0
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        print(f"{db.engine.dialect.name}: {db.session.scalar(sa.select(sa.func.count(Incident.id)))} incidents, "
              f"{queries.count({})} public")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for mode in args.modes.split(","):
            out = subprocess.run(
                [sys.executable, __file__, "--database-url", args.database_url, "--child", mode, "--folder", folder],
                capture_output=True, text=True, check=True, cwd=REPO,
            )  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            what = {"before": "full CSV, before (ORM records)", "after": "full CSV, after (plain columns)",
                    "build": "build: CSV, XLSX, GeoJSON, JSON + gzip"}[mode]  # fmt: skip
            mb = r["bytes"] / 1e6
            print(f"{what:<42} {r['seconds']:7.1f} s  {mb:7.1f} MB CSV  peak RSS {r['peak_mb']:6.0f} MB"
                  + (f"  ({mb / r['seconds']:.1f} MB/s)" if mode != "build" else ""))  # fmt: skip
            if r["sizes"]:
                print("   " + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in r["sizes"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
