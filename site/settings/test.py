"""Fast, hermetic settings for pytest (bakerydemo-style)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"},
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-renditions",
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / ".test-media"))  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# One process, so the local-memory cache is shared by every request the tests make.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # Tests never need a commit to survive a crash: skip waiting for the WAL flush (the
    # migrations and the transactional tests commit thousands of times).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
