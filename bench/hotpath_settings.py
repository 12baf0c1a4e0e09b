"""Settings of bench/hotpath.py's gunicorn: production's choices, written out here so the
bench does not follow (or break on) edits to `netra/settings/production.py`.

DEBUG off, PostgreSQL with persistent connections, Redis for the cache and so for the
sessions (`cached_db`), manifest static files, and the site behind a TLS-terminating
proxy (`X-Forwarded-Proto: https`, secure cookies, CSRF's Referer check). The only
addition is `hotpath_urls`, the project's URLconf plus the bench's bare peer view. Every
value comes from the environment bench/hotpath.py sets.
"""

from netra.settings.base import *  # noqa: F403
from netra.settings.base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Django's RedisCache keeping its clients, as production.py has it.
CACHES = {
    alias: {**env.cache("CACHE_URL"), "BACKEND": "netra.cache.RedisCache"}
    for alias in ("default", "renditions")
}
STORAGES = {
    "default": {"BACKEND": "netra.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ROOT_URLCONF = "hotpath_urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
