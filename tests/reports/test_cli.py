"""flask report stats / flask report annual."""

import json

from tests.reports.conftest import YEAR


def test_report_stats_prints_json(app, report_data):
    result = app.test_cli_runner().invoke(args=["report", "stats", "--year", str(YEAR), "--country", "ye",
                                                "--edition", "internal"])  # fmt: skip
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["scope"] == {"year": YEAR, "country": "YE", "edition": "internal",
                              "selection": "verified or published, confidential included"}  # fmt: skip
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
