"""Reads the intake needs: recorded journalists matching a proposed victim, and recorded cases
that a proposal may duplicate. ``propose`` is what the CLI, the API and the page call."""

from datetime import date

from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.intake.extract import Proposal, extract
from tracker.people.queries import search_journalists
from tracker.transfer import duplicates
from tracker.transfer.duplicates import name_key
from tracker.transfer.queries import duplicate_candidates


def matching_journalists(name: str, limit: int = 5) -> list:
    """Recorded journalists with the same name skeleton (Arabic or Latin spelling)."""
    skeleton = name_key(name)
    if len(skeleton) < 3:
        return []
    words = [w for w in name.replace("-", " ").split() if len(w) > 2]
    found = []
    for word in words[-1:] + words[:1]:  # family name first, then first name
        candidates, _total = search_journalists(word, page_size=200)
        for journalist in candidates:
            keys = {name_key(n) for n in (journalist.name_ar, journalist.name_en) if n}
            if skeleton in keys and journalist not in found:
                found.append(journalist)
        if found:
            break
    return found[:limit]


def _match_victims(proposal: Proposal) -> None:
    for victim in proposal.victims:
        if victim.get("kind") != "person":
            continue
        matches = matching_journalists(victim["name_ar"] or victim["name_en"])
        if len(matches) == 1:
            journalist = matches[0]
            victim["journalist_id"] = journalist.id
            victim["name_ar"] = victim["name_ar"] or journalist.name_ar
            victim["name_en"] = victim["name_en"] or journalist.name_en


def possible_duplicates(proposal: Proposal) -> list[dict]:
    """Recorded cases that look like this proposal (the import's duplicate rules)."""
    if not proposal.country or not proposal.date_start:
        return []
    names = [
        n for v in proposal.victims if v.get("kind") == "person" for n in (v["name_ar"], v["name_en"]) if n
    ]
    if not names:
        return []
    me = duplicates.candidate(
        "intake", "intake", proposal.country, proposal.admin1 or "", proposal.date_start, None,
        proposal.date_precision or "day", proposal.violation_types, names,
    )  # fmt: skip
    first, last = me.start, me.end
    index = duplicates.Index()
    for other in duplicate_candidates([proposal.country], first, last):
        index.add(other)
    found = []
    for match in index.find(me):
        incident = db.session.get(Incident, match.other.incident_id)
        found.append({"incident_id": match.other.incident_id, "public_ref": match.other.label,
                      "version": incident.version if incident else None})  # fmt: skip
    return found


def propose(text: str, published_on: date | None = None, url: str | None = None, lang: str | None = None,
            actors_path=None) -> list[Proposal]:  # fmt: skip
    proposals = extract(text, published_on, url, lang, actors_path)
    for proposal in proposals:
        _match_victims(proposal)
        proposal.possible_duplicates = possible_duplicates(proposal)
    return proposals


def as_json(proposals: list[Proposal]) -> dict:
    """The CLI's and the API's answer."""
    out = []
    for proposal in proposals:
        data = proposal.as_dict()
        data["duplicates"] = data["possible_duplicates"]
        data["possible_duplicates"] = [d["public_ref"] for d in data["duplicates"]]
        out.append(data)
    return {"proposals": out}


def incident_for_source(incident_id: int) -> Incident | None:
    return db.session.get(Incident, incident_id)
