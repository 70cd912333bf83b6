"""The offline basemap: made from Natural Earth (world-atlas), small, served by the app with a
version in its address, gzip and an ETag; the map page asks for it."""

import gzip
import json

from tracker.maps import static_layers


def _inside(point, ring) -> bool:
    """Ray casting: is ``point`` (lon, lat) inside ``ring``?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _on_land(point, land) -> bool:
    return any(_inside(point, polygon[0]) and not any(_inside(point, hole) for hole in polygon[1:])
               for polygon in land)  # fmt: skip


def test_basemap_file_is_land_and_borders_with_its_licence_notice():
    data = json.loads(static_layers.BASEMAP_PATH.read_text(encoding="utf-8"))
    assert (
        "world-atlas 2.0.2" in data["source"]
        and "ISC" in data["licence"]
        and "public domain" in data["licence"]
    )
    land, borders = data["features"]
    assert land["properties"]["kind"] == "land" and borders["properties"]["kind"] == "borders"
    polygons = land["geometry"]["coordinates"]
    for place in [(44.21, 15.35), (44.88, 13.06), (13.19, 32.89), (58.41, 23.59), (31.24, 30.04)]:
        assert _on_land(place, polygons), place  # Sanaa, Lahij, Tripoli, Muscat, Cairo
    for sea in [(60.0, 14.0), (38.5, 20.0), (18.0, 34.0), (51.0, 26.5)]:
        assert not _on_land(sea, polygons), sea  # Arabian Sea, Red Sea, Mediterranean, the Gulf
    # Yemen's land border with Saudi Arabia and Oman is drawn
    assert any(
        any(43 < x < 53 and 16 < y < 19 for x, y in line) for line in borders["geometry"]["coordinates"]
    )
    # no ring jumps across the antimeridian (a flat map would draw a line across the world)
    jumps = [(a, b) for polygon in polygons for ring in polygon for a, b in zip(ring, ring[1:], strict=False)
             if abs(a[0] - b[0]) > 180]  # fmt: skip
    assert jumps == []
    size = static_layers.BASEMAP_PATH.stat().st_size
    assert size < 150_000 and len(gzip.compress(static_layers.BASEMAP_PATH.read_bytes())) < 50_000


def test_map_page_asks_for_the_versioned_basemap(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    version = static_layers.version(static_layers.BASEMAP_PATH)
    assert f"/map/basemap.json?v={version}" in html


def test_basemap_is_served_gzipped_with_an_etag_and_a_long_cache(client):
    version = static_layers.version(static_layers.BASEMAP_PATH)
    response = client.get(f"/map/basemap.json?v={version}", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in response.headers["Vary"]
    body = gzip.decompress(response.get_data())
    assert body == static_layers.BASEMAP_PATH.read_bytes()
    plain = client.get("/map/basemap.json", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.get_data() == body
    assert plain.headers["Cache-Control"] == "public, max-age=300"  # no version: may change
    again = client.get(f"/map/basemap.json?v={version}", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
