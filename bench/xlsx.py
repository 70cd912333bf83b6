"""A filtered XLSX download (issue 18), before and after, in one run, on an existing database
(load one with ``flask demo load --incidents 20000``).

*Before* is the download as it was: the whole workbook written by openpyxl (write-only mode)
into memory inside the request, then sent. *After* is the download as served now: the workbook
streamed as the records are read (``formats.xlsx_stream``). *csv*: the CSV of the same filters,
streamed, for reference. Each variant runs in a fresh process
(its peak RSS is its own) through the Flask test client, the body read piece by piece as a
server would; it prints time to first byte, total wall and CPU time, size and peak RSS.

  .venv/bin/python bench/xlsx.py --database-url sqlite:////path/20k.sqlite3 [--query year_from=2000]
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


VARIANTS = ("before", "after", "csv")


def before_writer(records):
    """tracker/public/formats.xlsx_bytes before issue 18, as one piece."""
    from openpyxl import Workbook

    from tracker.public.formats import CSV_COLUMNS, csv_rows

    book = Workbook(write_only=True)
    sheet = book.create_sheet("incidents")
    sheet.sheet_view.rightToLeft = True
    sheet.append(list(CSV_COLUMNS))
    for record in records:
        for row in csv_rows(record):
            sheet.append([row[column] for column in CSV_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    yield out.getvalue()


def measure(variant: str, query: str) -> dict:
    from werkzeug.datastructures import MultiDict

    from tracker import create_app
    from tracker.public import formats, queries

    app = create_app({"RATELIMIT_ENABLED": False})
    if variant == "before":
        formats.DOWNLOADS["xlsx"] = (before_writer, formats.DOWNLOADS["xlsx"][1])
    client = app.test_client()
    client.get("/api/public/v1/incidents.csv?year_from=2999").get_data()  # warm: app, gazetteer, caches
    with app.app_context():
        records = queries.count(queries.parse_filters(MultiDict(parse_qsl(query))))
    warm_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu, start = time.process_time(), time.perf_counter()
    fmt = "csv" if variant == "csv" else "xlsx"
    response = client.get(f"/api/public/v1/incidents.{fmt}?{query}", buffered=False)
    pieces = iter(response.response)
    size = len(next(pieces))
    first = time.perf_counter() - start
    size += sum(len(piece) for piece in pieces)
    response.close()
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"first": first, "total": total, "cpu": cpu, "mb": size / 1e6, "peak_mb": peak_mb,
            "growth_mb": peak_mb - warm_mb, "records": records}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--query", default="year_from=2000", help="the download's filters")
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(measure(args.variant, args.query)))
        return
    env = {**os.environ, "DATABASE_URL": args.database_url}
    env.pop("REDIS_URL", None)
    print(f"filtered XLSX download /api/public/v1/incidents.xlsx?{args.query}")
    print(f"{'':8}{'first byte':>12}{'total':>10}{'CPU':>10}{'size':>10}{'peak RSS':>10}{'growth':>10}")
    for variant in VARIANTS:
        out = subprocess.run([sys.executable, __file__, "--database-url", args.database_url, "--query", args.query,
                              "--variant", variant], env=env, check=True, capture_output=True, text=True).stdout  # fmt: skip
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{variant:8}{r['first']:>10.2f} s{r['total']:>8.2f} s{r['cpu']:>8.2f} s"
              f"{r['mb']:>7.1f} MB{r['peak_mb']:>7.0f} MB{r['growth_mb']:>7.0f} MB")  # fmt: skip
    print(f"({r['records']} incidents; peak RSS of the process, growth: over the warmed-up process)")


if __name__ == "__main__":
    main()
