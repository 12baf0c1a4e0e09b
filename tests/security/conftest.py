"""Fixtures for the security suite: the world of records (world.py) and the settings
production really runs with."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .world import build_world

ROOT = Path(__file__).resolve().parents[2]

# What a deployment sets (the README's table); the values only need to be well formed.
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "production-grade-secret-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "netra.example.go.id",
    "DATABASE_URL": "postgres://netra@db.internal:5432/netra",
    "CACHE_URL": "rediscache://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.go.id:587",
    "WAGTAILADMIN_BASE_URL": "https://netra.example.go.id",
    "NETRA_SEAL_PKCS12": "/etc/netra/seal.p12",
    "NETRA_SEAL_PASSWORD": "seal-passphrase",
}
# The settings the security tests take from production.py rather than from test.py.
PRODUCTION_SETTINGS = [
    "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
    "RATELIMIT_IP_META_KEY",
    "ACCOUNT_RATE_LIMITS",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_PROXY_SSL_HEADER",
]


@pytest.fixture(scope="session")
def production_settings() -> dict:
    """Those settings as `netra.settings.production` computes them, read in a separate
    process (the module reads its environment once, at import). A setting production
    leaves unset is missing from the dict."""
    names = json.dumps(PRODUCTION_SETTINGS)
    code = (
        "import json; import netra.settings.production as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names} if hasattr(s, n)}}))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION_ENV,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    if "SECURE_PROXY_SSL_HEADER" in values:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def world(city, learner, home, course_index, django_capture_on_commit_callbacks):
    return build_world(
        city=city,
        owner=learner,
        home=home,
        course_index=course_index,
        capture=django_capture_on_commit_callbacks,
    )
