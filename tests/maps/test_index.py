"""Server-side clustering: counts add up, filters, stacked places, areas, rebuilt on change."""

import numpy as np

from tests import factories
from tracker.cases import operations
from tracker.extensions import db
from tracker.maps import index
from tracker.maps.clusters import Selection
from tracker.maps.points import Base

WORLD = (-180, -90, 180, 90)


def _public(**over):
    return factories.create_incident(workflow_status="published", **over)


def test_counts_add_up_at_every_zoom_and_only_public_incidents_are_drawn():
    for n in range(6):
        _public(date_start=f"202{n % 3}-01-0{n + 1}", violation_types=[("F4", "L1.1", "C1")[n % 3]])
    factories.create_incident()  # draft
    _public(is_confidential=True)
    for zoom in (0, 4, 9, 18):
        result = index.clusters({}, WORLD, zoom)
        assert result["total"] == 6
        assert sum(f["count"] for f in result["features"]) == 6
    groups = {f["group"] for f in index.clusters({}, WORLD, 18)["features"]}
    assert groups == {"detention", "killing", "censorship"}
    assert index.clusters({"year_from": 2021, "year_to": 2021}, WORLD, 4)["total"] == 2


def test_single_incident_carries_public_popup_fields_only():
    incident = _public(title_en="Alone", country="OM", admin1=None, locality=None, latitude=None,
                       longitude=None, geo_precision=None, public_geo_precision="country")  # fmt: skip
    (feature,) = index.clusters({}, WORLD, 4)["features"]
    assert feature["count"] == 1
    popup = feature["incident"]
    assert popup["ref"] == incident.public_ref and popup["title_en"] == "Alone"
    assert set(popup) == {"ref", "title_ar", "title_en", "date", "date_precision", "type", "country", "admin1_ar",
                          "admin1_en", "locality", "precision"}  # fmt: skip


def test_a_place_that_never_splits_lists_its_incidents():
    for _ in range(3):
        _public()  # the same governorate: one public point
    (feature,) = index.clusters({}, WORLD, 18)["features"]
    assert feature["count"] == 3 and feature["zoom"] > index.MAX_ZOOM
    stack = index.stack({}, feature["lat"], feature["lon"], "detention")
    assert stack["total"] == 3 and len(stack["incidents"]) == 3


def test_areas_count_countries_and_governorates():
    _public()
    _public(country="LY", admin1=None, locality=None, latitude=None, longitude=None, geo_precision=None)
    areas = index.areas({})
    assert {c["code"]: c["count"] for c in areas["countries"]} == {"YE": 1, "LY": 1}
    assert [g["count"] for g in areas["governorates"]] == [1]
    assert areas["governorates"][0]["name_en"]


def test_index_follows_changes():
    incident = _public()
    assert index.clusters({}, WORLD, 4)["total"] == 1
    operations.transition_incident(incident, "archived", factories.SYSTEM)
    db.session.commit()
    assert index.clusters({}, WORLD, 4)["total"] == 0


def test_stored_levels_answer_as_the_clustering_index_at_every_zoom_and_view():
    """The clusters stored per filter set (arrays per zoom) are what supercluster answers."""
    rng = np.random.default_rng(7)
    places = rng.uniform((35, 12), (60, 35), size=(40, 2))  # shared public places, and exact points
    coords = np.vstack((places[rng.integers(0, 40, 1500)], rng.uniform((35, 12), (60, 35), size=(500, 2))))
    n = len(coords)
    b = Base(np.arange(n, dtype=np.int64), coords[:, 0].copy(), coords[:, 1].copy(),
             rng.integers(0, 2, n).astype(np.int8), {})  # fmt: skip
    rows = np.nonzero(rng.random(n) < 0.8)[0]
    stored = Selection.load(Selection.compute(b, rows).dump())
    live = Selection.compute(b, rows, live=True)
    assert list(stored.rows) == list(rows) and set(stored.indexes) == set(live.indexes)
    for bbox in (WORLD, (40, 15, 50, 25)):
        for zoom in range(index.MAX_ZOOM + 1):
            for group in live.indexes:
                got, want = (sorted(zip(*(a.tolist() for a in s.indexes[group].view(bbox, zoom)), strict=True))
                             for s in (stored, live))  # fmt: skip
                assert got == want, (bbox, zoom, group)
