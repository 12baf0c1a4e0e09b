"""gunicorn settings for Netra's web nodes (`gunicorn -c deploy/gunicorn.conf.py
netra.wsgi`). Every value can be overridden from the environment; docs/deployment.md has
the timeouts chain these numbers belong to."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# nginx talks to gunicorn over a unix socket on the same machine (no TCP ports to run out
# of under load); GUNICORN_BIND=127.0.0.1:8001 or 0.0.0.0:8001 behind a remote balancer.
bind = [os.environ.get("GUNICORN_BIND", f"unix:{ROOT}/var/prod-local/run/gunicorn.sock")]
# The socket itself is open to all (umask 0, gunicorn's default, and it chowns the socket
# to its own user); its directory decides who reaches it: deploy/prod-local.sh lets only
# root and nginx's group in.
umask = 0
# Requests waiting for a free worker queue in the socket's backlog; beyond it nginx gets
# EAGAIN and answers 502. A deadline burst (thousands submitting at once) needs a backlog
# as large as the burst, and the kernel's net.core.somaxconn at least as large.
backlog = int(os.environ.get("GUNICORN_BACKLOG", 2048))

# Sync workers: one request per process. nginx buffers slow clients, so a worker is only
# busy while Django works, and the arbiter kills a worker that has not come back within
# `timeout`, which bounds every request, including one stuck on a paused PostgreSQL
# (a threaded worker keeps reporting alive while its request hangs).
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On stop or reload, requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Recycle workers now and then (memory held by a large export, a leak in a dependency);
# the jitter keeps them from restarting all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
# The heartbeat file lives in memory, not on a disk that may stall under load (gunicorn
# creates it with mkstemp, so a shared directory is safe).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
proc_name = "netra-web"

# Django is loaded once, in the master, and warmed (`when_ready`) before workers fork: a
# worker replacing a killed or recycled one answers its first request at once, and the
# workers share the loaded code's memory. New code is loaded by starting a new master:
# USR2, then TERM to the old one once the new workers run (`prod-local.sh restart-web`).
preload_app = True


def when_ready(server):
    """Import the URLconf (every view module) and the translation catalogues in the
    master, which Django otherwise does on each worker's first request; then close what
    that opened, so no worker inherits a connection another also uses."""
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - the import is the point
    for code, _name in settings.LANGUAGES:
        translation.activate(code)
    translation.deactivate()
    connections.close_all()


# Requests as nginx passed them: the client address comes from X-Real-IP (the socket has
# none), %(M)s is the time Django took in milliseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%({x-real-ip}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Managed with signals (deploy/prod-local.sh, systemd): no control socket in $HOME, shared
# by every gunicorn of the user.
control_socket_disable = True
