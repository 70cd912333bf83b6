"""Dates, labels and name skeletons as researchers write them."""

from datetime import date

import pytest

from tracker.transfer import labels
from tracker.transfer.dates import BadDate, parse_date
from tracker.transfer.duplicates import name_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", (date(2024, 3, 5), "day")),
        ("2024-03", (date(2024, 3, 1), "month")),
        ("2024", (date(2024, 1, 1), "year")),
        ("05/03/2024", (date(2024, 3, 5), "day")),
        ("5.3.2024", (date(2024, 3, 5), "day")),
        ("٠٥/٠٣/٢٠٢٤", (date(2024, 3, 5), "day")),
        ("5 March 2024", (date(2024, 3, 5), "day")),
        ("March 5, 2024", (date(2024, 3, 5), "day")),
        ("march 2024", (date(2024, 3, 1), "month")),
        ("٥ آذار ٢٠٢٤", (date(2024, 3, 5), "day")),
        ("٥ مارس ٢٠٢٤م", (date(2024, 3, 5), "day")),
        ("تشرين الأول 2023", (date(2023, 10, 1), "month")),
        ("12 تشرين الثاني 2023", (date(2023, 11, 12), "day")),
        ("3 جويلية 2022", (date(2022, 7, 3), "day")),
        ("يونيه ٢٠٢١", (date(2021, 6, 1), "month")),
        ("٢٠٢١", (date(2021, 1, 1), "year")),
        ("2024/03/10", (date(2024, 3, 10), "day")),
        ("٢٠٢٤/٠٣/١٠", (date(2024, 3, 10), "day")),
        ("2024.03", (date(2024, 3, 1), "month")),
        ("5 آذار/مارس 2024", (date(2024, 3, 5), "day")),
        ("مارس (آذار) 2024", (date(2024, 3, 1), "month")),
        ("", None),
        (None, None),
    ],
)
def test_dates_with_their_precision(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2024", "yesterday", "13/13/2024", "5 Brumaire 2024", "2024/03-10", "5 آذار/أيار 2024"]
)
def test_unreadable_dates_are_refused(text):
    with pytest.raises(BadDate):
        parse_date(text)


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        ("violation_types", "F4", "F4"),
        ("violation_types", "اعتقال / احتجاز تعسفي", "F4"),
        ("violation_types", "اعتقال", "F4"),
        ("violation_types", "Arbitrary arrest / detention", "F4"),
        ("violation_types", "تعذيب وسوء معاملة", "I1"),
        ("violation_types", "killing", "L1"),
        ("victim_outcome", "احتجز", "detained"),
        ("victim_outcome", "Detained", "detained"),
        ("victim_gender", "أنثى", "female"),
        ("perpetrator_types", "جماعة مسلحة غير حكومية", "non_state_armed_group"),
        ("perpetrator_types", "non state armed group", "non_state_armed_group"),
        ("verification", "مرجح", "likely"),
        ("workflow_status", "منشور", "published"),
        ("violation_types", "nonsense", None),
    ],
)
def test_codes_or_labels_in_either_language(field, text, code):
    assert labels.code_for(field, text) == code


def test_countries_and_yes_no():
    assert labels.country_code("اليمن") == labels.country_code("Yemen") == labels.country_code("ye") == "YE"
    assert labels.country_code("Atlantis") is None
    assert labels.boolean("نعم") is True and labels.boolean("No") is False and labels.boolean("maybe") is None


@pytest.mark.parametrize(
    "names",
    [
        ("سامي الحداد", "Sami al-Haddad", "Samy El Hadad", "سامى الحدّاد"),
        ("محمد عبدالله", "Mohammed Abdullah", "Muhammad Abd Allah", "محمد عبد الله"),
        ("أحمد القاضي", "Ahmed al-Qadhi", "Ahmad Alqadi", "احمد القاضى"),
        ("فاطمة", "Fatima", "Fatimah"),
    ],
)
def test_transliteration_variants_share_a_skeleton(names):
    assert len({name_key(n) for n in names}) == 1, {n: name_key(n) for n in names}


def test_different_names_differ():
    assert name_key("سامي الحداد") != name_key("سالم الحداد")
    assert name_key("Khaled") != name_key("Khalil")
