"""Production: every secret and host comes from the environment, with no default.

Run `DJANGO_SETTINGS_MODULE=netra.settings.production python manage.py check --deploy`
with the variables from the README set: it must report nothing. docs/deployment.md
describes the topology these settings expect (nginx → gunicorn → PostgreSQL and Redis, task
workers beside) and every variable read here; `deploy/prod-local.sh` runs it on one machine.
"""

import os
from urllib.parse import urlparse

import environ
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- PostgreSQL, and the timeouts chain -------------------------------------------------
# No request waits on the database longer than gunicorn's worker timeout (30 s in
# deploy/gunicorn.conf.py), which nginx's proxy_read_timeout (35 s) outlasts:
# - connecting gives up after DATABASE_CONNECT_TIMEOUT (libpq's connect_timeout);
# - the server cancels a statement after DATABASE_STATEMENT_TIMEOUT and a lock wait after
#   DATABASE_LOCK_TIMEOUT, and ends a session left idle inside a transaction (a process
#   killed mid-request) after DATABASE_IDLE_IN_TRANSACTION_TIMEOUT;
# - a server that stops answering altogether (paused, or the network gone) cancels
#   nothing: gunicorn's timeout kills that worker and nginx answers 502.
# The task workers and long commands (migrate, roster imports, campaign rebuilds) run
# with DATABASE_STATEMENT_TIMEOUT=0 and DATABASE_LOCK_TIMEOUT=0: their work is meant to be
# long, and nobody is waiting on a page for it.
_DB_TIMEOUTS = {
    "statement_timeout": env.int("DATABASE_STATEMENT_TIMEOUT", default=15),
    "lock_timeout": env.int("DATABASE_LOCK_TIMEOUT", default=10),
    "idle_in_transaction_session_timeout": env.int(
        "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", default=60
    ),
}


def _database(url_variable: str) -> dict:
    database = env.db(url_variable)
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # A connection kept from before a PostgreSQL restart is tested before reuse.
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
        # Names the process in pg_stat_activity (netra-web, netra-worker…).
        options.setdefault(
            "application_name", env.str("DATABASE_APPLICATION_NAME", default="netra")
        )
        server = " ".join(f"-c {name}={seconds}s" for name, seconds in _DB_TIMEOUTS.items())
        options["options"] = f"{options.get('options', '')} {server}".strip()
    return database


DATABASES = {"default": _database("DATABASE_URL")}
if env.str("DATABASE_REPLICA_URL", default=""):
    # A streaming replica for the dashboard's rollup reads (netra/db_routers.py). Tests
    # point the alias at the test database itself.
    DATABASES["replica"] = {**_database("DATABASE_REPLICA_URL"), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["netra.db_routers.DashboardReplicaRouter"]

# --- Redis: sessions, rate limits, MFA replay protection, navigation -------------------
# Django's own RedisCache, keeping one client per pool (netra/cache.py). A Redis that stops
# answering fails the cache call after a second instead of holding the request (and the
# gunicorn worker) indefinitely.
REDIS_CACHE = "netra.cache.RedisCache"
# The name django-environ knows, so that it reads a URL's options the way Django's takes them.
_DJANGO_REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
_REDIS_SCHEMES = {"redis", "rediss", "rediscache"}


def _cache(url: str) -> dict:
    redis = urlparse(url).scheme in _REDIS_SCHEMES
    cache = environ.Env.cache_url_config(url, backend=_DJANGO_REDIS_CACHE if redis else None)
    if redis:
        cache["BACKEND"] = REDIS_CACHE
        options = cache.setdefault("OPTIONS", {})
        options.setdefault(
            "socket_connect_timeout", env.float("CACHE_CONNECT_TIMEOUT", default=1.0)
        )
        options.setdefault("socket_timeout", env.float("CACHE_SOCKET_TIMEOUT", default=1.0))
    return cache


CACHES = {
    "default": _cache(env.str("CACHE_URL")),
    "renditions": _cache(env.str("RENDITIONS_CACHE_URL", default=env.str("CACHE_URL"))),
}
# Sessions stay `cached_db` (base.py) rather than `cache`: every page reads the session
# from Redis, and only a change (sign-in, sign-out, re-authentication) also writes the
# database. In exchange Redis holds nothing that cannot be lost: restarting or flushing it
# signs nobody out, so it needs no persistence. django-ratelimit (RATELIMIT_USE_CACHE) and
# allauth (its rate limits, and the TOTP codes already used, which `cache.add` records for
# one period) count in the same default cache, so every web node shares them.

# --- The client's address ----------------------------------------------------------------
# nginx overwrites this header with the address that connected to it, and overwrites
# X-Forwarded-For the same way, so what a client sends in either is dropped. Rate limits
# (django-ratelimit and allauth) count per this address; nothing reads X-Forwarded-For.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="X-Real-IP")
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = CLIENT_IP_HEADER
RATELIMIT_IP_META_KEY = "HTTP_" + CLIENT_IP_HEADER.upper().replace("-", "_")

# --- Files --------------------------------------------------------------------------------
# A CDN can front the static files: STATIC_URL=https://cdn.example.go.id/static/, with
# nginx's /static/ (collected here) as its origin.
STATIC_URL = env.str("STATIC_URL", default="/static/")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="filesystem")
if STORAGE_BACKEND == "s3":
    # Uploads and generated PDFs in an S3-compatible bucket that blocks public access:
    # objects take the bucket's (private) ACL, every URL handed out is presigned and
    # short-lived, and pacts and certificates still reach people through Django's views.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # Without keys, boto3 looks further (instance role, ~/.aws).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=300),
            # Same names as on disk: a second file with a taken name gets a new one.
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND != "filesystem":
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'filesystem' or 's3'.")

# --- HTTPS (nginx terminates TLS and says so in X-Forwarded-Proto) ------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True


def _required(name: str) -> str:
    # base.py gives the seal a development default; production must name its real key.
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


NETRA_SEAL_PKCS12 = _required("NETRA_SEAL_PKCS12")
NETRA_SEAL_PASSWORD = _required("NETRA_SEAL_PASSWORD")

EMAIL_CONFIG = env.email("EMAIL_URL")
vars().update(EMAIL_CONFIG)
