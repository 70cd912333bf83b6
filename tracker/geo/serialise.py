"""Plain-dict forms of lookups for the CLI (the API dumps through schemas.geo)."""

from tracker.geo.resolver import Candidate, Lookup

CANDIDATE_FIELDS = ("name_ar", "name_en", "country", "admin1", "latitude", "longitude", "precision", "source",
                    "geonames_id", "score")  # fmt: skip


def candidate_dict(c: Candidate) -> dict:
    data = {f: getattr(c, f) for f in CANDIDATE_FIELDS}
    data["admin1"] = (
        {"code": c.admin1.code, "name_ar": c.admin1.name_ar, "name_en": c.admin1.name_en}
        if c.admin1
        else None
    )
    return data


def lookup_dict(found: Lookup) -> dict:
    return {"ambiguous": found.ambiguous, "candidates": [candidate_dict(c) for c in found.candidates]}
