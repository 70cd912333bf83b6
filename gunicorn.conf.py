"""gunicorn settings (read from the repository root by ``gunicorn app:app``); every value can be
changed from the environment.

Threaded workers (``gthread``): a keep-alive visitor holds a thread, not a whole worker, so
visitors are not queued behind each other's idle connections; the public side's work per request
is small (prepared data, ``tracker.maps.prepared``), so a few threads per process keep the
cores busy without long waits on the GIL.
"""

import multiprocessing
import os

bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS") or os.environ.get("WEB_THREADS") or "4")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a worker silent this long is restarted
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))  # seconds an idle connection stays open
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))  # 0: workers are never recycled
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# Several servers on one machine would share one control socket path: none is opened.
control_socket_disable = True


def post_worker_init(worker):
    """Make the first answers once before the first visitor (``tracker.public.warmup``: the map
    page, its script and data), then load each new version of the prepared public data and the
    map's unfiltered index as soon as it is switched in (a background thread), so a worker
    answers map requests from memory. (Nothing is built here when nothing was ever prepared:
    ``flask public prepare`` does that, or the first request.)"""
    from tracker.maps import index  # noqa: PLC0415  (this file is read before the app)
    from tracker.public import warmup  # noqa: PLC0415

    warmup.first_answers(worker.wsgi)
    index.keep_loaded(worker.wsgi)
