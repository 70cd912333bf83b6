"""Reading the labelled intake corpus (tests/intake/corpus/): articles and gold incidents."""

import json
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
PARTS = ("dev", "heldout")


def articles(part: str) -> dict[str, dict]:
    """id -> {published_on, lang, url, text} for one part of the corpus."""
    found: dict[str, dict] = {}
    current = None
    path = CORPUS / f"{part}.txt"
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("#### "):
            _mark, aid, published, lang, url = line.split()
            current = found[aid] = {
                "published_on": date.fromisoformat(published),
                "lang": lang,
                "url": url,
                "text": "",
            }
        elif current is not None:
            current["text"] += line
    return found


def gold() -> dict[str, list[dict]]:
    data = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data
