"""The public map's folium part: the Leaflet map object and its tile layer.

folium writes its JavaScript inline and links Leaflet, jQuery and Bootstrap from CDNs. The app's
Content-Security-Policy allows no inline script (``script-src 'self'``) and the app sends nobody
to a third party, so:
- the CDN lists are replaced by the app's own Leaflet files (``/vendor/leaflet/...``), and
- only the script folium generates is kept, and served from the app as part of the page's one
  script file (the static export writes it as a file of its own next to its HTML). An external
  file keeps the policy unchanged for every page and caches well; a per-response nonce would have
  to relax the policy for this page and defeat caching.
The variable folium creates is ``map_public``; ``static/js/public-map.js`` fetches the clusters
for the current view and draws them into it, and adds the scale bar (in the page's language:
Leaflet's own writes "km" on Arabic pages too).

The page loads one script, ``bundle_script``: Leaflet, folium's map script and ``public-map.js``
in that order, and one stylesheet of its own, ``bundle_style``: Leaflet's and ``public-map.css``.
Each is served under its content hash and kept by browsers for a year (``public.views``): a first
visit makes two requests for them instead of five, a returning visitor none.
"""

import re
from collections.abc import Callable
from pathlib import Path

import folium

MAP_ID = "public"  # folium names the Leaflet map variable "map_" + this
CENTRE = (24.0, 42.0)  # the Arab states, where the first users work
ZOOM = 4
MAX_ZOOM = 18  # markers need a max zoom when no tile layer gives one
_INLINE_SCRIPT = re.compile(r"<script>\s*(.*?)\s*</script>", re.S)


def folium_map(tile_url: str, attribution: str, leaflet_js: str, leaflet_css: str) -> folium.Map:
    m = folium.Map(location=CENTRE, zoom_start=ZOOM, tiles=None, maxZoom=MAX_ZOOM, minZoom=1,
                   control_scale=False, world_copy_jump=False)  # fmt: skip
    m._id = MAP_ID
    m._name = "map"
    m.default_js = [("leaflet", leaflet_js)]
    m.default_css = [("leaflet_css", leaflet_css)]
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=attribution, max_zoom=MAX_ZOOM, name="tiles",
                         control=False).add_to(m)  # fmt: skip
    return m


def map_script(m: folium.Map) -> str:
    """The JavaScript folium generated for ``m`` (the inline script of its page), to serve as a file."""
    html = m.get_root().render()
    body = html.split("<body>", 1)[1]
    scripts = [s for s in _INLINE_SCRIPT.findall(body) if s]
    if not scripts:
        raise RuntimeError("folium produced no map script")
    return "\n".join(scripts) + "\n"


def script_for(tile_url: str, attribution: str, leaflet_js: str, leaflet_css: str) -> str:
    return map_script(folium_map(tile_url, attribution, leaflet_js, leaflet_css))


_SOURCE_MAP = re.compile(rb"^//# sourceMappingURL=.*$", re.M)  # names a file of Leaflet's, not ours
_CSS_IMAGE = re.compile(rb"url\((images/[^)]+)\)")


def bundle_script(leaflet_dir: Path, static_dir: Path, folium_script: str) -> bytes:
    leaflet = _SOURCE_MAP.sub(b"", (leaflet_dir / "leaflet.js").read_bytes())
    page = (static_dir / "js" / "public-map.js").read_bytes()
    return b"\n;\n".join((leaflet.strip(), folium_script.encode().strip(), page.strip())) + b"\n"


def bundle_style(leaflet_dir: Path, static_dir: Path, leaflet_url: Callable[[str], str]) -> bytes:
    """Leaflet's stylesheet (its images addressed by ``leaflet_url(name)``), then the page's."""
    leaflet = _CSS_IMAGE.sub(lambda m: b"url(" + leaflet_url(m.group(1).decode()).encode() + b")",
                             (leaflet_dir / "leaflet.css").read_bytes())  # fmt: skip
    page = (static_dir / "css" / "public-map.css").read_bytes()
    return leaflet.strip() + b"\n" + page.strip() + b"\n"


def sources(leaflet_dir: Path, static_dir: Path) -> tuple:
    """What the bundles are made of, as (modification time, size) pairs: a change makes them anew."""
    paths = (leaflet_dir / "leaflet.js", leaflet_dir / "leaflet.css", static_dir / "js" / "public-map.js",
             static_dir / "css" / "public-map.css")  # fmt: skip
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
