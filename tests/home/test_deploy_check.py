import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy_when_env_is_set():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
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
