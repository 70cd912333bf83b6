"""A static copy of the public map for another website (``flask map export --out DIR``).

The copy needs no server of ours: HTML, Leaflet, the folium map script, the page script and the
clusters of every zoom level precomputed as JSON (``data/z<zoom>.json``, the whole world, no
filters), plus counts per country and governorate. The data comes from the same redacted public
selection (``tracker.maps.index``) as the live map.
"""

import json
import shutil
from pathlib import Path

import xstatic.pkg.leaflet
from babel import Locale
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.cases.queries import violation_labels
from tracker.core import vendor
from tracker.geo import boundaries
from tracker.maps import build, index, static_layers
from tracker.maps.groups import COLOURS, GROUPS, LABELS
from tracker.public import queries

WORLD = (-180.0, -90.0, 180.0, 90.0)
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def export(out: Path, site_url: str = "") -> dict:
    """Write the static map into ``out``; returns counts for the command to print."""
    out.mkdir(parents=True, exist_ok=True)
    assets, data = out / "assets", out / "data"
    assets.mkdir(exist_ok=True)
    data.mkdir(exist_ok=True)
    for name in LEAFLET_FILES:
        source = Path(xstatic.pkg.leaflet.BASE_DIR) / name
        if source.is_dir():
            shutil.copytree(source, assets / name, dirs_exist_ok=True)
        else:
            shutil.copy2(source, assets / name)
    static = Path(current_app.static_folder)
    shutil.copy2(static / "js" / "public-map.js", assets / "public-map.js")
    shutil.copy2(static / "css" / "app.css", assets / "app.css")
    shutil.copy2(static / "css" / "public-map.css", assets / "public-map.css")
    tile = vendor.tile_url()
    script = build.script_for(tile, current_app.config.get("MAP_TILE_ATTRIBUTION") or "", "assets/leaflet.js",
                              "assets/leaflet.css")  # fmt: skip
    (assets / "folium.js").write_text(script, encoding="utf-8")

    total = 0
    for zoom in range(index.MAX_ZOOM + 1):
        clusters = index.clusters({}, WORLD, zoom)
        total = clusters["total"]
        _write_json(data / f"z{zoom}.json", clusters)
    _write_json(data / "areas.json", index.areas({}))
    # the basemap (the copy works with no tile server) and the imported governorates, if any
    shutil.copy2(static_layers.BASEMAP_PATH, data / "basemap.json")
    shaded = boundaries.path().exists()
    if shaded:
        shutil.copy2(boundaries.path(), data / "boundaries.json")

    labels = violation_labels()
    present = queries.countries()
    for lang, name in (("ar", "index.html"), ("en", "index-en.html")):
        with force_locale(lang):
            config = {
                "static": True, "data": "data", "lang": lang, "basemap": "data/basemap.json",
                "boundaries": "data/boundaries.json" if shaded else None, "units": {"m": _("m"), "km": _("km")},
                "incident": site_url.rstrip("/") + "/incidents/REF",
                "types": {code: (ar if lang == "ar" else en) for code, (en, ar, _p) in labels.items()},
                "countries": {code: Locale(lang).territories.get(code, code) for code in present},
                "groups": {g: {"label": str(LABELS[g]), "colour": COLOURS[g]} for g in GROUPS},
                "order": list(GROUPS),
            }  # fmt: skip
            html = render_template("public/export.html", config=config, lang=lang,
                                   text_dir="rtl" if lang == "ar" else "ltr",
                                   groups=[(g, LABELS[g]) for g in GROUPS])  # fmt: skip
        (out / name).write_text(html, encoding="utf-8")
    return {"incidents": total, "zoom_levels": index.MAX_ZOOM + 1}
