"""Where evidence bytes live, behind one small interface: a local folder (default:
instance/evidence) or an S3-compatible bucket. Keys are content addresses:

    originals/ab/abcdef...   the file as uploaded, written once, never changed (read-only)
    public/ab/...            cleaned public copies
    thumbs/ab/...            thumbnails

Writing a key that exists does nothing: the same content has the same key.
"""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import boto3
from flask import current_app


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes | None: ...  # None when missing
    def exists(self, key: str) -> bool: ...
    def keys(self, prefix: str) -> Iterator[str]: ...  # every stored key under ``prefix``


def original_key(sha256: str) -> str:
    return f"originals/{sha256[:2]}/{sha256}"


def public_key(sha256: str) -> str:
    return f"public/{sha256[:2]}/{sha256}"


def thumb_key(sha256: str) -> str:
    return f"thumbs/{sha256[:2]}/{sha256}"


class LocalStorage:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"bad storage key {key!r}")
        return path

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(temporary, 0o444)  # read-only: the original is never modified
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, key: str) -> bool:
        return self._path(key).exists()

    def keys(self, prefix: str) -> Iterator[str]:
        base = self._path(prefix.rstrip("/"))
        if base.exists():
            for path in sorted(base.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    yield path.relative_to(self.root.resolve()).as_posix()


class S3Storage:
    """An S3-compatible bucket (AWS, MinIO, Ceph...); credentials from the usual AWS_* variables."""

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def put(self, key: str, data: bytes) -> None:
        if self.exists(key):
            return
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + key, Body=data)

    def get(self, key: str) -> bytes | None:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"].read()
        except self.client.exceptions.NoSuchKey:
            return None

    def keys(self, prefix: str) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix + prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                yield item["Key"][len(self.prefix) :]

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.prefix + key)
        except self.client.exceptions.ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True


def storage() -> Storage:
    """The configured store (created once per application)."""
    found = current_app.extensions.get("evidence_storage")
    if found is None:
        found = current_app.extensions["evidence_storage"] = _make(current_app.config)
    return found


def _make(config) -> Storage:
    if config.get("EVIDENCE_STORAGE") == "s3":
        client = boto3.client(
            "s3",
            endpoint_url=config.get("EVIDENCE_S3_ENDPOINT_URL"),
            region_name=config.get("EVIDENCE_S3_REGION"),
        )
        if not config.get("EVIDENCE_S3_BUCKET"):
            raise RuntimeError("EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET")
        return S3Storage(client, config["EVIDENCE_S3_BUCKET"], config.get("EVIDENCE_S3_PREFIX") or "")
    return LocalStorage(config.get("EVIDENCE_DIR") or Path(current_app.instance_path) / "evidence")
