"""Prepared public data shared by every process: built once, switched atomically, read by another
process, on both stores (a folder, Redis); a case that leaves the public is never served from a
stale version."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from flask_migrate import upgrade

from tests import factories
from tests.conftest import make_app
from tracker.cases import operations
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import runner
from tracker.jobs.models import Job
from tracker.jobs.operations import enqueue
from tracker.maps import clusters, index, prepared, store
from tracker.maps import operations as map_operations
from tracker.public import downloads

pytestmark = pytest.mark.no_rollback
REPO = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("PREPARED_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
WORLD = (-180, -90, 180, 90)


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A database of its own: these tests commit, as separate processes only see committed data."""
    url = f"sqlite:///{tmp_path_factory.mktemp('prepared') / 'prepared.sqlite3'}"
    app = make_app(url)
    with app.app_context():
        upgrade(directory=str(REPO / "migrations"))
    return url


@pytest.fixture(params=["file", "redis"])
def backend(request, tmp_path):
    """Store settings, for an app of this process and for a server process (environment)."""
    if request.param == "file":
        folder = str(tmp_path / "prepared")
        # no Redis for this app either, even when the environment names one (CI's second pass)
        yield {"PREPARED_FOLDER": folder, "REDIS_URL": None}, {"PREPARED_FOLDER": folder}
        return
    if not _redis_up():
        pytest.skip("Redis not reachable")
    prefix = f"test-prepared-{secrets.token_hex(4)}"
    yield ({"REDIS_URL": REDIS_URL, "PREPARED_KEY_PREFIX": prefix},
           {"REDIS_URL": REDIS_URL, "PREPARED_KEY_PREFIX": prefix})  # fmt: skip
    for key in redis.Redis.from_url(REDIS_URL).scan_iter(f"{prefix}:*"):
        redis.Redis.from_url(REDIS_URL).delete(key)


@pytest.fixture
def shared(database, backend):
    config, _env = backend
    app = make_app(database, PREPARED_DATA="shared", **config)
    with app.app_context():
        prepared.reset()
        yield app
        runner.drain()
        prepared.reset()
        db.session.remove()


def _public(**over):
    return factories.create_incident(workflow_status="published", **over)


def _drawn(ids=None) -> set:
    """Incident ids drawn on the world map at the most detailed zoom, as a visitor gets them."""
    b, sel = index.selection({})
    return {int(b.ids[i]) for i in sel.rows}


def _other_process(database: str, env: dict, code: str) -> dict:
    db.session.commit()  # end this process's transaction (SQLite: its lock)
    script = (
        "import json, sys\n"
        "from tracker import create_app\n"
        "from tracker.maps import index, prepared\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        f"{code}"
    )
    variables = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PREPARED_FOLDER")}
    variables.update(env, DATABASE_URL=database, SECRET_KEY="test-secret-key", PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=variables, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


READ = (
    "    b, sel = index.selection({})\n"
    "    print(json.dumps({'version': prepared.store().state().version,\n"
    "                      'ids': sorted(int(b.ids[i]) for i in sel.rows)}))\n"
)


def test_another_process_serves_the_version_built_here_and_follows_a_publish(shared, database, backend):
    first = _public(title_en="First", admin1="عدن", locality="عدن", latitude=12.78, longitude=45.03)
    db.session.commit()  # the publish asks for a rebuild of its own: let it end before this one
    runner.drain()
    version = map_operations.rebuild_prepared(wait=True)
    assert version is not None
    seen = _other_process(database, backend[1], READ)
    assert seen["version"] == version and first.id in seen["ids"]

    second = factories.create_incident(workflow_status="verified", country="LY", admin1=None, locality=None,
                                       latitude=None, longitude=None, geo_precision=None)  # fmt: skip
    assert second.id not in seen["ids"]
    operations.transition_incident(second, "published", factories.SYSTEM)
    db.session.commit()  # the writer's signal asks for a rebuild after the commit
    runner.drain()
    after = _other_process(database, backend[1], READ)
    assert after["version"] != version
    assert {first.id, second.id} <= set(after["ids"])


def _rebuild_jobs() -> list:
    db.session.rollback()
    return list(db.session.scalars(sa.select(Job).where(Job.kind == "prepared.rebuild").order_by(Job.id)))


def test_a_publish_queues_one_rebuild_job_and_the_previous_version_is_served_until_it_ran(shared):
    """The rebuild is a job (never a thread of the web process): one queued at a time, whatever
    the number of changes; until a runner has run it, visitors get the previous version."""
    kept = _public()
    db.session.commit()
    runner.drain()
    old = map_operations.rebuild_prepared(wait=True)
    threads = threading.active_count()
    added = _public(
        country="OM", admin1=None, locality=None, latitude=None, longitude=None, geo_precision=None
    )
    db.session.commit()
    second = _public(
        country="LY", admin1=None, locality=None, latitude=None, longitude=None, geo_precision=None
    )
    db.session.commit()
    assert threading.active_count() == threads  # nothing started in this process
    waiting = [j for j in _rebuild_jobs() if j.state == "queued"]
    assert len(waiting) == 1 and waiting[0].dedupe_key == "prepared.rebuild"
    prepared.reset()
    assert prepared.store().state().version == old
    assert kept.id in _drawn() and not {added.id, second.id} & _drawn()
    assert runner.drain() >= 1
    assert _rebuild_jobs()[-1].state == "done"
    prepared.reset()
    assert prepared.store().state().version != old
    assert {kept.id, added.id, second.id} <= _drawn()


def test_the_previous_version_is_served_until_the_new_one_is_switched_in(shared):
    kept = _public()
    old = map_operations.rebuild_prepared(wait=True)
    with prepared.store().rebuild_lock(wait=True):  # the rebuild this publish asks for waits
        added = _public(country="OM", admin1=None, locality=None, latitude=None, longitude=None,
                        geo_precision=None)  # fmt: skip
        runner.drain()
    seen_during = []

    def progress(_fraction, step):
        if step == "map":  # the new map is written, not yet switched in
            prepared.reset()  # as a process that starts now
            seen_during.append((prepared.store().state().version, added.id in _drawn(), kept.id in _drawn()))

    new = prepared.rebuild(progress)
    assert seen_during == [(old, False, True)]
    assert new != old and prepared.store().state().version == new
    prepared.reset()
    assert {kept.id, added.id} <= _drawn()


@pytest.mark.parametrize("change", ["unpublish", "confidential", "coarser", "protected"])
def test_a_case_leaving_the_public_is_never_served_from_the_stale_version(shared, change):
    title = f"Leaves {change} {secrets.token_hex(3)}"
    gone = _public(title_en=title, admin1="عدن", locality="عدن", latitude=12.78, longitude=45.03,
                   public_geo_precision="locality", victims=[{"journalist": {"name_ar": "سلمى", "name_en": "Salma"},
                                                             "outcome": "detained"}])  # fmt: skip
    stays = _public()
    map_operations.rebuild_prepared(wait=True)
    assert {gone.id, stays.id} <= _drawn()
    with prepared.store().rebuild_lock(wait=True):  # no new version can be switched in meanwhile
        if change == "unpublish":
            operations.transition_incident(gone, "verified", factories.SYSTEM)
        else:
            data = {
                "confidential": {"is_confidential": True},
                "coarser": {"public_geo_precision": "country"},
                "protected": {
                    "victims": [
                        {
                            "journalist_id": gone.victims[0].journalist_id,
                            "outcome": "detained",
                            "is_identity_protected": True,
                        }
                    ]
                },  # fmt: skip
            }[change]
            operations.update_incident(gone, data, factories.SYSTEM, gone.version)
        # before the commit (the writer's transaction is open), every process leaves it out
        assert gone.id not in _drawn() and stays.id in _drawn()
        db.session.commit()
        prepared.reset()  # a process that loads the (stale) current version now
        assert gone.id not in _drawn() and stays.id in _drawn()
        world = index.clusters({}, WORLD, 18)
        assert title not in json.dumps(world, ensure_ascii=False)
        assert sum(f["count"] for f in world["features"]) == world["total"]
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    prepared.reset()
    assert stays.id in _drawn()
    assert (gone.id in _drawn()) is (change in ("coarser", "protected"))  # back, as it now is
    if change == "coarser":
        b = index.base()
        position = int((b.ids == gone.id).nonzero()[0][0])
        assert b.value("precision", position) == "country"


def test_a_rebuild_that_read_before_a_change_does_not_clear_it(shared):
    s = prepared.store()
    read_at = s.state().seq
    after = s.change([424242])  # committed after the rebuild read the database
    s.put("meta-test", json.dumps({"version": "meta-test", "map": "x", "statistics": {}}).encode())
    s.publish("meta-test", read_at)
    assert 424242 in s.withdrawn()
    s.publish("meta-test", after)  # a version read after the change covers it
    assert 424242 not in s.withdrawn()


def test_a_rolled_back_withdrawal_comes_back_with_the_next_version(shared):
    kept = _public()
    map_operations.rebuild_prepared(wait=True)
    operations.transition_incident(kept, "verified", factories.SYSTEM)
    assert kept.id not in _drawn()
    db.session.rollback()
    runner.drain()
    prepared.reset()
    assert kept.id in _drawn()


def test_statistics_come_from_the_prepared_version(shared):
    _public(date_start="2023-05-01")
    map_operations.rebuild_prepared(wait=True)
    snapshot = prepared.current()
    assert 2023 in snapshot.years
    stats, charts = snapshot.year(2023, "ar")
    assert stats["totals"]["incidents"] >= 1 and charts and "<svg" in str(charts[0][2])
    response = shared.test_client().get("/statistics?year=2023&lang=en")
    assert response.status_code == 200 and b"chart-countries" in response.data


def test_a_switch_that_keeps_the_map_keeps_what_this_process_loaded(shared, monkeypatch):
    """A rebuild switches twice: the new map first, then the statistics with the same map. A web
    process loads the map and its clusters once, not again at the statistics' switch (at
    1,000,000 incidents that is a second of every web process, visitors waiting)."""
    _public()
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    added = _public(date_start="2023-07-01")
    db.session.commit()
    loads, selections = [], []
    real_load, real_selection = prepared.load_map, prepared.selection
    monkeypatch.setattr(prepared, "load_map", lambda blob: loads.append(1) or real_load(blob))
    monkeypatch.setattr(prepared, "selection", lambda *a: selections.append(1) or real_selection(*a))
    seen = []

    def progress(_fraction, step):
        if step == "statistics" and not seen:  # the new map is switched in, its statistics not yet
            seen.append((prepared.current().version, added.id in _drawn()))

    prepared.rebuild(progress)
    assert seen and seen[0][1] and loads == [1] and selections == [1]
    final = prepared.current()
    assert final.version != seen[0][0]  # the statistics' switch
    assert added.id in _drawn() and 2023 in final.years
    assert loads == [1] and selections == [1]


def test_a_version_is_loaded_once_when_requests_and_the_loader_thread_ask_at_once(shared, monkeypatch):
    _public()
    map_operations.rebuild_prepared(wait=True)
    prepared.reset()
    loads, selections, started = [], [], threading.Event()
    real_load, real_selection = prepared.load_map, prepared.selection

    def slow_load(blob):
        loads.append(1)
        started.set()
        threading.Event().wait(0.3)  # a large base: the others arrive while it loads
        return real_load(blob)

    monkeypatch.setattr(prepared, "load_map", slow_load)
    monkeypatch.setattr(prepared, "selection", lambda *a: selections.append(1) or real_selection(*a))
    drawn = []

    def visitor():
        with shared.app_context():
            drawn.append(_drawn())

    threads = [threading.Thread(target=visitor) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert started.is_set() and loads == [1] and selections == [1]
    assert len(drawn) == 4 and all(d == drawn[0] and d for d in drawn)


def test_a_change_during_a_rebuild_is_covered_by_the_same_job(shared):
    _public()
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    added = []

    def progress(_fraction, step):
        if step == "map filters" and not added:
            added.append(_public(date_start="2022-02-02"))
            db.session.commit()

    version = prepared.rebuild(progress)
    assert version is not None
    prepared.reset()
    assert added[0].id in _drawn()


def test_a_rebuild_job_queued_behind_one_that_covered_its_change_builds_nothing(shared, monkeypatch):
    """A publish while a rebuild runs queues another behind it; when the running one saw the
    change (it reads again until nothing changed), the queued one has nothing to do: at 1,000,000
    incidents a rebuild is minutes of a core. A change made outside the incident writer (the
    probe's fingerprint) is still built, and so is what ``flask public prepare`` asks for."""
    _public()
    db.session.commit()
    runner.drain()
    version = map_operations.rebuild_prepared(wait=True)
    builds = []
    real = prepared.build_once
    monkeypatch.setattr(prepared, "build_once", lambda *a: builds.append(1) or real(*a))
    assert map_operations.rebuild_prepared() == version and builds == []  # the job: nothing changed
    db.session.execute(sa.text("UPDATE incidents SET updated_at = CURRENT_TIMESTAMP WHERE id = "
                               "(SELECT max(id) FROM incidents)"))  # fmt: skip
    db.session.commit()  # SQL by hand: no seq moved, the fingerprint did
    assert map_operations.rebuild_prepared() != version and builds == [1]
    assert map_operations.rebuild_prepared(wait=True) and builds == [1, 1]  # the command always builds


def test_file_store_switch_is_one_replace(tmp_path):
    s = store.FileStore(tmp_path)
    s.put("a", b"one")
    s.publish("a", 0)
    assert s.state().version == "a"
    s.put("b", b"two")
    assert s.state().version == "a" and s.get("a") == b"one"  # written, not yet current
    s.publish("b", 0, unused=["a"])
    assert s.state().version == "b" and s.get("a") == b"one"  # kept a while for slow readers
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_the_organisation_texts_and_labels_move_the_public_version_on(shared):
    """The statistics page shows the editors' words and the organisation's name: a change to them
    is not served from an answer kept under the previous version (ETag, memory, proxies)."""
    from tracker.admin import operations as admin_operations
    from tracker.reports import operations as report_operations

    words, name = f"Our editors words {secrets.token_hex(3)}", f"Press Watch {secrets.token_hex(3)}"
    _public(date_start="2023-05-01")
    map_operations.rebuild_prepared(wait=True)
    runner.drain()
    client = shared.test_client()
    first = client.get("/statistics?year=2023", headers={"Accept-Language": "en"})
    assert first.status_code == 200 and words.encode() not in first.data
    report_operations.save_text(2023, "en", "foreword", words, factories.SYSTEM)
    db.session.commit()
    runner.drain()
    again = client.get(
        "/statistics?year=2023", headers={"Accept-Language": "en", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200 and words.encode() in again.data
    admin_operations.set_setting("organisation_name_en", name, factories.SYSTEM)
    db.session.commit()
    runner.drain()
    named = client.get(
        "/statistics?year=2023", headers={"Accept-Language": "en", "If-None-Match": again.headers["ETag"]}
    )
    assert named.status_code == 200 and name.encode() in named.data


def test_a_new_build_of_the_full_downloads_moves_the_public_version_on(shared, tmp_path):
    """The map page states the full files' size and build time: a page kept under the previous
    version (ETag, this process's memory, a proxy) is not served once a new build is ready, and no
    rebuild of the prepared data is asked for by it."""
    shared.config["DOWNLOADS_DIR"] = str(tmp_path / "downloads")
    try:
        _public()
        db.session.commit()
        runner.drain()  # the downloads' build and the prepared data's rebuild this change queued
        client = shared.test_client()
        first = client.get("/", headers={"Accept-Language": "en"})
        assert first.status_code == 200 and 'id="download-csv"' in first.get_data(as_text=True)
        before = prepared.store().state()
        with transaction():
            enqueue(downloads.REBUILD, {}, channel="system")
        assert runner.drain() == 1  # the build alone: no rebuild of the prepared data
        after = prepared.store().state()
        assert after.version == before.version and after.token != before.token
        again = client.get("/", headers={"Accept-Language": "en", "If-None-Match": first.headers["ETag"]})
        assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    finally:
        shared.config.pop("DOWNLOADS_DIR", None)


# --- the clusters of filtered maps: computed once per version and filter set, shared -----------

RARE = {"country": ["YE"], "year_from": 2021, "year_to": 2022}  # not one of the form's common choices


def _count_computes(monkeypatch) -> list:
    computed = []
    compute = clusters.Selection.compute.__func__

    def counting(cls, b, rows, live=False):
        computed.append(live)
        return compute(cls, b, rows, live)

    monkeypatch.setattr(clusters.Selection, "compute", classmethod(counting))
    return computed


NO_COMPUTE = (
    "    from tracker.maps import clusters\n"
    "    def refuse(*args, **kwargs):\n"
    "        raise AssertionError('computed in a second process')\n"
    "    clusters.Selection.compute = refuse\n"
    "    found = {}\n"
    "    for name, filters in [('common', {'country': ['LY']}), ('rare', %r)]:\n"
    "        b, sel = index.selection(filters)\n"
    "        found[name] = sorted(int(b.ids[i]) for i in sel.rows)\n"
    "    found['world'] = index.clusters(%r, (-180, -90, 180, 90), 4)['total']\n"
    "    print(json.dumps(found))\n"
)


def test_filtered_clusters_are_computed_once_and_read_by_another_process(
    shared, database, backend, monkeypatch
):
    yemen = _public(date_start="2021-03-01")
    libya = _public(country="LY", admin1=None, locality=None, latitude=None, longitude=None, geo_precision=None,
                    date_start="2022-03-01")  # fmt: skip
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    computed = _count_computes(monkeypatch)
    prepared.reset()
    b, sel = index.selection({"country": ["LY"]})  # prepared by the rebuild: read, not computed
    common = sorted(int(b.ids[i]) for i in sel.rows)
    assert libya.id in common and yemen.id not in common and computed == []
    b, sel = index.selection(RARE)  # asked for the first time: computed here, once, and stored
    rare = sorted(int(b.ids[i]) for i in sel.rows)
    assert yemen.id in rare and libya.id not in rare and computed == [False]
    seen = _other_process(database, backend[1], NO_COMPUTE % (RARE, RARE))
    assert seen == {"common": common, "rare": rare, "world": len(rare)}


def test_two_processes_asking_for_a_new_filter_set_at_once_compute_it_once(shared, monkeypatch):
    import threading

    _public(date_start="2021-03-01")
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    computed = _count_computes(monkeypatch)
    config = {k: shared.config.get(k) for k in ("REDIS_URL", "PREPARED_FOLDER", "PREPARED_KEY_PREFIX")}
    apps = [
        make_app(shared.config["SQLALCHEMY_DATABASE_URI"], PREPARED_DATA="shared", **config) for _ in range(2)
    ]
    totals, start = [], threading.Barrier(2)

    db.session.commit()  # (SQLite: this test's transaction would hold the others' reads)

    def visit(app):
        client = app.test_client()
        start.wait()
        answer = client.get("/api/public/v1/map?country=YE&year_from=2021&year_to=2022&zoom=4")
        totals.append(answer.get_json()["total"])

    threads = [threading.Thread(target=visit, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(totals) == 2 and totals[0] == totals[1] >= 1 and computed == [False]


def test_stored_filter_sets_are_bounded_and_go_with_their_version(shared, backend, monkeypatch):
    _public(date_start="1993-03-01")
    db.session.commit()
    runner.drain()
    monkeypatch.setattr(prepared, "common_filter_sets", lambda meta: [])
    monkeypatch.setattr(prepared, "SETS_PER_VERSION", 3)  # the unfiltered one and two more
    map_operations.rebuild_prepared(wait=True)
    first = prepared.current().meta["map"]
    years = (1991, 1992, 1993, 1994)
    totals = [index.clusters({"year_to": year}, WORLD, 4)["total"] for year in years]
    assert totals[0] == totals[1] == 0 and totals[2] == totals[3] >= 1
    s = prepared.store()
    names = [prepared._selection_name(first, {"year_to": y}) for y in years]
    assert [s.get(n) is not None for n in names] == [True, True, False, False]
    monkeypatch.setattr(store, "OLD_VERSION_SECONDS", 0)
    _public(date_start="1993-04-01")
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    map_operations.rebuild_prepared(wait=True)  # (the folder store drops expired parts at a switch)
    assert prepared.current().meta["map"] != first
    assert all(s.get(n) is None for n in names) and s.get(prepared._selection_name(first, {})) is None


def test_a_stored_filter_set_never_serves_a_case_that_left_the_public(shared):
    gone = _public(date_start="2021-03-01", title_en=f"Gone {secrets.token_hex(3)}")
    stays = _public(date_start="2021-05-01")
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    filters = {"year_from": 2021, "year_to": 2021}
    before = index.clusters(filters, WORLD, 4)["total"]
    assert before >= 2
    with prepared.store().rebuild_lock(wait=True):  # the stale version stays current meanwhile
        operations.transition_incident(gone, "verified", factories.SYSTEM)
        db.session.commit()
        prepared.reset()
        for zoom in (0, 4, 18):
            view = index.clusters(filters, WORLD, zoom)
            assert view["total"] == before - 1 and sum(f["count"] for f in view["features"]) == before - 1
            assert gone.title_en not in json.dumps(view)
        b, sel = index.selection(filters)
        assert gone.id not in {int(b.ids[i]) for i in sel.rows} and stays.id in {
            int(b.ids[i]) for i in sel.rows
        }


def test_a_rebuild_reading_the_database_never_holds_up_a_writer(shared, backend):
    """The rebuild only reads: on SQLite it must not take the write lock for the minutes it reads
    a large registry (a publish meanwhile would fail with "database is locked")."""
    import threading

    if not shared.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") or backend[0].get("REDIS_URL"):
        pytest.skip("the folder store on SQLite is enough")
    _public()
    db.session.commit()
    runner.drain()
    db.session.commit()  # this test's own session holds no lock either
    reading, release = threading.Event(), threading.Event()

    def progress(_fraction, step):
        if step == "map":  # the rebuild's transaction is open, its reads done so far
            reading.set()
            release.wait(60)

    def rebuild():
        with shared.app_context():
            prepared.rebuild(progress)  # (a job would find nothing to do: the drain built it)
            db.session.remove()

    thread = threading.Thread(target=rebuild)
    thread.start()
    try:
        assert reading.wait(60)
        writer = sqlite3.connect(
            shared.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"), timeout=1
        )
        writer.execute("BEGIN IMMEDIATE")  # fails after 1 s while the rebuild holds the write lock
        writer.rollback()
        writer.close()
    finally:
        release.set()
        thread.join(60)


def _computed_years(monkeypatch) -> list:
    computed = []
    real = prepared.year_part

    def counting(year):
        computed.append(year)
        return real(year)

    monkeypatch.setattr(prepared, "year_part", counting)
    return computed


def test_a_rebuild_computes_again_only_the_years_a_change_can_affect(shared, monkeypatch):
    """A year's figures read incidents of that year and earlier ones (trend, previous year, people
    held on 1 December): a change in 2023 computes 2023 and later again and keeps 2019's part; a
    change shown in every year (a journalist) computes them all; a new process computes them all."""
    _public(date_start="2019-03-01")
    _public(date_start="2023-05-01")
    _public(date_start="2024-02-01")
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    years = prepared.current().years
    parts = dict(prepared.current().meta["statistics"])
    computed = _computed_years(monkeypatch)

    _public(date_start="2023-07-01", title_en="Another in 2023")
    db.session.commit()
    runner.drain()
    map_operations.rebuild_prepared(wait=True)
    assert sorted(set(computed)) == [y for y in sorted(years) if y >= 2023]
    after = prepared.current()
    assert after.meta["statistics"]["2019"] == parts["2019"]
    assert after.meta["statistics"]["2023"] != parts["2023"]
    stats, _charts = after.year(2023, "en")
    assert stats["totals"]["incidents"] == db.session.scalar(
        sa.select(sa.func.count()).where(*operations_public_in(2023))
    )

    computed.clear()
    factories.create_journalist(name_en="Someone New", name_ar="شخص جديد")
    db.session.commit()
    map_operations.rebuild_prepared(wait=True)
    assert sorted(computed) == sorted(years)

    computed.clear()
    prepared.reset()  # as a new process: its first build computes every year
    map_operations.rebuild_prepared(wait=True)
    assert sorted(computed) == sorted(years)


def operations_public_in(year: int) -> list:
    from datetime import date

    from tracker.cases.models import Incident
    from tracker.public import redaction

    return [*redaction.public_incident_conditions(),
            Incident.date_start.between(date(year, 1, 1), date(year, 12, 31))]  # fmt: skip
