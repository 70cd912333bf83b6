"""Intake extraction against the labelled corpus: incident precision and recall, per-field
accuracy and articles per second on one core.

A proposal matches a gold incident when one of its victims matches one of the gold victims
(same name skeleton after Arabic normalisation, in either script) and their violation types
overlap (compared by top-level code). Field accuracy is over matched pairs: the gold's main type
is among the proposal's (by top-level code), at least one victim name matches, the governorate
code is the same (where the gold names one), the month is the same (where the gold knows it),
the gold perpetrator type is among the proposal's ("unknown" when it names none).

The corpus has a development part (written before the extractor, used while writing it) and a
held-out part (written after it, never tuned on); both are printed, then the whole.

    python bench/intake.py
"""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from tests.intake.corpus_io import PARTS, articles, gold  # noqa: E402
from tracker.core.text import normalise  # noqa: E402
from tracker.geo import gazetteer  # noqa: E402
from tracker.intake.extract import extract  # noqa: E402
from tracker.transfer.duplicates import name_key  # noqa: E402


def _root(code: str) -> str:
    return code.split(".")[0]


def _same_person(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return normalise(a) == normalise(b) or (len(name_key(a)) >= 3 and name_key(a) == name_key(b))


def _names(proposal: dict) -> list[str]:
    return [v["name_ar"] or v["name_en"] for v in proposal["victims"]]


def _matches(proposal: dict, incident: dict) -> bool:
    names = any(_same_person(n, g) for n in _names(proposal) for g in incident["victims"])
    types = {_root(c) for c in proposal["violation_types"]} & {_root(c) for c in incident["types"]}
    return names and bool(types)


def score(part_articles: dict, labels: dict) -> dict:
    tp = fp = fn = 0
    fields = {k: [0, 0] for k in ("type", "victim", "governorate", "month", "perpetrator")}
    quiet = quiet_total = 0
    for aid, article in part_articles.items():
        proposals = [p.as_dict() for p in extract(article["text"], article["published_on"], article["url"])]
        wanted = labels.get(aid, [])
        if not wanted:
            quiet_total += 1
            quiet += not proposals
        used = set()
        for incident in wanted:
            match = next(
                (i for i, p in enumerate(proposals) if i not in used and _matches(p, incident)), None
            )
            if match is None:
                fn += 1
                continue
            used.add(match)
            tp += 1
            p = proposals[match]
            _count(fields["type"], _root(incident["types"][0]) in {_root(c) for c in p["violation_types"]})
            _count(fields["victim"], True)
            if incident.get("admin1"):
                _count(fields["governorate"], p["admin1"] == incident["admin1"])
            if incident.get("month"):
                _count(fields["month"], (p["date_start"] or "")[:7] == incident["month"])
            types = {x["type"] for x in p["perpetrators"]} or {"unknown"}
            _count(fields["perpetrator"], incident["perpetrator"] in types)
        fp += len(proposals) - len(used)
    return {
        "articles": len(part_articles),
        "gold_incidents": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "fields": {k: (ok / n if n else None, n) for k, (ok, n) in fields.items()},
        "quiet": (quiet, quiet_total),
    }


def _count(cell, ok: bool) -> None:
    cell[0] += bool(ok)
    cell[1] += 1


def report(name: str, result: dict) -> None:
    quiet, total = result["quiet"]
    print(f"{name}: {result['articles']} articles, {result['gold_incidents']} gold incidents")
    print(f"  precision {result['precision']:.2f}  recall {result['recall']:.2f}")
    for key, (value, n) in result["fields"].items():
        shown = f"{value:.2f}" if value is not None else "n/a"
        print(f"  {key:<12} {shown}  (n={n})")
    share = quiet / total if total else 1.0
    print(f"  no proposal on no-violation articles: {quiet}/{total} ({share:.0%})")


def main() -> None:
    labels = gold()
    parts = {part: articles(part) for part in PARTS}
    gazetteer.get()  # load the index once, as a running app has it
    everything = {}
    for part in PARTS:
        report(part, score(parts[part], labels))
        everything.update(parts[part])
    report("all", score(everything, labels))
    texts = list(everything.values())
    rounds = 3
    start = time.perf_counter()
    for _ in range(rounds):
        for article in texts:
            extract(article["text"], article["published_on"], article["url"])
    elapsed = time.perf_counter() - start
    print(
        f"speed: {rounds * len(texts) / elapsed:.1f} articles/s on one core ({len(texts)} articles x {rounds})"
    )


if __name__ == "__main__":
    main()
