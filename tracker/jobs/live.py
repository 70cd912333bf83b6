"""Live progress and cancel requests of running jobs, outside the database.

A job's work is one transaction that may hold the database's write lock for minutes (SQLite),
so its progress cannot be written there meanwhile; it goes to Redis when REDIS_URL is set (every
machine sees it) or to small files in ``instance/jobs`` (every process of this machine sees it).
Entries are named by the job's random key and carry the time they were written (the heartbeat).
"""

import json
import os
import tempfile
import time
from pathlib import Path

import redis
from flask import Flask

TTL_SECONDS = 7 * 24 * 3600


class FileLive:
    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str, suffix: str) -> Path:
        if not key.isalnum():
            raise ValueError("bad job key")
        return self.folder / f"{key}.{suffix}"

    def put(self, key: str, data: dict) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".live-")
        with os.fdopen(handle, "w") as file:
            json.dump({**data, "at": time.time()}, file)
        os.replace(temporary, self._path(key, "json"))

    def get(self, key: str) -> dict | None:
        try:
            return json.loads(self._path(key, "json").read_text())
        except (FileNotFoundError, ValueError):
            return None

    def cancel(self, key: str) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._path(key, "cancel").touch()

    def cancelled(self, key: str) -> bool:
        return self._path(key, "cancel").exists()

    def forget(self, key: str) -> None:
        for suffix in ("json", "cancel"):
            self._path(key, suffix).unlink(missing_ok=True)


class RedisLive:
    PREFIX = "tracker:job:"

    def __init__(self, url: str):
        self.redis = redis.Redis.from_url(url)

    def put(self, key: str, data: dict) -> None:
        self.redis.set(self.PREFIX + key, json.dumps({**data, "at": time.time()}), ex=TTL_SECONDS)

    def get(self, key: str) -> dict | None:
        raw = self.redis.get(self.PREFIX + key)
        return json.loads(raw) if raw else None

    def cancel(self, key: str) -> None:
        self.redis.set(self.PREFIX + key + ":cancel", "1", ex=TTL_SECONDS)

    def cancelled(self, key: str) -> bool:
        return bool(self.redis.exists(self.PREFIX + key + ":cancel"))

    def forget(self, key: str) -> None:
        self.redis.delete(self.PREFIX + key, self.PREFIX + key + ":cancel")


def store(app: Flask) -> FileLive | RedisLive:
    live = app.extensions.get("jobs.live")
    if live is None:
        url = app.config.get("REDIS_URL")
        live = RedisLive(url) if url else FileLive(Path(app.instance_path) / "jobs")
        app.extensions["jobs.live"] = live
    return live
