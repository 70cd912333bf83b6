"""The protected-name guard (``tracker.public.guard``), before and after, in one run, on an
existing demo database (``flask demo load``): CPU time (and wall time beside it) of

1. ``mask`` over every public text of the first ``--incidents`` public incidents that have a
   protected victim, against that incident's names (as ``redaction.mask_protected`` does), and
   against all of those names at once (as the yearly report masks a named perpetrator), with
   the guard's caches emptied before each run (cold) or kept (warm, as in a running worker);
2. built pages of the public list (``queries.page_of_records``, 50 a page, ``--pages`` of them),
   cold and warm;
3. the statistics of the public yearly report (``reports.statistics.compute`` and ``annex``)
   for ``--year``, cold and warm.

*Before* is the guard (and ``tracker.core.names``) of git revision ``--baseline`` (default
``main``), loaded beside the current one; the public outputs are switched between the two
through ``redaction.guard``. Each figure is the best of ``--repeat`` runs.

  .venv/bin/python bench/guard.py --database-url sqlite:////path/demo.sqlite3
"""

import argparse
import logging
import subprocess
import sys
import time
import types
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reports.statistics import Scope, annex, compute  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.cases.models import Incident  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.public import guard, queries, redaction  # noqa: E402


def load_baseline(rev: str) -> types.ModuleType:
    """``tracker/public/guard.py`` of ``rev``, importing ``tracker/core/names.py`` of ``rev``."""

    def source(path):
        return subprocess.run(["git", "show", f"{rev}:{path}"], cwd=REPO, check=True, capture_output=True,
                              text=True).stdout  # fmt: skip

    names = types.ModuleType("baseline_names")
    exec(compile(source("tracker/core/names.py"), f"{rev}:tracker/core/names.py", "exec"), names.__dict__)
    module = types.ModuleType("baseline_guard")
    current = sys.modules["tracker.core.names"]
    sys.modules["tracker.core.names"] = names
    try:
        exec(
            compile(source("tracker/public/guard.py"), f"{rev}:tracker/public/guard.py", "exec"),
            module.__dict__,
        )
    finally:
        sys.modules["tracker.core.names"] = current
    return module


def forget(module) -> None:
    """Empty the module's caches (every lru_cache in it)."""
    for value in vars(module).values():
        if hasattr(value, "cache_clear"):
            value.cache_clear()


def timed(function, repeat: int, module, before=None) -> tuple[float, float, float]:
    """Best (CPU s, wall s, CPU s inside the guard's ``spans``) of ``repeat`` calls."""
    best = (float("inf"), float("inf"), float("inf"))
    spans, inside = module.spans, [0.0]

    def counted(text, names):
        start = time.process_time()
        try:
            return spans(text, names)
        finally:
            inside[0] += time.process_time() - start

    module.spans = counted  # (mask calls it through the module too)
    try:
        for _ in range(repeat):
            if before:
                before()
            inside[0] = 0.0
            cpu, wall = time.process_time(), time.perf_counter()
            function()
            best = min(best, (time.process_time() - cpu, time.perf_counter() - wall, inside[0]))
    finally:
        module.spans = spans
    return best


def corpus(limit: int) -> list[tuple[str, list[str]]]:
    """(text, protected names) of every public text of the first public incidents that have a
    protected victim."""
    pairs, found = [], 0
    stmt = sa.select(Incident).where(*queries.public_conditions({})).order_by(Incident.id)
    for incident in db.session.scalars(queries._with_details(stmt)).yield_per(500):
        names = guard.protected_names(incident)
        if not names:
            continue
        pairs += [(text, names) for _field, text in guard.public_texts(incident)]
        found += 1
        if found >= limit:
            break
    db.session.expunge_all()
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--baseline", default="main", help="git revision of the guard before [main]")
    parser.add_argument(
        "--incidents", type=int, default=2000, help="incidents with a protected victim [2000]"
    )
    parser.add_argument("--pages", type=int, default=40, help="public list pages [40]")
    parser.add_argument("--year", type=int, default=2024, help="yearly report year [2024]")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # each masked name is logged
    modules = {"before": load_baseline(args.baseline), "after": guard}
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench",
                      "RATELIMIT_ENABLED": False})  # fmt: skip
    rows = []
    with app.app_context():
        pairs = corpus(args.incidents)
        everyone = list(dict.fromkeys(n for _t, names in pairs for n in names))
        texts = list(dict.fromkeys(t for t, _n in pairs))
        print(f"{len(pairs):,} texts of {args.incidents:,} incidents with a protected victim; "
              f"{len(everyone):,} protected names; best of {args.repeat}; CPU s (wall s), CPU s in guard.spans")  # fmt: skip
        for label, module in modules.items():  # the same answers, or the figures mean nothing
            masked = [module.mask(t, n, "[X]") for t, n in pairs]
            if label == "before":
                expected = masked
            elif masked != expected:
                print("the two guards disagree: no figures")
                return 1

        def per_incident(module):
            return lambda: [module.mask(t, n, "[X]") for t, n in pairs]

        def all_names(module):
            return lambda: [module.mask(t, everyone, "[X]") for t in texts[:2000]]

        def pages(module):
            def run():
                for page in range(1, args.pages + 1):
                    queries.page_of_records({}, page, 50)
                    db.session.expunge_all()

            return run

        def report(module):
            def run():
                scope = Scope(args.year, None, "public")
                compute(scope)
                annex(scope, app.config.get("REPORT_ANNEX_LIMIT", 500))
                db.session.expunge_all()

            return run

        cases = (
            (f"mask, each incident's names ({len(pairs):,} texts), cold", per_incident, True),
            ("  the same, warm", per_incident, False),
            (f"mask, all {len(everyone):,} names (2,000 texts), cold", all_names, True),
            ("  the same, warm", all_names, False),
            (f"public list, {args.pages} pages of 50, cold", pages, True),
            ("  the same, warm (a worker that served them before)", pages, False),
            (f"yearly report {args.year} statistics (public), cold", report, True),
            ("  the same, warm", report, False),
        )
        pages(guard)()  # warm the database's pages
        for title, make, cold in cases:
            figures = {}
            for label, module in modules.items():
                redaction.guard = module
                try:
                    figures[label] = timed(
                        make(module), args.repeat, module, (lambda m=module: forget(m)) if cold else None
                    )
                finally:
                    redaction.guard = guard
            rows.append((title, figures["before"], figures["after"]))
            (b, bw, bg), (a, aw, ag) = figures["before"], figures["after"]
            print(f"{title:<58} before {b:7.3f} ({bw:7.3f}) guard {bg:6.3f}   after {a:7.3f} ({aw:7.3f}) "
                  f"guard {ag:6.3f}   x{b / max(a, 1e-9):.1f}, guard x{bg / max(ag, 1e-9):.1f}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
