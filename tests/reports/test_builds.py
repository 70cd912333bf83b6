"""Report files: written whole or not at all, build status for the web page."""

import pytest

from reports import builds, pdf
from reports.statistics import Scope
from tests.reports.conftest import YEAR


def test_write_report_replaces_the_file_atomically(app, report_data, tmp_path):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")
    steps = []
    size = builds.write_report(Scope(YEAR), "en", out, app.config, progress=lambda f, step: steps.append(f))
    assert out.read_bytes().startswith(b"%PDF") and size == out.stat().st_size
    assert steps[0] < steps[-1] == 1.0 and steps == sorted(steps)
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_failed_build_leaves_the_old_file_and_no_partial_file(app, report_data, tmp_path, monkeypatch):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(builds, "atomic_write", builds.atomic_write)
    monkeypatch.setattr(pdf, "build", lambda *a, **k: b"%PDF-partial" + b"x" * 10)
    monkeypatch.setattr(builds.os, "replace", broken)
    with pytest.raises(RuntimeError):
        builds.write_report(Scope(YEAR), "en", out, app.config)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_start_build_status_and_failure(app, report_data, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    scope = Scope(YEAR)
    assert builds.status(app, scope, "ar")["state"] == "missing"
    assert builds.start_build(app, scope, "ar")
    state = builds.status(app, scope, "ar")
    assert (
        state["state"] == "ready"
        and state["name"] == f"report-{YEAR}-all-public-ar.pdf"
        and state["size"] > 0
    )
    marker = tmp_path / "reports" / f"report-{YEAR}-all-public-ar.building"
    marker.write_text("1")
    assert builds.status(app, scope, "ar")["state"] == "building"
    assert not builds.start_build(app, scope, "ar")  # one build at a time
    marker.unlink()
    monkeypatch.setattr(pdf, "build", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    assert builds.start_build(app, Scope(YEAR, "YE"), "en")
    assert builds.status(app, Scope(YEAR, "YE"), "en")["state"] == "failed"
