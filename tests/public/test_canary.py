"""Canary: a unique marker in every field the public must never see, in many incidents; then every
public page, endpoint, download, feed and the static export is fetched and searched for it."""

import uuid

import pytest

from tests import factories
from tracker.cases import operations
from tracker.extensions import db

MARK = "CANARY" + uuid.uuid4().hex[:12].upper()
# Exact coordinates of protected points: their digits must not appear (public precision is coarser).
SECRET_LAT, SECRET_LON = 15.718293, 45.291837
SECRET_DIGITS = ("15.71829", "45.29183", "15.7183", "45.2918")


def _plant(number: int) -> list:
    """Public incidents carrying the marker in every non-public field, and hidden incidents
    carrying it in their titles. Returns the public ones."""
    public = []
    for n in range(number):
        incident = factories.create_incident(
            title_en=f"Public case {n}",
            confidential_notes=f"{MARK} note {n}",
            latitude=SECRET_LAT, longitude=SECRET_LON, geo_precision="exact",
            public_geo_precision=("admin1", "country", "admin1")[n % 3],
            locality=f"{MARK}-village" if n % 3 == 1 else "مأرب",
            sources=[
                {"url": f"https://internal.example/{MARK}", "title": f"witness {MARK}", "publisher": MARK,
                 "is_internal": True},
                {"url": "https://news.example/public", "title": "Public report", "reliability": 4},
            ],
            victims=[
                {"journalist": {"name_ar": f"{MARK} عربي {n}", "name_en": f"{MARK} name {n}", "gender": "female"},
                 "outcome": "detained", "is_identity_protected": True,
                 "status_events": [{"event": "detained_on", "date": "2024-03-05", "note": f"{MARK} event"}]},
                {"journalist": {"name_ar": "اسم معلن", "name_en": f"Named Person {n}"}, "outcome": "threatened"},
            ],
        )  # fmt: skip
        for status in ("in_review", "verified", "published"):
            operations.transition_incident(incident, status, factories.SYSTEM, note=f"{MARK} reviewer says")
        public.append(incident)
    for status in ("draft", "in_review", "verified", "rejected"):
        factories.create_incident(title_en=f"{MARK} {status}", title_ar=f"{MARK} {status}",
                                  summary_en=MARK, workflow_status=status)  # fmt: skip
    factories.create_incident(title_en=f"{MARK} confidential", summary_ar=MARK, is_confidential=True,
                              workflow_status="published")  # fmt: skip
    archived = factories.create_incident(title_en=f"{MARK} unpublished later", workflow_status="published")
    operations.transition_incident(archived, "archived", factories.SYSTEM)
    db.session.commit()
    return public


def _public_urls(public) -> list[str]:
    refs = [i.public_ref for i in public]
    urls = []
    for lang in ("ar", "en"):
        urls += [f"/?lang={lang}", f"/statistics?lang={lang}", f"/statistics?year=2024&lang={lang}",
                 f"/feed.atom?lang={lang}"]  # fmt: skip
        urls += [f"/incidents/{ref}?lang={lang}" for ref in refs]
    urls += ["/map/public-map.js", "/map/public-map.css", "/api/public/v1/incidents?page_size=500", "/api/public/v1/map/areas",
             "/api/public/v1/incidents.csv", "/api/public/v1/incidents.geojson"]  # fmt: skip
    urls += [f"/api/public/v1/incidents/{ref}" for ref in refs]
    urls += [f"/api/public/v1/map?zoom={z}&bbox=-180,-90,180,90" for z in (0, 3, 6, 10, 14, 18)]
    urls += ["/api/public/v1/map/stack?lat=15.45&lon=45.32", "/reports/?year=2024"]
    return urls


@pytest.mark.slow
def test_no_marker_in_any_public_output(app, plain_client, tmp_path):
    public = _plant(12)
    seen = []
    for url in _public_urls(public):
        response = plain_client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        seen.append(text)
        assert MARK not in text, url
        for digits in SECRET_DIGITS:
            assert digits not in text, (url, digits)
    # the stacks at every public point drawn
    from tracker.maps import index

    clusters = index.clusters({}, (-180, -90, 180, 90), 18)
    for feature in clusters["features"]:
        text = plain_client.get(
            f"/api/public/v1/map/stack?lat={feature['lat']}&lon={feature['lon']}"
        ).get_data(as_text=True)
        assert MARK not in text
    # the static export
    from tracker.maps.export import export

    export(tmp_path / "export")
    for path in (tmp_path / "export").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js"):
            text = path.read_text(encoding="utf-8")
            assert MARK not in text, path
            assert not any(d in text for d in SECRET_DIGITS), path
    # and the test can fail: the public incidents and their public fields are there
    everything = "\n".join(seen)
    assert all(i.public_ref in everything for i in public)
    assert "Named Person 3" in everything and "Public report" in everything
    assert "journalist (name withheld)" in everything and "صحفي (حُجب الاسم)" in everything
    assert clusters["total"] == 12
