"""Where the prepared public data lives, shared by every web process: Redis when ``REDIS_URL`` is
set, else files in ``instance/prepared/``.

A store holds
- *parts* of the prepared data (opaque bytes under a name never reused) and a *pointer* to the
  current version (a small part listing the parts it is made of): a rebuild writes every part of
  its version first, then switches the pointer (one atomic step), so a reader sees the old
  version or the new one, never half of one;
- a *sequence* number, raised by every change of public data, and the *withdrawn* set: incidents
  changed or removed since the current version was read from the database, with the sequence
  number of their change. Readers leave them out of what they serve until a version read after
  that change replaces the current one (``publish(..., read_at=seq)`` drops the entries it covers). Parts no version uses any more are
deleted after ``OLD_VERSION_SECONDS`` (a process may still be loading them);
- parts added to a *group* after the fact (``add``: the clusters of a filter set, computed once when
  first asked for, group = the version's map part): at most ``limit`` per group, each computed
  under its own ``lock`` so two processes never both compute it, dropped with the group's part.

``state()`` is what every request asks: one Redis round trip, or one ``stat`` of a file.
"""

import fcntl
import json
import os
import time
import zlib
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import redis

from tracker.core.files import atomic_write

OLD_VERSION_SECONDS = 600  # a process may still be reading the previous version: kept this long
LOCK_SECONDS = 1800  # a rebuild that died holding the Redis lock frees it after this
PART_LOCK_SECONDS = 300  # a process that died computing a part frees its Redis lock after this
PART_LOCK_STRIPES = 64  # lock files of the folder store (parts share them: a bounded number of files)


@dataclass(frozen=True)
class State:
    version: str | None  # the current prepared version (None: never built)
    seq: int  # raised by every change of public data
    changed_at: float  # when public data last changed or a version was switched (epoch seconds)
    # read together with the pointer: a version is never paired with a withdrawn set already
    # pruned for a newer one
    withdrawn: frozenset = frozenset()
    epoch: int = 0  # raised when a public file the pages describe was rebuilt (``touch``)

    @property
    def token(self) -> str:
        """Changes whenever anything served from the prepared data may have changed."""
        return f"{self.version}.{self.seq}.{self.epoch}"


class RedisStore:
    # KEYS: seq, withdrawn, changed; ARGV: now, ids... -> the new sequence number (one atomic step)
    _WITHDRAW = """
        local seq = redis.call('INCR', KEYS[1])
        for i = 2, #ARGV do redis.call('ZADD', KEYS[2], seq, ARGV[i]) end
        redis.call('SET', KEYS[3], ARGV[1])
        return seq"""

    # KEYS: group set, part; ARGV: blob, limit -> 1 when stored (a group on its way out: the part too)
    _ADD = """
        if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('SET', KEYS[2], ARGV[1])
        redis.call('SADD', KEYS[1], KEYS[2])
        local ttl = redis.call('TTL', KEYS[1])
        if ttl > 0 then redis.call('EXPIRE', KEYS[2], ttl) end
        return 1"""
    # KEYS: group sets; ARGV: seconds -> each group's parts and the set itself expire
    _EXPIRE_GROUPS = """
        for i = 1, #KEYS do
            for _, key in ipairs(redis.call('SMEMBERS', KEYS[i])) do redis.call('EXPIRE', key, ARGV[1]) end
            redis.call('EXPIRE', KEYS[i], ARGV[1])
        end"""

    def __init__(self, url: str, prefix: str):
        self.redis = redis.Redis.from_url(url)
        self.prefix = prefix
        self._withdraw = self.redis.register_script(self._WITHDRAW)
        self._add = self.redis.register_script(self._ADD)
        self._expire_groups = self.redis.register_script(self._EXPIRE_GROUPS)

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def state(self) -> State:
        with self.redis.pipeline(transaction=True) as pipe:  # one round trip, one atomic read
            pipe.mget(self._key("current"), self._key("seq"), self._key("changed"), self._key("epoch"))
            pipe.zrange(self._key("withdrawn"), 0, -1)
            (version, seq, changed, epoch), withdrawn = pipe.execute()
        return State(version.decode() if version else None, int(seq or 0), float(changed or 0),
                     frozenset(int(i) for i in withdrawn), int(epoch or 0))  # fmt: skip

    def get(self, name: str) -> bytes | None:
        return self.redis.get(self._key(f"part:{name}"))

    def put(self, name: str, blob: bytes) -> None:
        self.redis.set(self._key(f"part:{name}"), blob)

    def publish(self, version: str, read_at: int, unused=()) -> None:
        """Make ``version`` current (its parts are written); ``unused``: parts of the previous
        version this one does not use."""
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self._key("current"), version)
            pipe.zremrangebyscore(self._key("withdrawn"), "-inf", read_at)
            pipe.set(self._key("changed"), time.time())
            for name in unused:
                pipe.expire(self._key(f"part:{name}"), OLD_VERSION_SECONDS)
            pipe.execute()
        if unused:
            self._expire_groups(
                keys=[self._key(f"group:{name}") for name in unused], args=[OLD_VERSION_SECONDS]
            )

    def add(self, group: str, name: str, blob: bytes, limit: int) -> bool:
        """Store part ``name`` in ``group`` unless the group holds ``limit`` parts already."""
        keys = [self._key(f"group:{group}"), self._key(f"part:{name}")]
        return bool(self._add(keys=keys, args=[blob, limit]))

    @contextmanager
    def lock(self, name: str):
        """Held while part ``name`` is computed (waits for another process computing it)."""
        lock = self.redis.lock(self._key(f"lock:{name}"), timeout=PART_LOCK_SECONDS,
                               blocking_timeout=PART_LOCK_SECONDS)  # fmt: skip
        acquired = lock.acquire()
        try:
            yield acquired
        finally:
            if acquired:
                with suppress(redis.exceptions.LockError):  # held past its timeout: already free
                    lock.release()

    def change(self, ids=()) -> int:
        keys = [self._key("seq"), self._key("withdrawn"), self._key("changed")]
        return int(self._withdraw(keys=keys, args=[time.time(), *[int(i) for i in ids]]))

    def withdrawn(self) -> dict[int, int]:
        return {int(m): int(s) for m, s in self.redis.zrange(self._key("withdrawn"), 0, -1, withscores=True)}

    def touch(self) -> None:
        """Move the token on without a change of public data (no rebuild is due)."""
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(self._key("epoch"))
            pipe.set(self._key("changed"), time.time())
            pipe.execute()

    @contextmanager
    def rebuild_lock(self, wait: bool):
        lock = self.redis.lock(self._key("lock"), timeout=LOCK_SECONDS, blocking=wait)
        acquired = lock.acquire()
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()

    def clear(self) -> None:
        for key in self.redis.scan_iter(f"{self.prefix}:*"):
            self.redis.delete(key)


class FileStore:
    """``state.json`` (pointer, sequence, withdrawn set) replaced whole by ``os.replace`` under a
    lock file; parts in ``part-<name>.bin``. Readers re-read the state only when its file
    changed (``stat``)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._state_file = self.folder / "state.json"
        self._seen: tuple | None = None
        self._cached: dict = {}

    def _read_state(self) -> dict:
        try:
            st = os.stat(self._state_file)
        except FileNotFoundError:
            return {}
        mark = (st.st_ino, st.st_mtime_ns, st.st_size)
        if mark != self._seen:
            self._cached = json.loads(self._state_file.read_text(encoding="utf-8"))
            self._seen = mark
        return self._cached

    @contextmanager
    def _locked(self, name: str = "state.lock", wait: bool = True):
        with open(self.folder / name, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_atomic(self, path: Path, data: bytes) -> None:
        atomic_write(path, data)

    def _update(self, change) -> dict:
        with self._locked():
            self._seen = None
            state = self._read_state()
            state = change(dict(state))
            self._write_atomic(self._state_file, json.dumps(state).encode())
            return state

    def state(self) -> State:
        state = self._read_state()
        return State(state.get("version"), int(state.get("seq", 0)), float(state.get("changed", 0)),
                     frozenset(int(i) for i in state.get("withdrawn", {})), int(state.get("epoch", 0)))  # fmt: skip

    def _part(self, name: str) -> Path:
        return self.folder / f"part-{name}.bin"

    def get(self, name: str) -> bytes | None:
        try:
            return self._part(name).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, name: str, blob: bytes) -> None:
        self._write_atomic(self._part(name), blob)

    def _members(self, group: str) -> list[Path]:
        return list(self.folder.glob(f"part-{group}~*.bin"))

    def publish(self, version: str, read_at: int, unused=()) -> None:
        def switch(state):
            state["version"], state["changed"] = version, time.time()
            state["withdrawn"] = {k: s for k, s in state.get("withdrawn", {}).items() if s > read_at}
            expiring = state.setdefault("expiring", {})
            for name in unused:
                expiring[name] = time.time() + OLD_VERSION_SECONDS
            for name, when in list(expiring.items()):
                if when < time.time():
                    self._part(name).unlink(missing_ok=True)
                    del expiring[name]
            # a group's parts go with its part (also those added after it began to expire)
            for path in self.folder.glob("part-*~*.bin"):
                group = path.name[len("part-") :].split("~", 1)[0]
                if group in expiring or not self._part(group).exists():
                    path.unlink(missing_ok=True)
            return state

        self._update(switch)

    def add(self, group: str, name: str, blob: bytes, limit: int) -> bool:
        """Store part ``name`` (named ``<group>~...``) unless ``group`` holds ``limit`` parts already."""
        with self._locked("groups.lock"):
            if len(self._members(group)) >= limit:
                return False
            self._write_atomic(self._part(name), blob)
            return True

    @contextmanager
    def lock(self, name: str):
        """Held while part ``name`` is computed (waits for another process computing it)."""
        stripe = zlib.crc32(name.encode()) % PART_LOCK_STRIPES
        with self._locked(f"part-{stripe}.lock") as acquired:
            yield acquired

    def change(self, ids=()) -> int:
        def bump(state):
            state["seq"] = int(state.get("seq", 0)) + 1
            state["changed"] = time.time()
            withdrawn = state.setdefault("withdrawn", {})
            for i in ids:
                withdrawn[str(int(i))] = state["seq"]
            return state

        return self._update(bump)["seq"]

    def withdrawn(self) -> dict[int, int]:
        return {int(k): int(s) for k, s in self._read_state().get("withdrawn", {}).items()}

    def touch(self) -> None:
        """Move the token on without a change of public data (no rebuild is due)."""

        def bump(state):
            state["epoch"], state["changed"] = int(state.get("epoch", 0)) + 1, time.time()
            return state

        self._update(bump)

    @contextmanager
    def rebuild_lock(self, wait: bool):
        with self._locked("rebuild.lock", wait) as acquired:
            yield acquired

    def clear(self) -> None:
        for path in self.folder.iterdir():
            if path.is_file():
                path.unlink(missing_ok=True)
        self._seen, self._cached = None, {}


def from_config(config) -> RedisStore | FileStore:
    if config.get("REDIS_URL"):
        return RedisStore(config["REDIS_URL"], config.get("PREPARED_KEY_PREFIX") or "tracker:prepared")
    return FileStore(Path(config.get("PREPARED_FOLDER") or Path(config["INSTANCE_PATH"]) / "prepared"))
