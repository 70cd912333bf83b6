"""The folium map script and the static export."""

import json
from pathlib import Path

from tests import factories
from tracker.maps import build, static_layers


def test_script_is_folium_map_without_third_party_files():
    script = build.script_for(
        "https://tiles.example/{z}/{x}/{y}.png", "© Example", "/v/leaflet.js", "/v/l.css"
    )
    assert script.startswith("var map_public = L.map(")
    assert "https://tiles.example/{z}/{x}/{y}.png" in script
    assert "<script" not in script and "cdn" not in script.lower()


def test_export_command_writes_a_static_map(app, tmp_path):
    factories.create_incident(workflow_status="published", title_en="Exported case")
    factories.create_incident(title_en="Draft case")
    out = tmp_path / "site"
    result = app.test_cli_runner().invoke(args=["map", "export", "--out", str(out), "--site-url",
                                                "https://tracker.example.org"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and (out / "index-en.html").is_file()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and "assets/folium.js" in html and "<script>" not in html
    for name in ("leaflet.js", "leaflet.css", "folium.js", "public-map.js", "app.css"):
        assert (out / "assets" / name).is_file()
    world = json.loads((out / "data" / "z18.json").read_text(encoding="utf-8"))
    assert world["total"] == 1
    texts = " ".join(p.read_text(encoding="utf-8") for p in (out / "data").glob("*.json"))
    assert "Exported case" in texts and "Draft case" not in texts
    assert "https://tracker.example.org/incidents/REF" in html.replace("&#34;", '"').replace("&amp;", "&")


def test_export_carries_the_basemap_and_the_imported_boundaries(app, tmp_path, monkeypatch):
    sample = Path(__file__).resolve().parents[1] / "geo" / "data" / "yemen_admin1_sample.geojson"
    monkeypatch.setitem(app.config, "BOUNDARIES_PATH", str(tmp_path / "boundaries.json"))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["geo", "boundaries", "import", str(sample)]).exit_code == 0
    out = tmp_path / "site"
    assert runner.invoke(args=["map", "export", "--out", str(out)]).exit_code == 0
    assert (out / "data" / "basemap.json").read_bytes() == static_layers.BASEMAP_PATH.read_bytes()
    assert (out / "data" / "boundaries.json").read_bytes() == (tmp_path / "boundaries.json").read_bytes()
    assert (out / "assets" / "public-map.css").is_file()
    html = (out / "index.html").read_text(encoding="utf-8").replace("&#34;", '"')
    assert '"basemap": "data/basemap.json"' in html and '"boundaries": "data/boundaries.json"' in html
