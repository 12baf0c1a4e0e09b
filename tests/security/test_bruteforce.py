"""Guessing passwords is limited per account and per client address, and a client cannot
reset either count by sending its own `X-Forwarded-For`.

Behind nginx every request comes from the proxy's address; production counts per the
address nginx writes into `X-Real-IP` (overwriting whatever the client sent) and ignores
`X-Forwarded-For`. These tests run with production's own values of those settings
(`production_settings`, read from netra.settings.production) and its sign-in limits. The
same check against the real stack (several gunicorn workers, Redis) is
bench/security/bruteforce.py.
"""

import random

import pytest
from django.test import override_settings
from django.urls import reverse

from certificates import verification
from netra.people.factories import EmployeeFactory
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
TOO_MANY = "Terlalu banyak"  # allauth's "too many failed login attempts", in Indonesian


@pytest.fixture
def behind_proxy(production_settings, settings):
    """The client-address and rate-limit settings of production.py."""
    for name in (
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
        "ALLAUTH_TRUSTED_PROXY_COUNT",
        "RATELIMIT_IP_META_KEY",
        "ACCOUNT_RATE_LIMITS",
    ):
        if name in production_settings:
            setattr(settings, name, production_settings[name])
    header = production_settings["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"]
    meta = "HTTP_" + header.upper().replace("-", "_")
    assert production_settings.get("RATELIMIT_IP_META_KEY") == meta, "both libraries agree"
    return meta


def spoofed() -> str:
    """What an attacker puts in X-Forwarded-For: a fresh address (or a chain) each time."""
    hops = [f"{random.randint(1, 223)}.{random.randint(0, 255)}.0.{i}" for i in range(3)]
    return ", ".join(hops[: random.randint(1, 3)])


def attempt(client, login, password, *, real_ip="203.0.113.7", meta="HTTP_X_REAL_IP"):
    """One sign-in through the proxy: nginx's header says `real_ip`, the client's own
    X-Forwarded-For says anything, and the connection comes from nginx (127.0.0.1)."""
    return client.post(
        LOGIN,
        {"login": login, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=spoofed(),
        **{meta: real_ip},
    )


def refused(response) -> bool:
    return response.status_code == 429 or TOO_MANY in response.content.decode()


def limits(production_settings) -> tuple[int, int]:
    """(failures per account, failures per address) of the `login_failed` limit."""
    rates = dict(
        reversed(part.split("/")[::2])
        for part in production_settings["ACCOUNT_RATE_LIMITS"]["login_failed"].split(",")
    )
    return int(rates["key"]), int(rates["ip"])


class PerAccountLimitTests:
    def test_the_right_password_is_refused_after_the_limit_whatever_the_forwarded_for(
        self, client, learner, behind_proxy, production_settings
    ):
        per_account, _per_ip = limits(production_settings)
        for n in range(per_account):
            # A new address (each within the per-address limit) for every guess.
            response = attempt(client, learner.email, f"salah-{n}", real_ip=f"198.51.100.{n}")
            assert response.status_code == 200 and not refused(response), n
        response = attempt(client, learner.email, PASSWORD, real_ip="198.51.100.99")
        assert refused(response)
        assert "_auth_user_id" not in client.session

    def test_below_the_limit_the_right_password_signs_in(self, client, learner, behind_proxy):
        attempt(client, learner.email, "salah")
        response = attempt(client, learner.email, PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(learner.pk)


class PerAddressLimitTests:
    def test_spoofed_forwarded_for_does_not_reset_the_address_count(
        self, client, city, behind_proxy, production_settings
    ):
        _per_account, per_ip = limits(production_settings)
        for n in range(per_ip):  # a different account each time: only the address counts
            assert not refused(attempt(client, f"tebakan{n}@example.go.id", "x")), n
        assert refused(attempt(client, "tebakan-lagi@example.go.id", "x"))

    def test_each_address_the_proxy_reports_counts_alone(
        self, client, city, behind_proxy, production_settings
    ):
        _per_account, per_ip = limits(production_settings)
        for n in range(per_ip):
            attempt(client, f"tebakan{n}@example.go.id", "x", real_ip="203.0.113.7")
        assert refused(attempt(client, "lain@example.go.id", "x", real_ip="203.0.113.7"))
        # Same connection address (nginx), another client behind it: not refused.
        assert not refused(attempt(client, "lain@example.go.id", "x", real_ip="203.0.113.8"))

    def test_without_a_proxy_the_socket_address_counts_and_forwarded_for_is_ignored(
        self, client, city, production_settings
    ):
        """Development (runserver, no proxy): base.py trusts no header at all."""
        _per_account, per_ip = limits(production_settings)
        for n in range(per_ip):
            client.post(
                LOGIN,
                {"login": f"tebakan{n}@example.go.id", "password": "x"},
                REMOTE_ADDR="192.0.2.1",
                HTTP_X_FORWARDED_FOR=spoofed(),
                HTTP_X_REAL_IP=f"192.0.2.{100 + n}",
            )
        response = client.post(
            LOGIN,
            {"login": "lain@example.go.id", "password": "x"},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR="192.0.2.200",
            HTTP_X_REAL_IP="192.0.2.201",
        )
        assert refused(response)


class VerificationLimitTests:
    """django-ratelimit on the public verification page counts per the same address."""

    # django-ratelimit counts in fixed windows: a day-long one is never crossed mid-test.
    @override_settings(NETRA_VERIFY_RATE="5/d")
    def test_spoofed_forwarded_for_does_not_reset_the_lookup_count(self, client, behind_proxy):
        url = reverse("certificates:verify", args=[verification.new_code()])

        def lookup(real_ip):
            return client.get(
                url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=spoofed(), HTTP_X_REAL_IP=real_ip
            )

        assert [lookup("203.0.113.7").status_code for _ in range(5)] == [404] * 5
        assert lookup("203.0.113.7").status_code == 429
        assert lookup("203.0.113.8").status_code == 404  # another client behind the proxy


def test_a_nip_written_with_spaces_counts_against_the_same_account(
    client, city, behind_proxy, production_settings
):
    """`19900512 201503 2 001` and `199005122015032001` are one key, not two."""
    per_account, _per_ip = limits(production_settings)
    employee = EmployeeFactory(office=city["dinas"], with_account=True)
    spaced = f"{employee.nip[:8]} {employee.nip[8:14]} {employee.nip[14]} {employee.nip[15:]}"
    for n in range(per_account):
        login = spaced if n % 2 else employee.nip
        attempt(client, login, "salah", real_ip=f"198.51.100.{n}")
    assert refused(attempt(client, employee.nip, PASSWORD, real_ip="198.51.100.99"))
