import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "netra.settings.production",
    "SECRET_KEY": "x" * 20 + "production-grade-secret-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "netra.example.go.id",
    "DATABASE_URL": "postgres://netra@db.internal:5432/netra",
    "CACHE_URL": "rediscache://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.go.id:587",
    "WAGTAILADMIN_BASE_URL": "https://netra.example.go.id",
    "NETRA_SEAL_PKCS12": "/etc/netra/seal.p12",
    "NETRA_SEAL_PASSWORD": "seal-passphrase",
}
# The multi-machine topology of docs/deployment.md: a read replica, media and PDFs in a
# bucket, static files behind a CDN.
SCALED_OUT_ENV = {
    "DATABASE_REPLICA_URL": "postgres://netra@replica.internal:5432/netra",
    "STORAGE_BACKEND": "s3",
    "AWS_STORAGE_BUCKET_NAME": "netra-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.go.id",
    "STATIC_URL": "https://cdn.example.go.id/static/",
}


@pytest.mark.parametrize("extra", [{}, SCALED_OUT_ENV], ids=["one-machine", "scaled-out"])
def test_production_settings_pass_check_deploy_when_env_is_set(extra):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION_ENV,
        **extra,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "netra.settings.production",
            "ALLOWED_HOSTS": "x",
            "DATABASE_URL": "sqlite:///x",
            "CACHE_URL": "locmemcache://",
            "EMAIL_URL": "consolemail://",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
