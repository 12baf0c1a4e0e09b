"""Production settings (netra/settings/production.py) read from a given environment, and
what they do: database timeouts, Redis timeouts, the client's address behind nginx, object
storage, and the read replica's router (netra/db_routers.py). docs/deployment.md has the
topology; deploy/prod-local.sh runs it."""

import datetime as dt
import runpy
import socket

import psycopg
import pytest
import redis
from allauth.account.adapter import get_adapter
from allauth.core.internal.ratelimit import get_cache_key, parse_rate
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connection, connections, router, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from storages.backends.s3 import S3Storage

from netra.cache import RedisCache
from netra.campaigns import selectors
from netra.campaigns.factories import ElectionPeriodFactory
from netra.campaigns.models import OfficeRollup
from netra.db_routers import REPLICA_DB_ALIAS, DashboardReplicaRouter
from netra.people.factories import OfficeFactory
from netra.people.models import EmploymentType, Office

# What a deployment must set (the README's table); values only need to be well formed.
REQUIRED = {
    "SECRET_KEY": "x" * 20 + "production-grade-secret-key-for-the-test-0123456789",
    "ALLOWED_HOSTS": "netra.example.go.id",
    "DATABASE_URL": "postgres://netra@db.internal:5432/netra",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.go.id:587",
    "NETRA_SEAL_PKCS12": "/etc/netra/seal.p12",
    "NETRA_SEAL_PASSWORD": "seal-passphrase",
}
# Optional variables production reads; cleared so the test's own environment cannot leak in.
OPTIONAL = [
    "DATABASE_REPLICA_URL",
    "DATABASE_CONNECT_TIMEOUT",
    "DATABASE_STATEMENT_TIMEOUT",
    "DATABASE_LOCK_TIMEOUT",
    "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT",
    "DATABASE_APPLICATION_NAME",
    "RENDITIONS_CACHE_URL",
    "CACHE_CONNECT_TIMEOUT",
    "CACHE_SOCKET_TIMEOUT",
    "CLIENT_IP_HEADER",
    "STATIC_URL",
    "STORAGE_BACKEND",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_LOCATION",
    "AWS_QUERYSTRING_EXPIRE",
]


@pytest.fixture
def production(monkeypatch):
    """`production(**env)`: the settings module's names, computed from REQUIRED plus `env`."""

    def load(**env):
        for name in OPTIONAL:
            monkeypatch.delenv(name, raising=False)
        for name, value in {**REQUIRED, **env}.items():
            monkeypatch.setenv(name, value)
        return runpy.run_module("netra.settings.production")

    return load


class DatabaseTimeoutTests:
    def test_postgresql_connections_carry_the_timeouts_chain_when_nothing_is_set(self, production):
        database = production()["DATABASES"]["default"]
        assert database["OPTIONS"]["connect_timeout"] == 5
        assert database["OPTIONS"]["options"] == (
            "-c statement_timeout=15s -c lock_timeout=10s "
            "-c idle_in_transaction_session_timeout=60s"
        )
        assert database["CONN_HEALTH_CHECKS"] is True

    def test_workers_lift_the_statement_and_lock_timeouts_when_set_to_zero(self, production):
        options = production(DATABASE_STATEMENT_TIMEOUT="0", DATABASE_LOCK_TIMEOUT="0")[
            "DATABASES"
        ]["default"]["OPTIONS"]
        assert "-c statement_timeout=0s -c lock_timeout=0s" in options["options"]

    def test_options_from_the_url_are_kept_when_the_timeouts_are_added(self, production):
        url = "postgres://netra@db.internal:5432/netra?sslmode=require&options=-c%20search_path%3Dnetra"
        options = production(DATABASE_URL=url)["DATABASES"]["default"]["OPTIONS"]
        assert options["sslmode"] == "require"
        assert options["options"].startswith("-c search_path=netra -c statement_timeout=15s")

    def test_sqlite_gets_no_postgresql_options_when_chosen(self, production):
        database = production(DATABASE_URL="sqlite:////tmp/x.sqlite3")["DATABASES"]["default"]
        assert "options" not in database.get("OPTIONS", {})

    def test_postgresql_cancels_a_statement_past_the_timeout_when_connected_with_them(
        self, production
    ):
        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL only")
        options = production(DATABASE_STATEMENT_TIMEOUT="1")["DATABASES"]["default"]["OPTIONS"]
        params = {**connection.get_connection_params(), "options": options["options"]}
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params, connect_timeout=options["connect_timeout"]) as conn:
            assert conn.execute("SHOW statement_timeout").fetchone() == ("1s",)
            assert conn.execute("SHOW lock_timeout").fetchone() == ("10s",)
            with pytest.raises(psycopg.errors.QueryCanceled):
                conn.execute("SELECT pg_sleep(3)")


class CacheTests:
    @pytest.mark.parametrize("scheme", ["redis", "rediscache"])
    def test_redis_urls_use_djangos_own_backend_with_timeouts(self, production, scheme):
        caches = production(CACHE_URL=f"{scheme}://127.0.0.1:6379/3")["CACHES"]
        for alias in ("default", "renditions"):
            # Django's RedisCache, keeping its clients (netra/cache.py).
            assert caches[alias]["BACKEND"] == "netra.cache.RedisCache"
            assert caches[alias]["LOCATION"] == "redis://127.0.0.1:6379/3"
            assert caches[alias]["OPTIONS"] == {
                "socket_connect_timeout": 1.0,
                "socket_timeout": 1.0,
            }

    def test_a_timeout_in_the_url_wins_over_the_default(self, production):
        cache = production(CACHE_URL="redis://127.0.0.1:6379/3?socket_timeout=2")["CACHES"]
        assert cache["default"]["OPTIONS"]["socket_timeout"] == 2

    def test_a_redis_that_stops_answering_fails_the_call_instead_of_holding_it(self, production):
        # A listening socket nobody reads: connecting works, the reply never comes (a
        # paused Redis).
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen()
            port = silent.getsockname()[1]
            config = production(
                CACHE_URL=f"redis://127.0.0.1:{port}/0", CACHE_SOCKET_TIMEOUT="0.2"
            )["CACHES"]["default"]
            cache = RedisCache(config["LOCATION"], {"OPTIONS": config["OPTIONS"]})
            with pytest.raises(redis.exceptions.TimeoutError):
                cache.get("session")

    def test_sessions_rate_limits_and_mfa_share_the_default_cache(self, production):
        settings = production()
        # cached_db: reads from Redis, writes also to the database (see production.py).
        assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
        assert settings.get("SESSION_CACHE_ALIAS", "default") == "default"
        assert settings["RATELIMIT_USE_CACHE"] == "default"
        assert settings["CACHES"]["default"]["BACKEND"].endswith("RedisCache")


def client_ip_settings(production, **env) -> dict:
    settings = production(**env)
    return {
        name: settings[name]
        for name in ("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", "RATELIMIT_IP_META_KEY")
    }


class ClientAddressTests:
    """Behind nginx, the client is the address in X-Real-IP, which nginx overwrites; an
    X-Forwarded-For the client sent changes nothing."""

    def test_both_libraries_read_x_real_ip_when_nothing_is_set(self, production):
        assert client_ip_settings(production) == {
            "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP",
            "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
        }

    def test_another_trusted_header_can_be_named_when_a_cdn_sets_it(self, production):
        assert client_ip_settings(production, CLIENT_IP_HEADER="CF-Connecting-IP") == {
            "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "CF-Connecting-IP",
            "RATELIMIT_IP_META_KEY": "HTTP_CF_CONNECTING_IP",
        }

    def test_allauths_rate_limit_key_ignores_a_spoofed_forwarded_for(self, production):
        rate = parse_rate("10/m/ip")

        def key(real_ip, forwarded_for):
            request = RequestFactory().post(
                "/akun/login/",
                REMOTE_ADDR="",  # gunicorn on a unix socket knows no peer address
                HTTP_X_REAL_IP=real_ip,
                HTTP_X_FORWARDED_FOR=forwarded_for,
            )
            assert get_adapter().get_client_ip(request) == real_ip
            return get_cache_key(request, app="allauth.account", action="login_failed", rate=rate)

        with override_settings(**client_ip_settings(production)):
            first = key("203.0.113.7", "198.51.100.1")
            assert key("203.0.113.7", "198.51.100.2, 203.0.113.99") == first
            assert key("203.0.113.8", "198.51.100.1") != first

    @pytest.mark.django_db
    def test_django_ratelimit_counts_per_real_ip_when_forwarded_for_changes(
        self, client, production, settings
    ):
        settings.NETRA_VERIFY_RATE = "2/m"  # the public verification page's limit

        def verify(real_ip, forwarded_for):
            return client.get(
                "/verifikasi/TIDAKADA/",
                REMOTE_ADDR="",
                HTTP_X_REAL_IP=real_ip,
                HTTP_X_FORWARDED_FOR=forwarded_for,
            ).status_code

        with override_settings(**client_ip_settings(production)):
            assert [verify("203.0.113.7", f"198.51.100.{i}") for i in range(3)] == [
                404,
                404,
                429,
            ]
            assert verify("203.0.113.8", "198.51.100.1") == 404


class StorageTests:
    S3 = {
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": "netra-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.go.id",
        "AWS_S3_REGION_NAME": "id-jkt-1",
        "AWS_ACCESS_KEY_ID": "netra-app",
        "AWS_SECRET_ACCESS_KEY": "netra-secret",
    }

    def test_files_stay_on_disk_with_atomic_writes_when_nothing_is_set(self, production):
        storages = production()["STORAGES"]
        assert storages["default"] == {"BACKEND": "netra.storage.AtomicFileSystemStorage"}
        assert storages["staticfiles"]["BACKEND"].startswith("whitenoise.")

    def test_media_and_pdfs_go_to_a_private_bucket_when_s3_is_chosen(self, production):
        default = production(**self.S3)["STORAGES"]["default"]
        assert default["BACKEND"] == "storages.backends.s3.S3Storage"
        options = default["OPTIONS"]
        assert options["bucket_name"] == "netra-media"
        assert options["default_acl"] is None  # the bucket's own: private
        assert options["querystring_auth"] is True
        assert options["file_overwrite"] is False

    def test_every_url_of_a_stored_pdf_is_presigned_and_short_lived_when_s3_is_chosen(
        self, production
    ):
        options = production(**self.S3)["STORAGES"]["default"]["OPTIONS"]
        url = S3Storage(**options).url("pakta/2026/PKT-0001.pdf")  # signed locally, no request
        assert url.startswith("https://s3.example.go.id/netra-media/pakta/2026/PKT-0001.pdf?")
        assert "X-Amz-Signature=" in url
        assert "X-Amz-Expires=300" in url

    def test_s3_without_a_bucket_refuses_to_start(self, production):
        env = {k: v for k, v in self.S3.items() if k != "AWS_STORAGE_BUCKET_NAME"}
        with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
            production(**env)

    def test_an_unknown_storage_backend_refuses_to_start(self, production):
        with pytest.raises(ImproperlyConfigured, match="STORAGE_BACKEND"):
            production(STORAGE_BACKEND="ftp")

    def test_static_files_can_come_from_a_cdn_when_static_url_is_set(self, production):
        assert production()["STATIC_URL"] == "/static/"
        cdn = "https://cdn.example.go.id/static/"
        assert production(STATIC_URL=cdn)["STATIC_URL"] == cdn


class ReplicaSettingsTests:
    def test_there_is_one_database_and_no_router_when_no_replica_is_set(self, production):
        settings = production()
        assert list(settings["DATABASES"]) == ["default"]
        assert "DATABASE_ROUTERS" not in settings

    def test_the_replica_gets_the_same_timeouts_and_mirrors_default_in_tests(self, production):
        settings = production(DATABASE_REPLICA_URL="postgres://netra@replica.internal:5432/netra")
        replica = settings["DATABASES"][REPLICA_DB_ALIAS]
        assert replica["HOST"] == "replica.internal"
        assert replica["TEST"] == {"MIRROR": "default"}
        assert replica["OPTIONS"] == settings["DATABASES"]["default"]["OPTIONS"]
        assert settings["DATABASE_ROUTERS"] == ["netra.db_routers.DashboardReplicaRouter"]


@pytest.fixture
def routed(settings):
    """The router production installs with a replica (Django resets its cached routers)."""
    settings.DATABASE_ROUTERS = ["netra.db_routers.DashboardReplicaRouter"]


@pytest.mark.usefixtures("routed")
class RouterTests:
    def test_the_dashboards_rollup_reads_go_to_the_replica_when_outside_a_transaction(self):
        assert OfficeRollup.objects.filter(scope=0).db == REPLICA_DB_ALIAS

    def test_every_other_read_stays_on_the_primary(self):
        assert Office.objects.all().db == DEFAULT_DB_ALIAS

    def test_writes_go_to_the_primary_even_for_rollups(self):
        assert router.db_for_write(OfficeRollup) == DEFAULT_DB_ALIAS
        assert router.db_for_write(OfficeRollup, instance=OfficeRollup()) == DEFAULT_DB_ALIAS

    @pytest.mark.django_db
    def test_rollup_reads_stay_on_the_primary_when_inside_a_transaction(self):
        # The fold and the reconcile read the counters they are about to change.
        with transaction.atomic():
            assert OfficeRollup.objects.filter(scope=0).db == DEFAULT_DB_ALIAS

    def test_migrations_never_run_on_the_replica(self):
        router_ = DashboardReplicaRouter()
        assert router_.allow_migrate(REPLICA_DB_ALIAS, "campaigns") is False
        assert router_.allow_migrate(DEFAULT_DB_ALIAS, "campaigns") is True


@pytest.fixture
def replica():
    """A second connection to the test database under the alias "replica", like the one
    Django's `TEST: {"MIRROR": "default"}` sets up: what the router sends there runs
    there. (Test settings have no replica; a connection added at run time is allowed.)"""
    primary = connections[DEFAULT_DB_ALIAS]
    connections[REPLICA_DB_ALIAS] = primary.__class__(
        dict(primary.settings_dict), alias=REPLICA_DB_ALIAS
    )
    try:
        yield connections[REPLICA_DB_ALIAS]
    finally:
        connections[REPLICA_DB_ALIAS].close()
        del connections[REPLICA_DB_ALIAS]


@pytest.mark.usefixtures("routed")
@pytest.mark.django_db(transaction=True)  # the replica's connection sees committed rows only
def test_the_dashboard_reads_its_counters_from_the_replica_when_one_is_set(replica):
    period = ElectionPeriodFactory()
    office = OfficeFactory()
    OfficeRollup.objects.create(
        period=period,
        office=office,
        employment_type=EmploymentType.PNS,
        scope=0,
        headcount=12,
        started=7,
        completed=5,
        pact_signed=4,
    )
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        rows = selectors.office_rows(
            period, [office], selectors.Filters(), today=dt.date(2029, 9, 1)
        )
    assert rows[0].summary.headcount == 12
    assert rows[0].summary.completed == 5
    assert [q["sql"] for q in on_replica.captured_queries if "officerollup" in q["sql"]]
    assert not [q for q in on_primary.captured_queries if "officerollup" in q["sql"]]
