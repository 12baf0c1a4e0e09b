"""Shared fixtures. Test data goes through the factories (and so through the services)."""

import ipaddress
import socket
import time

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.cache import caches
from django.test import RequestFactory
from wagtail.models import Locale, Page, Site

from certificates.keys import create_seal
from courses.factories import CourseIndexPageFactory
from netra.home.models import HomePage
from netra.people.factories import TOTP_TEST_SECRET, EmployeeFactory, OfficeFactory, totp_activate
from netra.people.models import OfficeKind

PASSWORD = "rahasia-Netra-2026"

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    """Tests talk to local services (PostgreSQL, the live server, Chromium) and nothing else."""
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host != "localhost":
        try:
            if not ipaddress.ip_address(host).is_loopback:
                raise OSError(f"network access blocked in tests: {host}")
        except ValueError:
            raise OSError(f"network access blocked in tests: {host}") from None
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _block_network():
    socket.socket.connect = _loopback_only
    yield
    socket.socket.connect = _real_connect


@pytest.fixture(autouse=True)
def _clear_caches():
    from quizzes.templatetags import quiz_feedback

    for cache in caches.all():
        cache.clear()
    quiz_feedback.clear()  # fragments hold page links: a page id means another page next test
    yield


@pytest.fixture
def home(db):
    # Transactional (browser) tests flush the tables, taking the rows Wagtail's data
    # migrations made (default locale, root page) with them.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Beranda", slug="beranda", hero_title="Netra"))
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Netra"},
    )
    return home


@pytest.fixture
def course_index(home):
    return CourseIndexPageFactory(parent=home)


@pytest.fixture
def city(db):
    """Pemkot > (Dinas Pendidikan > UPT SD), (Kecamatan Utara > Kelurahan Sukamaju)."""
    pemkot = OfficeFactory(name="Pemerintah Kota Uji", code="KOTA", kind=OfficeKind.PEMDA)
    dinas = OfficeFactory(name="Dinas Pendidikan", code="DISDIK", parent=pemkot)
    sd = OfficeFactory(name="UPT SD Negeri 1", code="SD1", kind=OfficeKind.UPT, parent=dinas)
    kec = OfficeFactory(
        name="Kecamatan Utara", code="KEC-U", kind=OfficeKind.KECAMATAN, parent=pemkot
    )
    kel = OfficeFactory(
        name="Kelurahan Sukamaju", code="KEL-S", kind=OfficeKind.KELURAHAN, parent=kec
    )
    return {"pemkot": pemkot, "dinas": dinas, "sd": sd, "kec": kec, "kel": kel}


@pytest.fixture
def learner(city):
    """A PNS at the Dinas Pendidikan with a login (NIP or email, password PASSWORD)."""
    return EmployeeFactory(
        office=city["dinas"], email="learner@example.go.id", password=PASSWORD
    ).user


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def totp_code(secret: str = TOTP_TEST_SECRET) -> str:
    """The code an authenticator app shows for `secret` now, computed with allauth's own
    HOTP functions. allauth accepts only the current 30-second window, so a code about to
    expire is never handed out: with under 3 seconds left, this waits for the next one."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 3:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def login_with_mfa(client, user):
    """Sign `user` in as allauth's two-step sign-in leaves the session: password, then a code
    from the authenticator app (the user gets one, TOTP_TEST_SECRET, if they have none).
    HR officers and admins need this for pages under NETRA_MFA_REQUIRED_PREFIXES
    (netra.people.mfa); `client.force_login` alone gets them redirected."""
    authenticator = totp_activate(user)
    client.force_login(user)
    request = RequestFactory().get("/")
    request.user, request.session = user, client.session
    record_authentication(request, user, "password", username=user.get_username())
    # What allauth's AuthenticateForm.save does after a valid code.
    post_authentication(request, authenticator)
    request.session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's `admin_client`, signed in with the second factor admins need."""
    return login_with_mfa(client, admin_user)


@pytest.fixture(scope="session", autouse=True)
def seal_key(tmp_path_factory):
    """A throw-away CA and seal key for the whole session (one place, so every test that
    seals or validates agrees on the CA); returns the CA certificate's path. Autouse:
    finishing a course in any test issues a sealed certificate."""
    ca_path, seal_path = create_seal(
        tmp_path_factory.mktemp("seal"), organisation="Pemkot Uji", password="uji-segel"
    )
    saved = (settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD)
    settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD = str(seal_path), "uji-segel"
    yield ca_path
    settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD = saved
