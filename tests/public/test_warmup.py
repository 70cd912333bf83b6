"""A new web worker makes its first answers itself before its first visitor."""

from tests import factories
from tracker.public import views, warmup


def test_first_answers_make_the_map_page_its_files_and_data(app):
    factories.create_incident(workflow_status="published")
    views._bundles.clear()
    warmup.first_answers(app)
    assert set(views._bundles) == {"js", "css"}


def test_nothing_is_asked_before_public_data_was_ever_prepared(app, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "PREPARED_DATA", "shared")
    monkeypatch.setitem(app.config, "PREPARED_FOLDER", str(tmp_path))  # an empty store
    monkeypatch.setitem(app.config, "REDIS_URL", None)  # (with Redis, the store would be Redis)
    monkeypatch.delitem(app.extensions, "prepared_store", raising=False)
    asked = []
    monkeypatch.setattr(app, "test_client", lambda **kw: asked.append(kw))
    warmup.first_answers(app)
    assert asked == []
