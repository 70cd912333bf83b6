"""The Arabic normalisation rules of DESIGN.md, one test per rule."""

import pytest

from tracker.core.text import like_pattern, normalise, search_terms


@pytest.mark.parametrize("variant", ["أحمد", "إحمد", "آحمد", "ٱحمد", "احمد"])
def test_alef_forms_become_bare_alef(variant):
    assert normalise(variant) == "احمد"


def test_alef_maqsura_becomes_yeh():
    assert normalise("مستشفى") == normalise("مستشفي") == "مستشفي"


def test_ta_marbuta_becomes_heh():
    assert normalise("الحديدة") == normalise("الحديده") == "الحديده"


@pytest.mark.parametrize(("text", "expected"), [("مؤسسة", "مءسسه"), ("رئيس", "رءيس")])
def test_hamza_on_waw_and_yeh_become_hamza(text, expected):
    assert normalise(text) == expected


def test_diacritics_removed():
    assert normalise("مَأْرِبُ") == "مارب"
    assert normalise("صَنْعَاءُ") == normalise("صنعاء")


def test_tatweel_removed():
    assert normalise("صنعـــاء") == "صنعاء"


def test_arabic_indic_digits_become_ascii():
    assert normalise("٢٠٢٤") == "2024"
    assert normalise("۱۹۹۸") == "1998"  # extended (Persian) forms


def test_presentation_forms_and_case_and_spaces():
    assert normalise("ﻣﺄﺭﺏ") == "مارب"
    assert normalise("  Ma'rib   CITY ") == "ma'rib city"


def test_empty_and_none():
    assert normalise(None) == ""
    assert normalise("   ") == ""
    assert search_terms("  مَأرب   صنعاء ") == ["مارب", "صنعاء"]


def test_like_pattern_escapes_wildcards():
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"
