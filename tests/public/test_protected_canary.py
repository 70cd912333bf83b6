"""Canary for protected names: a protected victim's name, in Arabic and Latin spellings, planted
in every free-text field of published cases written before the guard existed (the guard is
bypassed here, as old data did), must appear in no public output."""

import io
import json
import unicodedata
import zipfile

from pypdf import PdfReader

from reports.builds import render
from reports.statistics import Scope
from tests import factories
from tracker.extensions import db

# the factories' journalist: سامي الحداد / Sami al-Haddad
PLANTED = {
    "title_ar": "اعتقال الصحفي سامي الحداد في مأرب",
    "title_en": "Journalist Sami al-Haddad detained in Marib",
    "summary_ar": "اعتقلت قوات الأمن سَامِي الْحَدَّاد أثناء التغطية، وأكدت أسرة الحداد سامي ذلك.",
    "summary_en": "Security forces detained Samy El Hadad; SAMI HADDAD was later moved.",
    "perpetrators": [{"type": "state_security", "name": "خاطفو سامي الحداد"},
                     {"type": "non_state_armed_group", "name": "Group that took Sami Alhaddad"}],
    "sources": [{"url": "https://news.example/ye/sami-al-haddad-arrested", "title": "Sami al-Haddad arrested",
                 "publisher": "مدونة سامي الحداد", "reliability": 3},
                {"url": "https://news.example/ye/report", "title": "تقرير عن اعتقال لسامي الحداد",
                 "publisher": "Al-Haddad Sami blog", "reliability": 3}],
}  # fmt: skip
SPELLINGS = ("حداد", "hadad", "haddad", "دادح")  # the family name in any spelling, or reversed (PDF)


def _victims(protected: bool):
    return [
        {"journalist": {"name_ar": "سامي الحداد", "name_en": "Sami al-Haddad", "gender": "male"},
         "outcome": "detained", "is_identity_protected": protected,
         "status_events": [{"event": "detained_on", "date": "2024-03-05", "note": "نقل سامي الحداد إلى السجن"}]},
        {"journalist": {"name_ar": "اسم معلن", "name_en": "Named Person"}, "outcome": "threatened"},
    ]  # fmt: skip


def _plant_old_data() -> list:
    """Published cases naming a victim who was marked protected afterwards, written around the
    guard (directly, as data from before it existed)."""
    incidents = []
    for n in range(3):
        incident = factories.create_incident(
            date_start=f"2024-03-0{n + 1}", victims=_victims(False), **PLANTED
        )
        incident.workflow_status = "published"
        incidents.append(incident)
        db.session.flush()
    for incident in incidents:  # then the victim is protected, around the operations too
        incident.victims[0].is_identity_protected = True
    db.session.commit()
    return incidents


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _assert_no_name(text: str, where) -> None:
    text = _clean(text)
    for spelling in SPELLINGS:
        assert spelling not in text, (where, spelling)


def test_protected_name_in_no_public_output(app, plain_client, tmp_path):
    incidents = _plant_old_data()
    everything = assert_no_name_in_public_outputs(
        app, plain_client, tmp_path, [i.public_ref for i in incidents]
    )
    assert "named person" in everything and "مأرب" in everything


def assert_no_name_in_public_outputs(app, plain_client, tmp_path, refs) -> str:
    """Every public output (pages of ``refs`` in both languages, public API list and detail, CSV,
    GeoJSON, feeds, map data and popups, open-data downloads, static export, public PDF report)
    names the factories' journalist in no spelling; returns the HTTP answers' text (cleaned), in
    which every one of ``refs`` and a withheld marker in both languages are checked to appear."""
    seen = []

    def get(url, **kw):
        response = plain_client.get(
            url, follow_redirects=True, **kw
        )  # the public export redirects to the public API
        assert response.status_code == 200, url
        seen.append(response.data)
        return response

    for ref in refs:
        for lang in ("ar", "en"):
            _assert_no_name(get(f"/incidents/{ref}", headers={"Accept-Language": lang}).get_data(as_text=True),
                            (ref, lang))  # fmt: skip
            _assert_no_name(get(f"/incidents/{ref}?lang={lang}").get_data(as_text=True), (ref, lang, "?lang"))
        _assert_no_name(get(f"/api/public/v1/incidents/{ref}").get_data(as_text=True), ref)
        for lang in ("ar", "en"):  # the public dossier
            pages = PdfReader(io.BytesIO(get(f"/incidents/{ref}/dossier.pdf?lang={lang}").data)).pages
            _assert_no_name("\n".join(page.extract_text() for page in pages), (ref, "dossier", lang))
    urls = ["/api/public/v1/incidents?page_size=500", "/api/public/v1/incidents.csv",
            "/api/public/v1/incidents.geojson", "/feed.atom?lang=ar", "/feed.atom?lang=en",
            "/api/public/v1/map/stack?lat=15.45&lon=45.32"]  # fmt: skip
    urls += [f"/api/public/v1/map?zoom={z}&bbox=-180,-90,180,90" for z in (0, 6, 12, 18)]
    for url in urls:
        _assert_no_name(get(url).get_data(as_text=True), url)
    # the map's popups at every point drawn
    clusters = get("/api/public/v1/map?zoom=18&bbox=-180,-90,180,90").get_json()
    assert json.dumps(clusters)
    from tracker.maps import index

    for feature in index.clusters({}, (-180, -90, 180, 90), 18)["features"]:
        url = f"/api/public/v1/map/stack?lat={feature['lat']}&lon={feature['lon']}"
        _assert_no_name(get(url).get_data(as_text=True), url)
    # the open-data downloads of the transfer page, public edition
    for fmt in ("csv", "json", "geojson"):
        _assert_no_name(get(f"/transfer/export?edition=public&format={fmt}").get_data(as_text=True), fmt)
    with zipfile.ZipFile(io.BytesIO(get("/transfer/export?edition=public&format=xlsx").data)) as book:
        for name in book.namelist():
            _assert_no_name(book.read(name).decode("utf-8", "replace"), ("xlsx", name))
    # the static export
    from tracker.maps.export import export

    export(tmp_path / "export")
    for path in (tmp_path / "export").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js"):
            _assert_no_name(path.read_text(encoding="utf-8"), path)
    # the public PDF report, both languages
    for lang in ("ar", "en"):
        reader = PdfReader(io.BytesIO(render(Scope(2024, edition="public"), lang, app.config)))
        _assert_no_name("\n".join(page.extract_text() for page in reader.pages), ("pdf", lang))
    # the test can fail: the cases and their other public words are there
    everything = _clean(b"\n".join(seen).decode("utf-8", "replace"))
    assert all(ref.casefold() in everything for ref in refs)
    assert "journalist (name withheld)" in everything and "صحفي (حُجب الاسم)" in everything
    return everything
