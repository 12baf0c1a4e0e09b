"""Shared fixtures. Test data goes through the factories (and so through the services)."""

import ipaddress
import socket

import pytest
from django.conf import settings
from django.core.cache import caches
from wagtail.models import Locale, Page, Site

from certificates.keys import create_seal
from courses.factories import CourseIndexPageFactory
from netra.home.models import HomePage
from netra.people.factories import EmployeeFactory, OfficeFactory
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
    for cache in caches.all():
        cache.clear()
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
