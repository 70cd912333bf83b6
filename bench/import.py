"""Benchmark of bulk import: validation (the dry run) and the real import of a flat-form CSV.

Writes a synthetic CSV of N rows (default 100,000; one row per victim, 1-3 victims per incident)
as researchers send them: labels in Arabic, English or as codes, dates as ISO, dd/mm/yyyy or with
Arabic month names and Arabic-Indic digits, a tenth of the incidents without coordinates (placed
by the gazetteer). Then, on a fresh migrated SQLite database (or --database-url):

  validate   read + check every row (``tracker.transfer.plan.check``: parsing, record rules, the
             API schema, existing references, gazetteer, duplicate search); target >= 2,000 rows/s
  import     the real import of the same rows in one transaction (new incidents in bulk, one
             audit entry each)
  re-import  the same file again: every incident compared through update_incident, nothing new

Each phase prints its wall time and this process's CPU time (the machine may be shared: CPU
time is the steadier figure). On PostgreSQL (``--database-url postgresql://...``) every run works
in a schema of its own, dropped at the end, so the database need not be empty.

``--baseline REV`` first runs this same script on the code of a git revision (e.g. ``main``, from
``git archive``) in a subprocess with the same arguments, then on the working tree: before and
after from one run, on the same machine state.

Run from the repository root: ``.venv/bin/python bench/import.py [--rows N] [--no-import]
[--database-url URL] [--baseline REV]``.
"""

import argparse
import csv
import io
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_ROWS_PER_S = 2000.0
PLACES = [  # (country, governorate, locality, latitude, longitude)
    ("اليمن", "مأرب", "مأرب", 15.4625, 45.3258), ("Yemen", "Taiz", "Taiz", 13.5795, 44.0209),
    ("YE", "عدن", "عدن", 12.7797, 45.0365), ("اليمن", "صنعاء", "صنعاء", 15.3694, 44.191),
    ("Libya", "طرابلس", "طرابلس", 32.8872, 13.1913), ("OM", "مسقط", "مسقط", 23.5859, 58.4059),
    ("ليبيا", "بنغازي", "بنغازي", 32.1167, 20.0667), ("Iraq", "Baghdad", "Baghdad", 33.3406, 44.4009),
]  # fmt: skip
TYPES = ["F4", "اعتقال / احتجاز تعسفي", "I2", "Physical assault / injury", "تهديد بالقتل", "C4", "P1", "L1.2"]
OUTCOMES = ["detained", "احتُجز", "Injured", "تعرض للتهديد", "assaulted", "released"]
MONTHS_AR = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
             "تشرين الثاني", "كانون الأول"]  # fmt: skip
FIRST = ["سامي", "خالد", "فاطمة", "أحمد", "محمد", "مريم", "علي", "نادية", "يوسف", "هدى"]
LAST = ["الحداد", "المقطري", "الأحمدي", "القاضي", "الشامي", "العبسي", "الزبيدي", "الحكيمي"]
HEADER = ["incident_ref", "title_ar", "title_en", "violation_types", "date_start", "country", "admin1", "locality",
          "latitude", "longitude", "perpetrator_types", "victim_name_ar", "victim_gender", "victim_outcome",
          "victim_is_identity_protected", "source_urls", "verification", "workflow_status"]  # fmt: skip
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def make_csv(rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    written, n = 0, 0
    while written < rows:
        n += 1
        country, admin1, locality, lat, lon = rng.choice(PLACES)
        year, month, day = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
        form = rng.random()
        if form < 0.4:
            when = f"{year}-{month:02d}-{day:02d}"
        elif form < 0.7:
            when = f"{day:02d}/{month:02d}/{year}"
        else:
            when = f"{day} {MONTHS_AR[month - 1]} {year}".translate(ARABIC_DIGITS)
        located = rng.random() > 0.1
        types = ";".join(rng.sample(TYPES, rng.randint(1, 2)))
        people = rng.sample([f"{a} {b}" for a in FIRST for b in LAST], rng.choice((1, 1, 1, 2, 3)))
        point = [round(lat + rng.uniform(-0.05, 0.05), 5), round(lon + rng.uniform(-0.05, 0.05), 5)]
        incident = [
            f"B-{n:06d}", f"انتهاك رقم {n}", f"Violation {n}", types, when, country, admin1, locality,
            *(point if located else ["", ""]), rng.choice(["state_security", "جماعة مسلحة غير حكومية", "Unknown"]),
        ]  # fmt: skip
        status = [f"https://example.org/{n}", rng.choice(["confirmed", "مرجح", "Possible"]),
                  rng.choice(["published", "draft", "منشور"])]  # fmt: skip
        for person in people[: rows - written]:
            victim = [person, rng.choice(["ذكر", "female", "unknown"]), rng.choice(OUTCOMES),
                      rng.choice(["نعم", "no", ""])]  # fmt: skip
            writer.writerow(incident + victim + status)
            written += 1
    return out.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-import", action="store_true", help="Only measure validation.")
    parser.add_argument("--database-url", help="A database to use instead of a new SQLite file.")
    parser.add_argument("--baseline", metavar="REV", help="Run the code of git revision REV first.")
    args = parser.parse_args()
    if args.baseline:
        baseline(args)
        print("--- this working tree")

    from tracker import create_app
    from tracker.core.crypto import new_key_line

    tmp = Path(tempfile.mkdtemp(prefix="tracker-bench-import-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    schema = None
    if url.startswith(("postgres://", "postgresql")):
        schema, url = own_schema(url)
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "ENCRYPTION_KEYS": new_key_line()}
    )
    data = make_csv(args.rows)
    print(f"Synthetic CSV: {args.rows:,} rows, {len(data) / 1e6:.1f} MB; database: {url.split(':')[0]}")
    try:
        run(app, data, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if schema is not None:
            from tracker.extensions import db

            with app.app_context():
                db.session.remove()
                db.engine.dispose()
            drop_schema(args.database_url, schema)


def baseline(args) -> None:
    """This script run on the code of ``args.baseline`` (a git revision), same arguments."""
    tree = Path(tempfile.mkdtemp(prefix="tracker-bench-baseline-"))
    try:
        archive = subprocess.run(["git", "archive", args.baseline], cwd=REPO, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        shutil.copy(Path(__file__), tree / "bench" / "import.py")
        command = [sys.executable, str(tree / "bench" / "import.py"), "--rows", str(args.rows)]
        command += ["--no-import"] * args.no_import + (
            ["--database-url", args.database_url] if args.database_url else []
        )
        print(f"--- baseline: {args.baseline}", flush=True)
        subprocess.run(command, cwd=tree, check=True)
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def _engine(url: str):
    import sqlalchemy as sa

    from tracker.config import normalise_database_url

    return sa.create_engine(normalise_database_url(url), isolation_level="AUTOCOMMIT")


def own_schema(url: str) -> tuple[str, str]:
    """A new empty schema in the PostgreSQL database ``url``, and the URL that works in it."""
    schema = f"bench_import_{uuid.uuid4().hex[:8]}"
    engine = _engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    return schema, f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def drop_schema(url: str, schema: str) -> None:
    engine = _engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


class Timer:
    """Wall and CPU seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def rates(self, rows: int) -> str:
        return (f"wall {self.wall:.2f} s ({rows / self.wall:,.0f} rows/s), "
                f"CPU {self.cpu:.2f} s ({rows / self.cpu:,.0f} rows/s)")  # fmt: skip


def run(app, data: bytes, args) -> None:
    from flask_migrate import upgrade

    from tracker.audit.operations import Actor
    from tracker.core.transaction import transaction
    from tracker.geo import gazetteer
    from tracker.transfer import files, operations, plan

    with app.app_context():
        upgrade(directory=str(REPO / "migrations"))
        gazetteer.get()  # loaded once per process, not part of the per-row cost
        with Timer() as took:
            report = plan.check(files.read(data, "bench.csv"))
        verdict = "OK" if report.rows / took.wall >= TARGET_ROWS_PER_S else "BELOW TARGET"
        print(f"validate  {report.rows:,} rows, {len(report.records):,} incidents: {took.rates(report.rows)} "
              f"(target >= {TARGET_ROWS_PER_S:,.0f}: {verdict}); errors {len(report.errors)}, "
              f"placed by the gazetteer {report.geocoded:,}, possible duplicates {len(report.duplicates):,}")  # fmt: skip
        if report.errors:
            print("first errors:", report.errors[:3])
        if args.no_import or not report.ok:
            return
        with Timer() as took, transaction():
            result = operations.run_import(report, Actor(None, "import", "system:bench"))
        verdict = "OK" if report.rows / took.wall >= TARGET_ROWS_PER_S else "BELOW TARGET"
        print(f"import    {report.rows:,} rows, {result.created:,} incidents created (one transaction): "
              f"{took.rates(report.rows)} ({verdict})")  # fmt: skip
        with Timer() as took:
            report = plan.check(files.read(data, "bench.csv"))
            with transaction():
                result = operations.run_import(report, Actor(None, "import", "system:bench"))
        print(f"re-import the same file (check + write): {took.rates(report.rows)}; "
              f"created {result.created}, updated {result.updated}, unchanged {result.unchanged:,}")  # fmt: skip


if __name__ == "__main__":
    main()
