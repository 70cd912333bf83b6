"""public_point: the public never sees a point finer than the case allows."""

import pytest

from tests import factories
from tracker.geo.coarsen import public_point

MARIB_CITY = (15.4625, 45.3258)


def row(**over):
    data = {"country": "YE", "admin1": "مأرب", "locality": "مأرب", "latitude": 15.47, "longitude": 45.33,
            "geo_precision": "exact", "public_geo_precision": "admin1", "geonames_id": None}  # fmt: skip
    data.update(over)
    return data


def test_exact_point_shown_only_when_public_precision_is_exact():
    point = public_point(row(public_geo_precision="exact"))
    assert (point.latitude, point.longitude, point.precision) == (15.47, 45.33, "exact")


@pytest.mark.parametrize("public", ["locality", "admin2", "admin1", "country"])
def test_exact_point_never_shown_for_coarser_public_precision(public):
    point = public_point(row(public_geo_precision=public))
    assert (point.latitude, point.longitude) != (15.47, 45.33)


def test_locality_precision_gives_the_town_point():
    point = public_point(row(public_geo_precision="locality"))
    assert point.precision == "locality" and (point.latitude, point.longitude) == (15.46253, 45.32581)


def test_admin1_gives_the_governorate_point_and_code():
    point = public_point(row(geo_precision="locality"))
    assert point.precision == "admin1" and point.admin1.code == "YE-MA" and point.admin1.name_ar == "مأرب"
    assert (point.latitude, point.longitude) == MARIB_CITY  # the seat stands for the governorate


def test_country_gives_the_country_point_without_governorate():
    point = public_point(row(public_geo_precision="country"))
    assert point.precision == "country" and point.admin1 is None
    assert (point.latitude, point.longitude) == (15.55, 47.55)


def test_governorate_found_from_the_point_when_the_name_is_missing():
    point = public_point(row(admin1=None, locality=None, geo_precision="locality"))
    assert point.admin1.code == "YE-MA"


def test_nothing_known_means_nothing_shown():
    assert public_point(row(country=None)) is None
    assert public_point(row(country="ZZ", admin1=None, locality=None)) is None


def test_no_point_stored_uses_the_place_names():
    point = public_point(
        row(latitude=None, longitude=None, geo_precision=None, public_geo_precision="locality")
    )
    assert point.precision == "admin1" and point.admin1.code == "YE-MA"


def test_works_with_an_incident_object():
    incident = factories.create_incident(latitude=15.47, longitude=45.33, geo_precision="exact",
                                         public_geo_precision="admin1")  # fmt: skip
    point = public_point(incident)
    assert point.precision == "admin1" and (point.latitude, point.longitude) == MARIB_CITY


def test_works_with_a_database_row():
    import sqlalchemy as sa

    from tracker.cases.models import Incident
    from tracker.extensions import db
    from tracker.geo.coarsen import FIELDS

    incident = factories.create_incident(public_geo_precision="country")
    columns = [Incident.__table__.c[f] for f in FIELDS]
    row = db.session.execute(sa.select(*columns).where(Incident.id == incident.id)).one()
    point = public_point(row)
    assert point.precision == "country" and (point.latitude, point.longitude) == (15.55, 47.55)
