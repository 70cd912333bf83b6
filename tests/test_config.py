"""Configuration from the environment: where the files shared by several machines live."""

from tracker import config


def test_the_full_downloads_folder_comes_from_the_environment(monkeypatch):
    assert config.load_config()["DOWNLOADS_DIR"] is None  # default: instance/downloads
    monkeypatch.setenv("DOWNLOADS_DIR", "/srv/shared/downloads")
    assert config.load_config()["DOWNLOADS_DIR"] == "/srv/shared/downloads"


def test_no_setting_is_left_that_nothing_reads():
    assert "REPORT_BUILD_IN_BACKGROUND" not in config.DEFAULTS  # reports are built by jobs
