"""Production: every secret and host comes from the environment, with no default.

Run `DJANGO_SETTINGS_MODULE=netra.settings.production python manage.py check --deploy`
with the variables from the README set: it must report nothing.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CACHES = {
    "default": env.cache("CACHE_URL"),
    "renditions": env.cache("RENDITIONS_CACHE_URL", default=env.str("CACHE_URL")),
}

STORAGES = {
    "default": {"BACKEND": "netra.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

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
