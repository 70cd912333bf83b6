"""Reverse geocoding of a point picked on the map: its country, governorate and nearest place.

The gazetteer has no borders, so the answer is that of the nearest known populated place
(within ``MAX_KM``); near a border a researcher should check it.
"""

import math
from dataclasses import dataclass

from tracker.geo import gazetteer
from tracker.geo.resolver import AdminRef, _admin_ref, haversine_km

MAX_KM = 150.0


@dataclass(frozen=True, slots=True)
class ReverseResult:
    country: str
    admin1: AdminRef | None
    locality_ar: str
    locality_en: str
    geonames_id: int | None
    distance_km: float


def reverse(lat: float, lon: float, g: gazetteer.Gazetteer | None = None) -> ReverseResult | None:
    """Country and governorate of the point, or None far from any known place (sea, desert)."""
    g = g or gazetteer.get()
    best, best_km = None, MAX_KM
    cell_lat, cell_lon = math.floor(lat), math.floor(lon)
    for ring in range(3):  # 1-degree cells: ~110 km each, enough for MAX_KM
        for dlat in range(-ring, ring + 1):
            for dlon in range(-ring, ring + 1):
                if max(abs(dlat), abs(dlon)) != ring:
                    continue
                lon_cell = (cell_lon + dlon + 180) % 360 - 180
                for index in g.grid.get((cell_lat + dlat, lon_cell), ()):
                    place = g.places[index]
                    km = haversine_km(lat, lon, place.latitude, place.longitude)
                    if km < best_km:
                        best, best_km = place, km
        if best is not None and best_km < ring * 100:
            break  # nothing in a further ring can be nearer
    if best is None:
        return None
    return ReverseResult(best.country, _admin_ref(g, best.admin1), best.name_ar, best.name_en,
                         best.geonames_id, round(best_km, 2))  # fmt: skip
