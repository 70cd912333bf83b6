"""Resolver: spelling variants, ambiguity asked not guessed, reverse geocoding."""

from tracker.geo.resolver import country_codes, lookup, resolve
from tracker.geo.reverse import reverse


def test_spelling_variants_find_the_same_place():
    ids = {
        resolve(name, country="YE")[0].geonames_id for name in ("مأرب", "مارب", "Marib", "Ma'rib", "MARIB")
    }
    assert len(ids) == 1


def test_ambiguous_name_is_a_choice_not_a_guess():
    found = lookup("طرابلس")
    assert found.ambiguous and found.best is None
    assert {c.country for c in found.candidates[:2]} == {"LY", "LB"}


def test_country_or_governorate_settles_the_ambiguity():
    assert lookup("طرابلس", country="ليبيا").best.country == "LY"
    assert lookup("Tripoli", country="LB").best.country == "LB"
    assert lookup("البيضاء", admin1="الجبل الأخضر").best.country == "LY"


def test_candidate_carries_everything_the_form_needs():
    best = lookup("عدن", country="YE").best
    assert (best.name_ar, best.name_en, best.country, best.precision, best.source) == (
        "عدن", "Aden", "YE", "locality", "gazetteer")  # fmt: skip
    assert best.admin1.code == "YE-AD" and best.admin1.name_ar == "عدن"
    assert best.geonames_id and best.score > 0


def test_unknown_place_falls_back_to_the_country_with_low_score():
    found = lookup("قرية لا وجود لها", country="YE")
    assert [c.precision for c in found.candidates] == ["country"]
    assert lookup("Nowhere at all").candidates == []
    assert lookup("Aden", country="Atlantis").candidates == []


def test_every_country_has_names_in_both_languages():
    assert (
        country_codes("اليمن") == ("YE",)
        and country_codes("Yemen") == ("YE",)
        and country_codes("ye") == ("YE",)
    )
    assert lookup(country="France").best.name_ar == "فرنسا"


def test_places_outside_the_arab_states_resolve():
    assert lookup("Istanbul").best.country == "TR"
    assert lookup("Paris", country="FR").best.precision == "locality"


def test_reverse_fills_country_and_governorate():
    found = reverse(15.46, 45.33)
    assert found.country == "YE" and found.admin1.code == "YE-MA" and found.admin1.name_ar == "مأرب"
    assert reverse(31.52, 34.45).admin1.code == "PS-GZA"
    assert reverse(0.0, -30.0) is None  # mid-Atlantic


def test_arab_towns_have_arabic_names():
    """Every governorate has both names; towns of 15,000+ nearly all (GeoNames plus the curated table)."""
    from tracker.geo import gazetteer
    from tracker.geo.build import ARAB_STATES

    g = gazetteer.get()
    governorates = [a for a in g.admin1.values() if a.country in ARAB_STATES]
    assert len(governorates) >= 270 and all(a.name_ar and a.name_en for a in governorates)
    towns = [p for p in g.places if p.country in ARAB_STATES and p.population >= 15_000]
    assert sum(1 for p in towns if p.name_ar) / len(towns) > 0.97
    assert lookup("حفر الباطن").best.name_en == "Hafar Al-Batin"
    assert lookup("العلمة", country="DZ").best.admin1.code == "DZ-19"
