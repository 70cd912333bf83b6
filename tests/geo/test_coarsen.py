"""The public place of a record: decided once when it is written (``public_place``, called by
``tracker.cases.derive``), stored, and read back by every public output (``public_point``)."""

import pytest
import sqlalchemy as sa

from tests import factories
from tracker.cases.models import Incident
from tracker.extensions import db
from tracker.geo import gazetteer
from tracker.geo.coarsen import PUBLIC_FIELDS, public_point


def public_place(values):
    from tracker.geo.coarsen import public_place as decide

    return decide(values, gazetteer.get())


MARIB_CITY = (15.4625, 45.3258)


def row(**over):
    data = {"country": "YE", "admin1": "YE-MA", "locality": "مأرب", "latitude": 15.47, "longitude": 45.33,
            "geo_precision": "exact", "public_geo_precision": "admin1", "geonames_id": None}  # fmt: skip
    data.update(over)
    return data


def test_exact_point_shown_only_when_public_precision_is_exact():
    point = public_place(row(public_geo_precision="exact"))
    assert (point.latitude, point.longitude, point.precision) == (15.47, 45.33, "exact")


@pytest.mark.parametrize("public", ["locality", "admin2", "admin1", "country"])
def test_exact_point_never_shown_for_coarser_public_precision(public):
    point = public_place(row(public_geo_precision=public))
    assert (point.latitude, point.longitude) != (15.47, 45.33)


def test_locality_precision_gives_the_town_point():
    point = public_place(row(public_geo_precision="locality"))
    assert point.precision == "locality" and (point.latitude, point.longitude) == (15.46253, 45.32581)


def test_admin1_gives_the_governorate_point_and_code():
    point = public_place(row(geo_precision="locality"))
    assert point.precision == "admin1" and point.admin1.code == "YE-MA" and point.admin1.name_ar == "مأرب"
    assert (point.latitude, point.longitude) == MARIB_CITY  # the seat stands for the governorate


def test_country_gives_the_country_point_without_governorate():
    point = public_place(row(public_geo_precision="country"))
    assert point.precision == "country" and point.admin1 is None
    assert (point.latitude, point.longitude) == (15.55, 47.55)


def test_governorate_found_from_the_point_when_the_name_is_missing():
    point = public_place(row(admin1=None, locality=None, geo_precision="locality"))
    assert point.admin1.code == "YE-MA"


def test_nothing_known_means_nothing_shown():
    assert public_place(row(country=None)) is None
    assert public_place(row(country="ZZ", admin1=None, locality=None)) is None


def test_no_point_stored_uses_the_place_names():
    point = public_place(
        row(latitude=None, longitude=None, geo_precision=None, public_geo_precision="locality")
    )
    assert point.precision == "admin1" and point.admin1.code == "YE-MA"


def test_works_with_an_incident_object():
    incident = factories.create_incident(latitude=15.47, longitude=45.33, geo_precision="exact",
                                         public_geo_precision="admin1")  # fmt: skip
    point = public_point(incident)
    assert point.precision == "admin1" and (point.latitude, point.longitude) == MARIB_CITY


def test_works_with_a_database_row():
    incident = factories.create_incident(public_geo_precision="country")
    columns = [Incident.__table__.c[f] for f in PUBLIC_FIELDS]
    row = db.session.execute(sa.select(*columns).where(Incident.id == incident.id)).one()
    point = public_point(row)
    assert point.precision == "country" and (point.latitude, point.longitude) == (15.55, 47.55)


def test_stored_public_columns_are_what_public_place_decides():
    incident = factories.create_incident(latitude=15.47, longitude=45.33, geo_precision="exact",
                                         public_geo_precision="locality", admin1="مأرب", locality="مأرب")  # fmt: skip
    assert incident.admin1 == "YE-MA"  # a name in either language is stored as the code
    point = public_place({c.key: getattr(incident, c.key) for c in Incident.__table__.columns})
    stored = public_point(incident)
    assert (stored.latitude, stored.longitude, stored.precision, stored.admin1.code) == (
        round(point.latitude, 5), round(point.longitude, 5), point.precision, point.admin1.code)  # fmt: skip
    assert stored.precision == "locality" and (stored.latitude, stored.longitude) != (15.47, 45.33)
