"""The geocoding chain: the offline gazetteer first, then the geopy providers named in config.

Outside providers are asked only when the gazetteer has no answer at the precision asked for
(never to settle an ambiguity: that is the researcher's choice), at most one call per second
each, and every answer is cached in the database. A provider error is logged and skipped:
geocoding never stands in the way of saving a case.
"""

import inspect
import logging
import os

import sqlalchemy as sa
from flask import current_app

from tracker.core.text import has_arabic
from tracker.extensions import db
from tracker.geo import resolver
from tracker.geo.gazetteer import name_key
from tracker.geo.models import GeocodeCache
from tracker.geo.resolver import AdminRef, Candidate, Lookup

log = logging.getLogger(__name__)
# Nominatim's kinds of result -> our precision (anything finer is a locality-level point).
_NOMINATIM_PRECISION = {"country": "country", "state": "admin1", "province": "admin1", "region": "admin1",
                        "county": "admin2", "district": "admin2", "state_district": "admin2"}  # fmt: skip
_geocoders: dict[tuple, object] = {}


def configured_providers() -> list[str]:
    names = current_app.config.get("GEOCODER_PROVIDERS") or ""
    return [n.strip().lower() for n in names.split(",") if n.strip() and n.strip().lower() != "gazetteer"]


def cache_query(locality, admin1, country) -> str:
    return "|".join(name_key(part) for part in (locality, admin1, country))[:700]


def geocode(locality=None, admin1=None, country=None, limit: int = 10) -> Lookup:
    """Gazetteer answer, or the first provider's answer when the gazetteer falls short."""
    found = resolver.lookup(locality, admin1, country, limit)
    if found.ambiguous or not _falls_short(found, locality, admin1):
        return found
    for provider in configured_providers():
        candidates = _ask(provider, locality, admin1, country)
        if candidates:
            candidates = candidates[:limit]
            return Lookup(candidates, resolver.is_ambiguous(candidates))
    return found


def _falls_short(found: Lookup, locality, admin1) -> bool:
    if not found.candidates:
        return True
    precision = found.candidates[0].precision
    return (bool(locality) and precision != "locality") or (bool(admin1) and precision == "country")


def _ask(provider: str, locality, admin1, country) -> list[Candidate]:
    from tracker.geo import operations

    query = cache_query(locality, admin1, country)
    cached = db.session.scalar(
        sa.select(GeocodeCache).where(GeocodeCache.provider == provider, GeocodeCache.query == query)
    )
    if cached is not None:
        return [_from_dict(d) for d in cached.result]
    try:
        candidates = _call(provider, locality, admin1, country)
    except Exception as error:  # any provider failure (network, quota, bad answer) is not ours to raise
        log.warning("geocoder %s failed for %r: %s", provider, query, error)
        return []
    try:  # best effort: a concurrent identical query or a busy database must not lose the answer
        with db.session.begin_nested():
            operations.cache_answer(provider, query, [c.as_dict() for c in candidates])
    except sa.exc.SQLAlchemyError as error:
        log.warning("geocode cache not written for %r: %s", query, error)
    return candidates


def _from_dict(d: dict) -> Candidate:
    admin = d.get("admin1")
    return Candidate(**{**d, "admin1": AdminRef(**admin) if admin else None})


def _call(provider: str, locality, admin1, country) -> list[Candidate]:
    from tracker.geo.reverse import reverse

    countries = resolver.country_codes(country)
    text = ", ".join(p for p in (locality, admin1) if p)
    if countries:
        text = ", ".join(p for p in (text, resolver.gazetteer.get().countries[countries[0]].name_en) if p)
    elif country:
        text = ", ".join(p for p in (text, country) if p)
    locations = _geocoder(provider)(text, exactly_one=False) or []
    candidates = []
    for location in locations:
        raw = location.raw if isinstance(location.raw, dict) else {}
        kind = raw.get("addresstype") or raw.get("type") or ""
        place = reverse(location.latitude, location.longitude)
        if countries and (place is None or place.country not in countries):
            continue  # an answer outside the country asked for is no answer
        name = (location.address or text).split(",")[0].strip()
        candidates.append(
            Candidate(name if has_arabic(name) else "", name,
                      place.country if place else (countries[0] if countries else ""),
                      place.admin1 if place else None, location.latitude, location.longitude,
                      _NOMINATIM_PRECISION.get(kind, "locality"), provider, None, 0.5)
        )  # fmt: skip
    return candidates


def _geocoder(provider: str):
    """A rate-limited ``geocode`` callable for a geopy service name, reused across calls."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import get_geocoder_for_service

    config = current_app.config
    key = (provider, config["GEOCODER_USER_AGENT"], config["GEOCODER_DOMAIN"], config["GEOCODER_SCHEME"])
    if key not in _geocoders:
        cls = get_geocoder_for_service(provider)
        params = inspect.signature(cls.__init__).parameters
        kwargs = {"user_agent": config["GEOCODER_USER_AGENT"], "timeout": config["GEOCODER_TIMEOUT"]}
        if config["GEOCODER_DOMAIN"] and "domain" in params:
            kwargs["domain"] = config["GEOCODER_DOMAIN"]
        if "scheme" in params:
            kwargs["scheme"] = config["GEOCODER_SCHEME"]
        api_key = os.environ.get(f"GEOCODER_{provider.upper()}_API_KEY")
        for name in ("api_key", "apikey", "key"):
            if api_key and name in params:
                kwargs[name] = api_key
                break
        delay = max(1.0, float(config["GEOCODER_MIN_DELAY_SECONDS"]))
        _geocoders[key] = RateLimiter(cls(**kwargs).geocode, min_delay_seconds=delay, max_retries=0,
                                      swallow_exceptions=False)  # fmt: skip
    return _geocoders[key]
