"""The public map's folium part: the Leaflet map object and its tile layer.

folium writes its JavaScript inline and links Leaflet, jQuery and Bootstrap from CDNs. The app's
Content-Security-Policy allows no inline script (``script-src 'self'``) and the app sends nobody
to a third party, so:
- the CDN lists are replaced by the app's own Leaflet files (``/vendor/leaflet/...``), and
- only the script folium generates is kept, and served as a separate JavaScript file from the app
  (``/map/folium-<lang>.js``; the static export writes it next to its HTML). An external file
  keeps the policy unchanged for every page and caches well; a per-response nonce would have to
  relax the policy for this page and defeat caching.
The variable folium creates is ``map_public``; ``static/js/public-map.js`` fetches the clusters
for the current view and draws them into it, and adds the scale bar (in the page's language:
Leaflet's own writes "km" on Arabic pages too).
"""

import re

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
