"""flask report stats / flask report annual."""

import json

from tests import factories
from tests.reports.conftest import YEAR


def test_report_stats_prints_json(app, report_data):
    result = app.test_cli_runner().invoke(args=["report", "stats", "--year", str(YEAR), "--country", "ye",
                                                "--edition", "internal"])  # fmt: skip
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["scope"] == {"year": YEAR, "country": "YE", "edition": "internal",
                              "selection": "verified or published, confidential included",
                              "verification_counted": ["confirmed", "likely", "possible"],
                              "unverified_excluded": 0}  # fmt: skip
    assert stats["totals"]["incidents"] == 7


def test_report_annual_writes_the_pdf(app, report_data, tmp_path):
    out = tmp_path / "report-ar.pdf"
    result = app.test_cli_runner().invoke(
        args=[
            "report",
            "annual",
            "--year",
            str(YEAR),
            "--lang",
            "ar",
            "--edition",
            "public",
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF") and "Wrote" in result.output


def test_report_annual_needs_a_language(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["report", "annual", "--year", "2024", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 2 and "--lang" in result.output


def test_report_annual_prints_data_quality_warnings(app, report_data, tmp_path):
    factories.create_incident(workflow_status="published", violation_types=["L1.1"], date_start="2023-04-04",
                              victims=[{"journalist": {"name_en": "Survivor", "name_ar": "ناجٍ"}, "outcome": "injured"}])  # fmt: skip
    result = app.test_cli_runner().invoke(args=["report", "annual", "--year", str(YEAR), "--lang", "en",
                                                "--out", str(tmp_path / "r.pdf")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "a killing with no victim recorded killed" in result.output
