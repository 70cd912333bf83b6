"""gunicorn settings, from the environment only (PORT, WEB_CONCURRENCY, WEB_THREADS)."""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"  # a slow client holds one thread, not a whole worker
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
# Several servers on one machine would share one control socket path: none is opened.
control_socket_disable = True
