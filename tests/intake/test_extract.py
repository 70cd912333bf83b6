"""The pure extractor, part by part."""

from datetime import date

import pytest

from tests.intake.articles import FOUR_ABDUCTED, GOVERNMENT, MARIB
from tracker.intake import dates, lexicon, segment, victims
from tracker.intake.extract import extract
from tracker.intake.text import Normalised


def _dates(text, published=date(2024, 3, 16)):
    n = Normalised(text)
    return [(f.value, f.precision) for f in dates.find_dates(n.text, published=published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("أمس الجمعة", (date(2024, 3, 15), "day")),
        ("اليوم السبت", (date(2024, 3, 16), "day")),
        ("مساء الثلاثاء الماضي", (date(2024, 3, 12), "day")),
        ("الشهر الجاري", (date(2024, 3, 1), "month")),
        ("الشهر الماضي", (date(2024, 2, 1), "month")),
        ("الأسبوع الماضي", (date(2024, 3, 9), "week")),
        ("منذ عامين", (date(2022, 1, 1), "year")),
        ("في 5 رمضان 1445هـ", (date(2024, 3, 15), "day")),
        ("١٢ فبراير ٢٠٢٤", (date(2024, 2, 12), "day")),
        ("on Wednesday", (date(2024, 3, 13), "day")),
        ("last month", (date(2024, 2, 1), "month")),
        ("two years ago", (date(2022, 1, 1), "year")),
    ],
)
def test_dates(text, expected):
    assert _dates(text)[0] == expected


def test_relative_date_needs_a_publication_date():
    assert _dates("أمس", published=None) == []
    assert _dates("16 مارس 2024", published=None) == [(date(2024, 3, 16), "day")]


def test_triggers_negation_aggregate_and_calls():
    n = Normalised("نفت الشرطة اعتقال أي صحفي في عدن.")
    t = lexicon.triggers(n.text)
    assert t and lexicon.is_negated(n.text, t[0], 0)
    assert lexicon.is_aggregate(Normalised("قتل 45 صحفياً منذ عام 2015").text)
    assert lexicon.is_call(Normalised("طالبت النقابة بالإفراج عن الصحفيين المختطفين").text)
    codes = {t.code for t in lexicon.triggers(Normalised("تلقى تهديدات بالقتل").text)}
    assert codes == {"I3.1"}


def test_segmentation_splits_read_also():
    page = Normalised(
        "عنوان الخبر\n\nاعتقل الأمن الصحفي سالم علي.\nاقرأ أيضاً\nخبر آخر عن مؤتمر\nنص آخر هنا.\n"
    )
    found = segment.articles(page)
    assert len(found) == 2 and found[0].is_main and not found[1].is_main


def test_victim_names_after_roles_and_in_lists():
    n = Normalised("المختطفين هم: وليد سالم الريمي ومحمد عبده الشرعبي وفهد علي المقطري، وجميعهم صحفيون.")
    names = [n.text[a:b] for a, b, _k in victims.arabic_names(n.text, 0, len(n.text))]
    assert names == ["وليد سالم الريمي", "محمد عبده الشرعبي", "فهد علي المقطري"]
    n = Normalised("اعتقلت قوات الأمن الصحفي السوداني معاوية حسن الطيب أثناء التغطية")
    assert [n.text[a:b] for a, b, _k in victims.arabic_names(n.text, 0, len(n.text))] == ["معاويه حسن الطيب"]
    text = "Security forces detained reporter Ahmed Faraj al-Mismari on Monday."
    assert [text[a:b] for a, b, _k in victims.english_names(text, 0, len(text))] == ["Ahmed Faraj al-Mismari"]


def test_killing_in_marib():
    (p,) = extract(MARIB, date(2024, 3, 16), "https://news.example.org/a")
    assert p.violation_types == ["L1"]
    assert [v["name_ar"] for v in p.victims] == ["كمال سعيد الوصابي"]
    assert p.victims[0]["outcome"] == "killed"
    assert (p.country, p.admin1, p.date_start, p.date_precision) == ("YE", "YE-MA", date(2024, 3, 1), "month")
    assert p.perpetrators[0]["type"] == "non_state_armed_group"
    fields = {e.field for e in p.evidence}
    assert {"violation_types", "victims", "date_start", "place", "perpetrators"} <= fields
    for e in p.evidence:
        assert MARIB[e.start : e.end] == e.text
    assert 0 < p.confidence <= 1
    assert p.source["publisher"] == "news.example.org"


def test_four_abducted():
    (p,) = extract(FOUR_ABDUCTED, date(2024, 5, 8))
    assert p.violation_types[0] == "F1"
    assert len([v for v in p.victims if v["kind"] == "person"]) == 4
    assert p.date_start == date(2024, 5, 7)


def test_government_news_yields_nothing():
    assert extract(GOVERNMENT, date(2024, 6, 20)) == []
    assert extract("") == []


def test_seiyun_is_in_the_gazetteer():
    (p,) = extract("اعتقلت قوة أمنية، أمس، المصور الصحفي سعيد عوض باحميد في مدينة سيئون.", date(2024, 10, 2))
    assert (p.country, p.admin1, p.geo_precision) == ("YE", "YE-HD", "locality")


def test_corpus_scores_meet_the_targets():
    """The bench's figures on the whole labelled corpus stay above the issue's targets."""
    from bench.intake import score
    from tests.intake.corpus_io import PARTS, articles, gold

    everything = {}
    for part in PARTS:
        everything.update(articles(part))
    result = score(everything, gold())
    assert result["precision"] >= 0.8 and result["recall"] >= 0.8
    assert result["fields"]["governorate"][0] >= 0.9 and result["fields"]["month"][0] >= 0.9
    quiet, total = result["quiet"]
    assert quiet / total >= 0.95
