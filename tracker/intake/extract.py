"""The pipeline: an article's text -> proposals (draft incidents), each field with its evidence.

Pure: no database, no network. Matching victims to recorded journalists and finding existing
cases is done by ``tracker.intake.queries.propose``, which calls ``extract`` and adds those reads.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

from tracker.cases.taxonomy import parent_code
from tracker.intake import actors, dates, lexicon, places, segment, victims
from tracker.intake.text import Normalised, is_arabic
from tracker.transfer.duplicates import name_key as person_key

# What happened to a victim, from the most serious violation reported.
OUTCOME_BY_TYPE = (("L1", "killed"), ("F2", "disappeared"), ("F1", "abducted"), ("F4", "detained"),
                   ("I1", "tortured"), ("I2", "injured"), ("I3", "threatened"), ("F5", "prosecuted"),
                   ("E1", "dismissed"), ("P1", "property_damaged"), ("P2", "property_damaged"))  # fmt: skip
OUTLET_TYPES = ("P3", "C1", "C2", "C3")


@dataclass
class Evidence:
    field: str
    text: str
    start: int
    end: int
    phrase: str = ""

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "phrase": self.phrase,
        }


@dataclass
class Proposal:
    violation_types: list[str] = field(default_factory=list)
    victims: list[dict] = field(default_factory=list)
    country: str | None = None
    admin1: str | None = None
    admin1_name: str | None = None
    locality: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None
    geonames_id: int | None = None
    date_start: date | None = None
    date_precision: str | None = None
    perpetrators: list[dict] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    possible_duplicates: list[dict] = field(default_factory=list)
    source: dict = field(default_factory=dict)
    title: str | None = None
    summary: str | None = None
    lang: str = "ar"
    # working state
    _sentences: list = field(default_factory=list, repr=False)
    _names: dict = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict:
        return {
            "violation_types": self.violation_types,
            "victims": self.victims,
            "country": self.country,
            "admin1": self.admin1,
            "admin1_name": self.admin1_name,
            "locality": self.locality,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "geonames_id": self.geonames_id,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_precision": self.date_precision,
            "perpetrators": self.perpetrators,
            "evidence": [e.as_dict() for e in self.evidence],
            "confidence": self.confidence,
            "possible_duplicates": self.possible_duplicates,
            "source": self.source,
            "title": self.title,
            "summary": self.summary,
            "lang": self.lang,
        }


@dataclass
class _Hit:
    sentence: segment.Sentence
    triggers: list[lexicon.Trigger]
    names: list[tuple[int, int, str]]  # original offsets, kind
    general: bool  # speaks of journalists or media


def extract(text: str, published_on: date | None = None, url: str | None = None, lang: str | None = None,
            actors_path=None) -> list[Proposal]:  # fmt: skip
    """Proposals for every incident the text reports (an empty list when it reports none)."""
    if not text or not text.strip():
        return []
    page = Normalised(text)
    lang = lang or ("ar" if is_arabic(text) else "en")
    lexicon_ = actors.lexicon(actors_path)
    source = _source(page, url, published_on)
    proposals: list[Proposal] = []
    for article in segment.articles(page):
        published = published_on if article.is_main else None
        if published is None and article.is_main:
            published = _dateline_date(page, article)
        proposals.extend(_article(page, article, published, lang, lexicon_, source))
    return proposals


def _dateline_date(page: Normalised, article: segment.Article) -> date | None:
    """A page without a given date: a full date in its first lines is taken as the publication date."""
    for sentence in article.sentences[:3]:
        for found in dates.find_dates(page.text, sentence.start, sentence.end):
            if not found.relative and found.precision == "day":
                return found.value
    return None


def _source(page: Normalised, url: str | None, published_on: date | None) -> dict:
    publisher = urlparse(url).hostname if url else None
    if publisher and publisher.startswith("www."):
        publisher = publisher[4:]
    title = None
    for article in segment.articles(page)[:1]:
        titles = [s for s in article.sentences if s.is_title]
        if titles:
            a, b = page.span(titles[0].start, titles[0].end)
            title = page.original[a:b].strip()
    return {"url": url, "publisher": publisher, "published_on": published_on.isoformat() if published_on else None,
            "title": title}  # fmt: skip


def _hits(page: Normalised, article: segment.Article) -> list[_Hit]:
    text = page.text
    out = []
    for sentence in article.body:
        if lexicon.is_aggregate(sentence.text) or lexicon.is_call(sentence.text):
            continue
        found = [t for t in lexicon.triggers(text, sentence.start, sentence.end)
                 if not lexicon.is_negated(text, t, sentence.start)]  # fmt: skip
        if not found:
            continue
        names = []
        for a, b, kind in victims.arabic_names(text, sentence.start, sentence.end):
            names.append((*page.span(a, b), kind))
        o_start, o_end = page.span(sentence.start, sentence.end)
        names.extend(victims.english_names(page.original, o_start, o_end))
        out.append(_Hit(sentence, found, names, victims.is_person_reference(sentence.text)))
    return out


def _article(page, article, published, lang, lexicon_, source) -> list[Proposal]:
    hits = _hits(page, article)
    if not hits:
        return []
    proposals: list[Proposal] = []
    current: Proposal | None = None
    for hit in hits:
        keys = {person_key(page.original[a:b]) for a, b, _k in hit.names}
        keys.discard("")
        if hit.names:
            known = next((p for p in proposals if keys & set(p._names)), None)
            if known is not None:
                current = known
            elif current is None or _another_event(page, hit, current, published):
                current = Proposal(lang=lang, source=source)
                proposals.append(current)
        elif current is None:
            if not hit.general:
                continue  # a violation word, but nothing says it concerns journalists or media
            current = Proposal(lang=lang, source=source)
            proposals.append(current)
        current._sentences.append(hit)
        for a, b, kind in hit.names:
            key = person_key(page.original[a:b]) or page.original[a:b]
            current._names.setdefault(key, (a, b, kind, hit.sentence))
    _names_nearby(page, article, proposals)
    for p in proposals:
        _finish(p, page, article, published, lang, lexicon_)
    return [p for p in proposals if p.violation_types]


def _names_nearby(page: Normalised, article: segment.Article, proposals: list[Proposal]) -> None:
    """A proposal without a named person takes the people named in the next two sentences
    ("Two journalists were killed... Photographer X and reporter Y were covering...")."""
    body = article.body
    for p in proposals:
        if any(k == "person" for _a, _b, k, _s in p._names.values()):
            continue
        last = body.index(p._sentences[-1].sentence)
        for sentence in body[last + 1 : last + 3]:
            o_start, o_end = page.span(sentence.start, sentence.end)
            found = [
                (*page.span(a, b), k)
                for a, b, k in victims.arabic_names(page.text, sentence.start, sentence.end)
            ]
            found += victims.english_names(page.original, o_start, o_end)
            people = [(a, b, k) for a, b, k in found if k == "person"]
            for a, b, kind in people:
                key = person_key(page.original[a:b]) or page.original[a:b]
                p._names.setdefault(key, (a, b, kind, sentence))
            if people:
                break


def _another_event(page: Normalised, hit: _Hit, current: Proposal, published) -> bool:
    """New names in the same article are one more incident when their sentence has its own date,
    different from the current one's (one event is usually told in one article)."""
    if not current._names:
        return False
    if all(k == "outlet" for _a, _b, k, _s in current._names.values()) or all(
        k == "outlet" for *_x, k in hit.names
    ):
        return False
    mine = dates.find_dates(page.text, hit.sentence.start, hit.sentence.end, published)
    if not mine:
        return False
    for earlier in current._sentences:
        theirs = dates.find_dates(page.text, earlier.sentence.start, earlier.sentence.end, published)
        if theirs:
            return theirs[0].value != mine[0].value
    return True


def _sentence_evidence(page: Normalised, name: str, sentence: segment.Sentence, phrase_span=None) -> Evidence:
    a, b = page.span(sentence.start, sentence.end)
    phrase = ""
    if phrase_span is not None:
        pa, pb = page.span(*phrase_span) if phrase_span[0] >= 0 else (0, 0)
        phrase = page.original[pa:pb]
    return Evidence(name, page.original[a:b], a, b, phrase)


def _finish(p: Proposal, page, article, published, lang, lexicon_) -> None:
    text = page.text
    codes: list[str] = []
    for hit in p._sentences:
        for t in hit.triggers:
            if t.code not in codes:
                codes.append(t.code)
        best = hit.triggers[0]
        p.evidence.append(_sentence_evidence(page, "violation_types", hit.sentence, (best.start, best.end)))
    roots = {parent_code(c) or c for c in codes}
    if "L1" in roots:  # the injuries of a killing are part of it
        codes = [c for c in codes if (parent_code(c) or c) not in ("I2",)]
    # a sub-code replaces its parent
    codes = [c for c in codes if not any(o.startswith(c + ".") for o in codes)]
    p.violation_types = sorted(codes, key=_seriousness)

    # victims
    outcome = next((o for root, o in OUTCOME_BY_TYPE if root in {parent_code(c) or c for c in codes}), None)
    persons = [(a, b, k, s) for a, b, k, s in p._names.values() if k == "person"]
    outlets = [(a, b, k, s) for a, b, k, s in p._names.values() if k == "outlet"]
    if persons and not set(codes) & set(OUTLET_TYPES):
        outlets = [o for o in outlets if False]
    for a, b, kind, sentence in persons + outlets:
        name = page.original[a:b].strip()
        arabic = is_arabic(name)
        p.victims.append({"name_ar": name if arabic else None, "name_en": None if arabic else name,
                          "outcome": outcome if kind == "person" else None, "journalist_id": None, "kind": kind})  # fmt: skip
        p.evidence.append(Evidence("victims", *_sentence_text(page, sentence), page.original[a:b]))

    # date: the first one in the sentences that report the violation, else the article's lead
    found = None
    for hit in p._sentences:
        found = next(
            iter(_usable_dates(dates.find_dates(text, hit.sentence.start, hit.sentence.end, published))), None
        )
        if found:
            p.evidence.append(_sentence_evidence(page, "date_start", hit.sentence, (found.start, found.end)))
            break
    if found is None:
        for sentence in article.body[:2]:
            found = next(
                iter(_usable_dates(dates.find_dates(text, sentence.start, sentence.end, published))), None
            )
            if found:
                p.evidence.append(_sentence_evidence(page, "date_start", sentence, (found.start, found.end)))
                break
    if found is not None:
        p.date_start, p.date_precision = found.value, found.precision
    elif published is not None:
        p.date_start, p.date_precision = published, "month"  # reported in the news of that day: around then

    # place
    spans = [(h.sentence.start, h.sentence.end, h.sentence) for h in p._sentences]
    local: list[tuple[places.Mention, segment.Sentence]] = []
    for a, b, sentence in spans:
        local.extend((m, sentence) for m in places.mentions(text, page.original, page.span, a, b))
    everywhere: list[tuple[places.Mention, segment.Sentence]] = []
    for sentence in article.sentences:
        everywhere.extend(
            (m, sentence)
            for m in places.mentions(text, page.original, page.span, sentence.start, sentence.end)
        )
    if article.is_main:
        everywhere.extend((m, article.sentences[0]) for m in places.dateline(page.original))
    votes = places.country_votes(text[article.start : article.end], [m for m, _s in everywhere])
    domain = (p.source or {}).get("publisher") or ""
    if domain.rsplit(".", 1)[-1].upper() in places.ARAB_TLDS:
        votes[domain.rsplit(".", 1)[-1].upper()] += 1
    actor_matches = []
    for hit in p._sentences:
        actor_matches.extend(lexicon_.find(text, hit.sentence.start, hit.sentence.end))
    for m in actor_matches:
        if m.actor.country != "*":
            votes[m.actor.country] += 2
    country = votes.most_common(1)[0][0] if votes else None
    chosen = [m for m, _s in local] or [m for m, _s in everywhere]
    place = places.resolve(chosen, country, lang)
    if place is not None:
        p.country, p.admin1, p.admin1_name, p.locality = (
            place.country,
            place.admin1,
            place.admin1_name,
            place.locality,
        )
        p.latitude, p.longitude, p.geo_precision, p.geonames_id = (
            place.latitude,
            place.longitude,
            place.precision,
            place.geonames_id,
        )
        if place.mention is not None:
            where = next((s for m, s in local + everywhere if m is place.mention), None)
            if where is not None:
                span = (place.mention.start, place.mention.end)
                p.evidence.append(_sentence_evidence(page, "place", where, span))

    # perpetrators: named in the sentences that report the violation, else elsewhere in the article
    matches = [
        (m, h.sentence) for h in p._sentences for m in lexicon_.find(text, h.sentence.start, h.sentence.end)
    ]
    if not matches:
        for sentence in article.body:
            found_here = lexicon_.find(text, sentence.start, sentence.end)
            if found_here:
                matches = [(m, sentence) for m in found_here]
                break
    specific = [(m, s) for m, s in matches if m.actor.country != "*" and m.actor.country in (p.country, None)]
    if specific:
        matches = specific + [(m, s) for m, s in matches if m.actor.country == "*" and m.actor.type not in
                              {x.actor.type for x, _ in specific} and m.actor.type not in ("non_state_armed_group", "unknown")]  # fmt: skip
    else:
        matches = [(m, s) for m, s in matches if m.actor.country in ("*", p.country)]
    seen = set()
    for m, sentence in matches:
        key = (m.actor.type, m.actor.name_en)
        if key in seen or len(seen) >= 3:
            continue
        seen.add(key)
        name = m.actor.name_ar if lang == "ar" else m.actor.name_en
        p.perpetrators.append({"type": m.actor.type, "name": name if m.actor.country != "*" else None})
        p.evidence.append(_sentence_evidence(page, "perpetrators", sentence, (m.start, m.end)))

    # title and summary for the draft
    titles = [s for s in article.sentences if s.is_title]
    if titles:
        p.title = _sentence_text(page, titles[0])[0]
    p.summary = " ".join(dict.fromkeys(_sentence_text(page, h.sentence)[0] for h in p._sentences))
    p.confidence = _confidence(p)


def _usable_dates(found):
    return [f for f in found if not (f.precision == "year" and f.relative is False)]


def _sentence_text(page: Normalised, sentence) -> tuple[str, int, int]:
    a, b = page.span(sentence.start, sentence.end)
    return page.original[a:b], a, b


_RANK = ("L1", "I1", "F2", "F4", "F1")


def _seriousness(code: str) -> tuple[int, str]:
    root = parent_code(code) or code
    return (_RANK.index(root) if root in _RANK else len(_RANK), code)


def _confidence(p: Proposal) -> float:
    score = 0.35
    if any(v["kind"] == "person" for v in p.victims):
        score += 0.25
    elif p.victims:
        score += 0.15
    if any(e.field == "date_start" for e in p.evidence):
        score += 0.1
    if p.admin1:
        score += 0.1
    if p.perpetrators:
        score += 0.1
    if len(p._sentences) > 1:
        score += 0.05
    return round(min(score, 0.95), 2)
