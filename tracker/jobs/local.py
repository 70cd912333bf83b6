"""The ``local`` runner (no Redis): jobs run in a process of their own, started by the web process.

A rebuild of the public data after a publish takes minutes of CPU at a million incidents; run in
a thread of a web process it would hold that process's interpreter (the GIL) against its
visitors. So each web process starts job processes (``python -m tracker.jobs.local``) and
restarts any that dies. The job processes of one machine and database share ``JOBS_LOCAL_PROCESSES``
lock files (slots): a job process that holds one runs jobs, one at a time (``JOBS_LOCAL_THREADS``),
the others wait for a slot to take over. Two slots by default, so that a publish's rebuild need
not wait for an import, each in a process (an interpreter) of its own. A job process:

- ends with the web process that started it (``PR_SET_PDEATHSIG`` on Linux, and a watch on its
  parent everywhere): it never runs on unseen after a restart; the job it was running was never
  committed and is marked interrupted by the next job process (``runner.recover_abandoned``);
- runs at a lower priority (``JOBS_LOCAL_NICE``), so visitors come first when the cores are busy;
- is woken through a datagram socket next to its slot's lock when a job is queued, by any process
  (a web process, a command); otherwise it looks every ``JOBS_LOCAL_POLL_SECONDS``.

``JOBS_LOCAL_PROCESS = False`` keeps the jobs in threads of the web process (``runner.LocalRunner``),
e.g. for a test that patches the job's code in the test process.
"""

import contextlib
import ctypes
import fcntl
import hashlib
import importlib
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from flask import Flask

log = logging.getLogger(__name__)
RESTART_SECONDS = 5.0  # a job process that died is started again after this pause
PR_SET_PDEATHSIG = 1
MAX_SOCKET_PATH = 100  # a UNIX socket's path is at most 107 bytes; past that, polling only
SLOT_WAIT_SECONDS = 1.0  # how often a waiting job process tries the slots again


def start(app: Flask):
    """This process's local runner (started on its first call in a process): a ``LocalProcess``,
    or threads of this process when ``JOBS_LOCAL_PROCESS`` is off."""
    from tracker.jobs.runner import LocalRunner  # noqa: PLC0415  (runner hands jobs to this module)

    kept = app.extensions.get("jobs.local")
    if kept is None or kept.pid != os.getpid():  # none yet, or one of the parent before a fork
        kept = LocalProcess(app) if app.config["JOBS_LOCAL_PROCESS"] else LocalRunner(app)
        app.extensions["jobs.local"] = kept
        kept.start()
    return kept


def slots(app: Flask) -> list[tuple[Path, Path]]:
    """The lock and the wake-up socket of each slot of this machine and database."""
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    name = "local-" + hashlib.sha256(database.encode()).hexdigest()[:16]
    folder = Path(app.instance_path) / "jobs"
    count = max(1, int(app.config["JOBS_LOCAL_PROCESSES"]))
    return [(folder / f"{name}.{slot}.lock", folder / f"{name}.{slot}.sock") for slot in range(count)]


def wake(app: Flask) -> None:
    """Tell the job processes that jobs are waiting (a lost wake-up only delays them to their next
    look; the one that claims a job first runs it)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
        sender.setblocking(False)
        for _lock, address in slots(app):
            if len(str(address)) <= MAX_SOCKET_PATH:
                with contextlib.suppress(OSError):  # no job process in this slot, or its queue is full
                    sender.sendto(b"!", str(address))


def _shareable_config(app: Flask) -> dict:
    """The web process's settings, for the job process's app (so that it is the same app, also
    when it was made from a dict rather than the environment)."""
    config = {}
    for key, value in app.config.items():
        try:
            pickle.dumps(value)
        except Exception:  # an object only this process can hold: the job process makes its own
            continue
        config[key] = value
    return config


class LocalProcess:
    """The job processes of this web process (one per slot), each started again if it dies,
    stopped with ``stop``."""

    def __init__(self, app: Flask):
        self.app, self.pid = app, os.getpid()
        count = len(slots(app))
        self.children: list[subprocess.Popen | None] = [None] * count
        self.stopping = threading.Event()
        self.started = threading.Barrier(count + 1)
        # Each process is started from a thread that lives as long as this process: Linux signals
        # the child when the thread that started it ends (PR_SET_PDEATHSIG).
        self.threads = [
            threading.Thread(target=self._supervise, args=(number,), name=f"jobs-local-{number}", daemon=True)
            for number in range(count)
        ]

    @property
    def child_pids(self) -> list[int]:
        return [child.pid for child in self.children if child is not None]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()
        with contextlib.suppress(threading.BrokenBarrierError):
            self.started.wait(30)

    def wake(self) -> None:
        wake(self.app)

    def stop(self, timeout: float = 30.0) -> None:
        """End the job processes (tests; a web process that exits takes them with it anyway)."""
        self.stopping.set()
        for child in self.children:
            if child is not None and child.poll() is None:
                child.terminate()
        for child in self.children:
            if child is None:
                continue
            try:
                child.wait(timeout)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout)
        for thread in self.threads:
            thread.join(timeout)

    def _supervise(self, number: int) -> None:
        places = slots(self.app)
        places[0][0].parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = {
            "parent": os.getpid(),
            "config": _shareable_config(self.app),
            "slots": [(str(lock), str(address) if len(str(address)) <= MAX_SOCKET_PATH else None)
                      for lock, address in places],
        }  # fmt: skip
        root = str(Path(__file__).resolve().parents[2])  # where `tracker` (and the app's modules) are
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        }
        first = True
        while not self.stopping.is_set():
            child = None
            try:
                child = subprocess.Popen(
                    [sys.executable, "-m", "tracker.jobs.local"], stdin=subprocess.PIPE, env=env, cwd=root
                )
                self.children[number] = child
                child.stdin.write(pickle.dumps(payload))
                child.stdin.close()
            except OSError:
                log.exception("jobs: a job process could not be started; trying again")
            if first:
                first = False
                with contextlib.suppress(threading.BrokenBarrierError):
                    self.started.wait(30)
            if child is not None:
                code = child.wait()
                if not self.stopping.is_set():
                    log.warning("jobs: job process %s ended (%s); starting another", child.pid, code)
            self.stopping.wait(RESTART_SECONDS)


# --- the job process ------------------------------------------------------------------------------


def _end_with(parent: int) -> None:
    """Die when ``parent`` does: at once through the kernel on Linux, within a second elsewhere."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)  # nothing of a running job was committed; the next job process recovers it

    if os.getppid() != parent:
        os._exit(0)
    threading.Thread(target=watch, name="jobs-parent-watch", daemon=True).start()


def main() -> None:
    payload = pickle.load(sys.stdin.buffer)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal stops the web process; it ends us
    _end_with(payload["parent"])
    while True:  # every slot taken by other job processes: wait to take over one
        for lock_path, address in payload["slots"]:
            with open(lock_path, "a") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue
                _run(payload, address)  # held until this process ends
                return
        time.sleep(SLOT_WAIT_SECONDS)


def _run(payload: dict, address: str | None) -> None:
    config = payload["config"]
    with contextlib.suppress(OSError):
        os.nice(int(config["JOBS_LOCAL_NICE"]))
    from tracker import create_app  # noqa: PLC0415  (after the lock: a waiting process stays small)
    from tracker.jobs.runner import LocalRunner  # noqa: PLC0415

    app = create_app(config)
    for module in app.config.get("JOBS_MODULES") or ():
        importlib.import_module(module)  # job kinds of the organisation's own (tests' kinds)
    runner = LocalRunner(app)
    listener = None
    if address:
        Path(address).unlink(missing_ok=True)  # left by a job process that died; the slot is ours now
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.bind(address)
    log.info("jobs: process %s runs local jobs", os.getpid())
    runner.start()  # a job it runs that queues another (an import: the downloads) wakes every slot
    try:
        while True:
            if listener is None:
                time.sleep(3600)
                continue
            listener.recv(64)
            runner.wake()
    finally:
        if listener is not None:
            listener.close()
            Path(address).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
