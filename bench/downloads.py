"""The full public downloads at size (issue 18), served as deployed: gunicorn as configured by
``gunicorn.conf.py`` (gthread, its default worker timeout), 2 web processes, on an existing
database (load one with ``flask demo load --incidents 100000``; the bench writes to it: the
build's record, so give it a copy).

1. *build*: every prepared file (``flask map downloads``: CSV, XLSX, GeoJSON, JSON and the
   gzip copies), timed, its peak memory (max RSS) its own; skipped when ``--downloads-dir``
   already holds a build of this database (``--rebuild`` to force).
2. *baselines* of the same run: reading each prepared file from disk in this process (the
   throughput a server cannot beat), and the first byte of ``/healthz`` from the same server
   (the floor of any answer's first byte). The server's CPU time over the tries is printed
   too (the steadier figure on a shared machine).
3. *tries*: ``--tries`` full downloads (default 20) spread over the formats in turn, every
   every other round asking for gzip as browsers do, ``--concurrency`` at a time (default 4: visitors
   downloading together). Each is timed from the request sent: first byte (the answer's
   status line), then bytes per second to its last byte. Each is then checked complete:
   status 200, ``Content-Length`` = bytes received = size of the prepared file served (or its
   gzip copy), the same SHA-256, and a parse of its end (CSV: every row, the last one whole;
   JSON/GeoJSON: the document closes after a whole last record; XLSX: the zip's central
   directory and every member's CRC, the sheet's XML closed).

Targets: 0 truncated, first byte <= 200 ms, >= 50 MB/s from the prepared file; gunicorn's
log is read for workers it restarted (a timeout kills a download mid-file).

  .venv/bin/python bench/downloads.py --database-url sqlite:////path/copy-of-100k.sqlite3

Variables the app needs besides (``ENCRYPTION_KEY_FILE`` for a sealed database) are passed on.
``--records`` also times reading the full CSV's records the old way (ORM incidents, 500 at a
time) and the new way (plain columns), each in a fresh process.
"""

import argparse
import csv
import gzip
import hashlib
import http.client
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.public import HOST, free_port, server_cpu_seconds  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.cases.models import Incident  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.public import downloads, formats, queries  # noqa: E402

TARGET_FIRST_BYTE_MS, TARGET_MB_S = 200.0, 50.0
CHUNK = 1 << 20
TAIL = 1 << 18  # bytes of a file's end kept for the parse of its end
APP_ENV_VARS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "DOWNLOADS_DIR", "PREPARED_FOLDER", "WEB_CONCURRENCY",
                "GUNICORN_TIMEOUT", "GUNICORN_THREADS", "WEB_THREADS", "FLASK_DEBUG", "FLASK_RUN_FROM_CLI")  # fmt: skip


def log(message: str = "") -> None:
    print(message, flush=True)


# --- the server -------------------------------------------------------------------------------


def app_env(args) -> dict:
    variables = {k: v for k, v in os.environ.items() if k not in APP_ENV_VARS}
    variables.update(DATABASE_URL=args.database_url, SECRET_KEY="tracker-bench-secret-key", FLASK_APP="app.py",
                     MAP_TILE_URL="off", DOWNLOADS_DIR=str(args.downloads_dir), WEB_CONCURRENCY=str(args.workers),
                     PREPARED_FOLDER=str(args.downloads_dir / "prepared"))  # fmt: skip
    if args.redis_url:
        variables.update(REDIS_URL=args.redis_url, PREPARED_KEY_PREFIX=f"bench-{os.getpid()}")
    return variables


def flask(env: dict, *command: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", *command], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def start_gunicorn(env: dict, port: int, errors) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"{HOST}:{port}", "app:app"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True,
    )  # fmt: skip
    for _ in range(1200):
        try:
            status, _ms, _h = first_byte(port, "/healthz")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def first_byte(port: int, path: str, headers: dict | None = None) -> tuple[int, float, dict]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        sent = time.perf_counter()
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        ms = (time.perf_counter() - sent) * 1000
        response.read()
        return response.status, ms, dict(response.headers)
    finally:
        conn.close()


# --- one try ----------------------------------------------------------------------------------


def download(port: int, fmt: str, packed: bool, folder: Path) -> dict:
    """One full download, timed; the body goes to a file as it comes (hashed and parsed once
    every try has ended, so that the client's own work does not slow what it measures)."""
    headers = {"Accept-Encoding": "gzip, deflate, br"} if packed else {"Accept-Encoding": "identity"}
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    buffer = memoryview(bytearray(CHUNK))
    received, error, first = 0, None, None
    target = folder / (f"try-{time.perf_counter_ns()}.{fmt}" + (".gz" if packed else ""))
    sent = time.perf_counter()
    try:
        conn.request("GET", f"/api/public/v1/incidents.{fmt}", headers=headers)
        response = conn.getresponse()
        first = time.perf_counter()
        with open(target, "wb", buffering=0) as out:
            while n := response.readinto(buffer):
                out.write(buffer[:n])
                received += n
        status, answered = response.status, dict(response.headers)
    except (OSError, http.client.HTTPException) as failure:  # a worker killed mid-file, say
        status, answered, error = None, {}, repr(failure)
    finally:
        conn.close()
    ended = time.perf_counter()
    return {"fmt": fmt, "packed": packed, "status": status, "headers": answered, "error": error,
            "bytes": received, "file": str(target), "first_byte_ms": ((first or ended) - sent) * 1000,
            "seconds": ended - sent}  # fmt: skip


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while piece := source.read(CHUNK):
            digest.update(piece)
    return digest.hexdigest()


def end_parses(fmt: str, plain: Path) -> str | None:
    """None if the file's end parses as a whole document of its format, else what is wrong."""
    if fmt == "xlsx":
        with zipfile.ZipFile(plain) as book:
            bad = book.testzip()
            if bad is not None:
                return f"bad CRC in {bad}"
            sheet = next(n for n in book.namelist() if n.startswith("xl/worksheets/"))
            with book.open(sheet) as xml:
                xml.seek(max(0, book.getinfo(sheet).file_size - 200))
                end = xml.read().decode("utf-8", "replace")
        return None if end.rstrip().endswith("</worksheet>") and "</sheetData>" in end else "sheet not closed"
    if fmt == "csv":
        with open(plain, encoding="utf-8-sig", newline="") as text:
            rows = csv.reader(text)
            header, last, count = next(rows), None, 0
            for row in rows:
                last, count = row, count + 1
        if not count or len(last) != len(header) or not re.fullmatch(r"[A-Z]{2}-\d{4}-\d+", last[0]):
            return f"last row not whole: {last[:2] if last else None}"
        with open(plain, "rb") as raw:
            raw.seek(-2, os.SEEK_END)
            return None if raw.read() == b"\r\n" else "no line end after the last row"
    closing = "]}" if fmt == "geojson" else "]"
    with open(plain, "rb") as raw:
        raw.seek(max(0, plain.stat().st_size - TAIL))
        tail = raw.read().decode("utf-8", "replace")
    if not tail.endswith(closing):
        return f"does not end with {closing!r}"
    decoder, end = json.JSONDecoder(), len(tail) - len(closing)
    for found in reversed([m.start() for m in re.finditer(r"[\[,]\{", tail)]):
        try:
            record, stop = decoder.raw_decode(tail, found + 1)
        except ValueError:
            continue
        if stop == end and ("public_ref" in record or record.get("type") == "Feature"):
            return None
    return "last record not whole"


def check(result: dict, served: dict) -> str | None:
    """None if the try received the whole prepared file, else why not."""
    if result["error"] or result["status"] != 200:
        return result["error"] or f"status {result['status']}"
    packed = result["headers"].get("Content-Encoding") == "gzip"
    if packed != result["packed"]:
        return f"gzip asked {result['packed']}, answered {packed}"
    size, sha = served[(result["fmt"], packed)]
    length = int(result["headers"].get("Content-Length", -1))
    if not length == result["bytes"] == size:
        return f"truncated: Content-Length {length}, received {result['bytes']}, file {size}"
    plain = Path(result["file"])
    if sha256(plain) != sha:
        return "not the prepared file's bytes"
    if packed:
        unpacked = plain.with_suffix("")
        with gzip.open(plain) as source, open(unpacked, "wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        plain.unlink()
        plain = unpacked
    try:
        return end_parses(result["fmt"], plain)
    except (zlib.error, zipfile.BadZipFile, OSError, ValueError, StopIteration) as failure:
        return repr(failure)
    finally:
        plain.unlink(missing_ok=True)


# --- children: the build, and reading the records the old and the new way ---------------------


def before_records(filters: dict, chunk: int = 500):
    """``queries.iter_records`` before issue 18: full ORM incidents, 500 at a time."""
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


def child(url: str, mode: str) -> dict:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        start = time.perf_counter()
        size = 0
        if mode == "build":
            downloads.build_full()
        else:
            records = before_records({}) if mode == "before" else queries.iter_records({})
            size = sum(len(piece.encode()) for piece in formats.csv_stream(records))
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "seconds": seconds, "bytes": size, "peak_mb": peak}


def run_child(args, mode: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--database-url", args.database_url, "--child", mode],
        capture_output=True, text=True, check=True, cwd=REPO, env=app_env(args),
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the run ----------------------------------------------------------------------------------


def served_files(args) -> tuple[dict, dict]:
    """(format, gzip) -> (size, sha256) of the ready build; and the disk read baseline."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench",
                      "DOWNLOADS_DIR": str(args.downloads_dir)})  # fmt: skip
    found, read, seconds = {}, 0, 0.0
    with app.app_context():
        build = downloads.ready()
        if build is None:
            raise SystemExit("no ready build of the full downloads")
        for fmt in downloads.FORMATS:
            for packed in (False, True) if fmt in downloads.COMPRESSED else (False,):
                path = downloads.path(build, fmt, packed)
                buffer, started = memoryview(bytearray(CHUNK)), time.perf_counter()
                with open(path, "rb", buffering=0) as source:
                    while n := source.readinto(buffer):
                        read += n
                seconds += time.perf_counter() - started
                found[(fmt, packed)] = (path.stat().st_size, sha256(path))
    return found, {"disk_mb_s": read / 1e6 / seconds}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--downloads-dir", type=Path, default=None, help="keep the build here (reused)")
    parser.add_argument("--rebuild", action="store_true", help="build even if the folder holds a build")
    parser.add_argument("--redis-url", default=None, help="shared state in Redis (else this process)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--records", action="store_true", help="also time reading the CSV's records")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.database_url, args.child)))
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="tracker-bench-downloads-"))
    args.downloads_dir = (args.downloads_dir or scratch / "downloads").resolve()
    try:
        return run(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(args, scratch: Path) -> int:
    env = app_env(args)
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench",
                      "DOWNLOADS_DIR": str(args.downloads_dir)})  # fmt: skip
    with app.app_context():
        public = queries.count({})
        log(f"{db.engine.dialect.name}: {db.session.scalar(sa.select(sa.func.count(Incident.id)))} incidents, "
            f"{public} public")  # fmt: skip
        built = downloads.ready() is not None and bool(downloads.describe())
    if args.records:
        for mode, what in (("before", "ORM records"), ("after", "plain columns")):
            r = run_child(args, mode)
            log(f"full CSV records, {what:<14} {r['seconds']:7.1f} s  {r['bytes'] / 1e6:7.1f} MB  "
                f"{r['bytes'] / 1e6 / r['seconds']:5.1f} MB/s  peak RSS {r['peak_mb']:5.0f} MB")  # fmt: skip
    flask(env, "public", "prepare", "--if-missing")  # what a deployment has before its first visitor
    if args.rebuild or not built:
        r = run_child(args, "build")
        log(
            f"build (CSV, XLSX, GeoJSON, JSON + gzip copies): {r['seconds']:.1f} s, peak RSS {r['peak_mb']:.0f} MB"
        )
    else:
        log("build: reused (--rebuild to time one)")
    served, baseline = served_files(args)
    log(
        "files: "
        + ", ".join(f"{downloads.file_name(f, p)} {s / 1e6:.1f} MB" for (f, p), (s, _) in served.items())
    )
    port, errors_log = free_port(), scratch / "gunicorn.log"
    with open(errors_log, "wb") as errors:
        server = start_gunicorn(env, port, errors)
    try:
        for fmt in downloads.FORMATS * args.workers:  # a worker's first request is not a visitor's
            first_byte(port, f"/api/public/v1/incidents.{fmt}", {"Range": "bytes=0-0"})
        floor = sorted(first_byte(port, "/healthz")[1] for _ in range(9))[4]
        rounds = [(i // len(downloads.FORMATS), downloads.FORMATS[i % len(downloads.FORMATS)])
                  for i in range(args.tries)]  # fmt: skip
        plan = [
            (fmt, n % 2 == 1 and fmt in downloads.COMPRESSED) for n, fmt in rounds
        ]  # gzip every other round
        cpu, mine, started = server_cpu_seconds(server.pid), client_cpu_seconds(), time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(lambda p: download(port, p[0], p[1], scratch), plan))
        wall, cpu = time.perf_counter() - started, server_cpu_seconds(server.pid) - cpu
        mine, load = client_cpu_seconds() - mine, os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    restarts = errors_log.read_text(errors="replace").count("WORKER TIMEOUT")
    return report(args, results, served, baseline, floor, (wall, cpu, mine, load), restarts)


def report(args, results, served, baseline, floor, spent, restarts) -> int:
    log(f"\n{args.tries} tries, {args.concurrency} at a time, {args.workers} gunicorn processes "
        f"(gunicorn.conf.py: gthread, default timeout)")  # fmt: skip
    log(f"{'file':<18} {'first byte ms':>13} {'MB':>7} {'s':>6} {'MB/s':>7}  complete")
    truncated = 0
    for r in results:
        problem = check(r, served)
        truncated += problem is not None
        name = downloads.file_name(r["fmt"], r["packed"])
        log(f"{name:<18} {r['first_byte_ms']:13.0f} {r['bytes'] / 1e6:7.1f} {r['seconds']:6.1f} "
            f"{r['bytes'] / 1e6 / r['seconds']:7.1f}  {problem or 'yes'}")  # fmt: skip
    firsts = [r["first_byte_ms"] for r in results]
    rates = [r["bytes"] / 1e6 / r["seconds"] for r in results]
    total, (wall, cpu, mine, load) = sum(r["bytes"] for r in results) / 1e6, spent
    log(f"machine load average at the end of the tries: {load:.1f} ({os.cpu_count()} cores)")
    log(f"\nbaselines (this run): disk read of the prepared files {baseline['disk_mb_s']:.0f} MB/s; "
        f"first byte of /healthz {floor:.0f} ms (median of 9)")  # fmt: skip
    verdicts = [
        ("truncated", f"{truncated} of {len(results)}", truncated == 0, "0"),
        ("first byte", f"median {statistics.median(firsts):.0f} ms, max {max(firsts):.0f} ms",
         max(firsts) <= TARGET_FIRST_BYTE_MS, f"<= {TARGET_FIRST_BYTE_MS:.0f} ms"),
        ("throughput per download", f"median {statistics.median(rates):.0f} MB/s, min {min(rates):.0f} MB/s",
         min(rates) >= TARGET_MB_S, f">= {TARGET_MB_S:.0f} MB/s"),
        ("all tries together", f"{total:.0f} MB in {wall:.1f} s: {total / wall:.0f} MB/s", True, ""),
        ("server CPU (all processes)", f"{cpu:.1f} s: {cpu / total * 1000:.2f} ms per MB served", True, ""),
        ("client CPU (this process)", f"{mine:.1f} s: {mine / total * 1000:.2f} ms per MB received", True, ""),
        ("workers restarted (timeout)", str(restarts), restarts == 0, "0"),
    ]  # fmt: skip
    for what, figure, met, target in verdicts:
        log(f"{what:<28} {figure:<40} {('target ' + target) if target else '':<18} "
            f"{'' if not target else 'MET' if met else 'NOT MET'}")  # fmt: skip
    return 0 if all(met for _w, _f, met, _t in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
