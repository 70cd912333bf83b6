"""Benchmark of the offline gazetteer: index build and load time, memory, lookups per second.

Builds the index into a temporary file (timed), then loads it in a fresh process, so the load
time and resident memory (RSS) are those of a worker starting cold, and measures on one core:

  lookup       resolver.lookup(...) on a mix of Arabic/English names of every governorate of the
               18 Arab states and its seat, with spelling variants, with and without country
  reverse      reverse(lat, lon) on points near those seats
  public_point coarsen.public_point(row) for rows at every public precision

Target (issue 4): >= 20,000 lookups/s on one core, index loaded in < 1 s, < 150 MB RSS.
Run from the repository root: ``make bench`` or ``.venv/bin/python bench/geo.py [--seconds S]``.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_LOOKUPS = 20_000
TARGET_LOAD_S = 1.0
TARGET_RSS_MB = 150.0


def _queries() -> list[tuple]:
    with open(REPO / "tracker" / "geo" / "data" / "arab_admin1.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    queries = []
    for r in rows:
        cc = r["code"][:2]
        plain = r["seat_ar"].replace("أ", "ا").replace("إ", "ا").replace("ة", "ه")
        queries += [
            (r["seat_ar"], None, cc),
            (plain, r["name_ar"], cc),
            (r["seat_en"], None, None),
            (None, "محافظة " + r["name_ar"], cc),
            (None, r["name_en"], cc),
        ]
    return queries


def _rate(fn, items, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for item in items:
            fn(item)
        count += len(items)
    return count / (time.perf_counter() - start)


def measure(index: str, seconds: float) -> dict:
    """Runs in a fresh process: load the index, then time the calls."""
    import psutil

    from tracker.geo import gazetteer
    from tracker.geo.coarsen import public_point
    from tracker.geo.resolver import lookup
    from tracker.geo.reverse import reverse

    process = psutil.Process()
    rss_before = process.memory_info().rss
    start = time.perf_counter()
    g = gazetteer.load(Path(index))
    load_s = time.perf_counter() - start
    rss = process.memory_info().rss

    queries = _queries()
    found = sum(1 for q in queries if lookup(*q, g=g).candidates)
    points = [
        (c.latitude + 0.05, c.longitude - 0.05)
        for c in (lookup(q[0], None, q[2], g=g).best for q in queries[::5])
        if c
    ]
    rows = [
        {"country": q[2] or "YE", "admin1": q[1], "locality": q[0], "latitude": 15.47, "longitude": 45.33,
         "geo_precision": "exact", "public_geo_precision": p, "geonames_id": None}
        for q in queries[::5] for p in ("exact", "locality", "admin1", "country")
    ]  # fmt: skip
    return {
        "places": len(g.places),
        "names": len(g.place_keys),
        "governorates": len(g.admin1),
        "countries": len(g.countries),
        "load_s": load_s,
        "rss_mb": rss / 2**20,
        "index_rss_mb": (rss - rss_before) / 2**20,
        "queries": len(queries),
        "answered": found,
        "lookup_per_s": _rate(lambda q: lookup(*q, g=g), queries, seconds),
        "reverse_per_s": _rate(lambda p: reverse(*p, g=g), points, seconds),
        "public_point_per_s": _rate(lambda r: public_point(r, g=g), rows, seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measured call (default 5)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: the child process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.seconds)))
        return

    from tracker.geo import gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "gazetteer.pickle"
        start = time.perf_counter()
        gazetteer.write_index(index)
        build_s = time.perf_counter() - start
        size_mb = index.stat().st_size / 2**20
        # One core: the measuring process is pinned where the platform allows it.
        prefix = ["taskset", "-c", "0"] if sys.platform.startswith("linux") and _has("taskset") else []
        out = subprocess.run(
            [*prefix, sys.executable, __file__, "--measure", str(index), "--seconds", str(args.seconds)],
            check=True, capture_output=True, text=True, cwd=REPO,
        )  # fmt: skip
        r = json.loads(out.stdout)

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(f"gazetteer: {r['places']:,} places, {r['names']:,} name keys, {r['governorates']:,} governorates, "
          f"{r['countries']} countries")  # fmt: skip
    print(f"index build          {build_s:8.2f} s   file {size_mb:.1f} MB")
    print(
        f"index load           {r['load_s']:8.3f} s   target < {TARGET_LOAD_S} s: {verdict(r['load_s'] < TARGET_LOAD_S)}"
    )
    print(f"process RSS loaded   {r['rss_mb']:8.1f} MB  (index {r['index_rss_mb']:.1f} MB)   "
          f"target < {TARGET_RSS_MB:.0f} MB: {verdict(r['rss_mb'] < TARGET_RSS_MB)}")  # fmt: skip
    print(f"lookups              {r['lookup_per_s']:8,.0f} /s  ({r['answered']}/{r['queries']} queries answered)   "
          f"target >= {TARGET_LOOKUPS:,}/s: {verdict(r['lookup_per_s'] >= TARGET_LOOKUPS)}")  # fmt: skip
    print(f"reverse              {r['reverse_per_s']:8,.0f} /s")
    print(f"public_point         {r['public_point_per_s']:8,.0f} /s")
    print(f"(python {sys.version.split()[0]}, {os.cpu_count()} CPUs, one core used)")


def _has(command: str) -> bool:
    from shutil import which

    return which(command) is not None


if __name__ == "__main__":
    main()
