"""HR officers and admins sign in with their authenticator app before personal data: the
rule (netra.people.mfa), the middleware over every /sdm/ and /admin/ URL the project serves,
allauth's real sign-in, activation and re-authentication, and the demo accounts."""

import io
import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import get_resolver, reverse

from netra.people import demo
from netra.people.factories import EmployeeFactory, UserFactory, totp_activate
from netra.people.mfa import MfaStatus, mfa_required, mfa_status
from netra.people.middleware import DOWNLOAD_SUFFIXES
from netra.people.models import HrAssignment, User
from netra.updates.demo import EDITORIAL_ACCOUNTS
from tests.conftest import PASSWORD, login_with_mfa, totp_code
from tests.home.test_access import _name, _walk

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ACTIVATE = "/akun/2fa/totp/activate/"
REAUTHENTICATE = "/akun/2fa/reauthenticate/"
EXEMPT = {"/admin/login/", "/admin/logout/"}


def _urls_under(prefix: str) -> list[tuple[str, str]]:
    """(sample URL, view name) for every URL pattern under `prefix`, from the live URLconf:
    a page added there tomorrow is in this list without anyone touching the test."""
    found = {}
    for url, pattern in _walk(get_resolver().url_patterns):
        url = "/" + url.lstrip("/")
        if url.startswith(prefix) and url not in EXEMPT:
            found.setdefault(url, _name(pattern))
    return sorted(found.items())


SDM_URLS = _urls_under("/sdm/")
ADMIN_URLS = _urls_under("/admin/")


def hr_officer(office, **kwargs):
    user = UserFactory(**kwargs)
    HrAssignment.objects.create(user=user, office=office)
    return user


def _login(client, user, code=None):
    """allauth's real sign-in: password, then (for accounts with an app) the code."""
    response = client.post("/akun/login/", {"login": user.username, "password": PASSWORD})
    if code is not None:
        assert response["Location"] == "/akun/2fa/authenticate/"
        response = client.post("/akun/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" in client.session
    return response


def _sent_to_activate(url, response) -> bool:
    """Pages redirect to allauth's activation; files (a ZIP link) cannot, so they get 403."""
    if url.lower().endswith(DOWNLOAD_SUFFIXES):
        return response.status_code == 403
    return response.status_code == 302 and response["Location"] == ACTIVATE


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


class MfaRuleTests:
    @pytest.mark.parametrize(
        "kind", ["superuser", "staff", "hr_officer", "wagtail_editor", "learner", "inactive_hr"]
    )
    def test_required_for_hr_and_admins_only_when_asked(self, city, kind):
        if kind == "superuser":
            user = UserFactory(is_superuser=True, is_staff=True)
        elif kind == "staff":
            user = UserFactory(is_staff=True)
        elif kind == "hr_officer":
            user = hr_officer(city["kec"])
        elif kind == "wagtail_editor":
            # Wagtail opens its admin to a group with this permission, flag or not.
            user = UserFactory()
            editors = Group.objects.create(name="Editor kursus")
            editors.permissions.add(Permission.objects.get(codename="access_admin"))
            user.groups.add(editors)
        elif kind == "learner":
            user = EmployeeFactory(office=city["dinas"], with_account=True).user
        else:
            user = hr_officer(city["kec"], is_active=False)
        assert mfa_required(user) is (kind not in {"learner", "inactive_hr"})


class SdmAndAdminTests:
    def test_the_urlconf_walk_finds_the_hr_and_admin_pages(self):
        assert ("/sdm/sertifikat/", "certificates.certificate_views:hr_certificates") in SDM_URLS
        assert len(ADMIN_URLS) > 200  # Wagtail's admin alone; a tiny number means a broken walk

    @pytest.mark.parametrize(("url", "name"), SDM_URLS, ids=[name for _, name in SDM_URLS])
    def test_hr_without_an_app_is_sent_to_activate_one_when_opening_sdm(
        self, client, city, url, name
    ):
        client.force_login(hr_officer(city["pemkot"]))
        response = client.get(url)
        assert _sent_to_activate(url, response), (url, response.status_code)
        if response.status_code == 302:
            assert "wajib memakai verifikasi dua langkah" in " ".join(_messages(response))
            assert client.session["netra_mfa_next"] == url

    @pytest.mark.parametrize("kind", ["superuser", "hr_officer"])
    def test_admins_and_hr_without_an_app_are_kept_out_of_every_admin_page(
        self, client, city, kind
    ):
        user = (
            UserFactory(is_superuser=True, is_staff=True)
            if kind == "superuser"
            else hr_officer(city["pemkot"])
        )
        client.force_login(user)
        # One sign-in, every admin URL (a loop, not ~900 parametrised tests with a DB each).
        wrong = {}
        for url, name in ADMIN_URLS:
            response = client.get(url)
            if not _sent_to_activate(url, response):
                wrong[name] = (url, response.status_code)
        assert wrong == {}

    def test_hr_who_signed_in_with_the_code_opens_the_hr_pages(self, client, city):
        officer = hr_officer(city["pemkot"], totp=True)
        _login(client, officer, code=totp_code())
        response = client.get("/sdm/sertifikat/")
        assert response.status_code == 200
        assert city["pemkot"].name in response.content.decode()

    def test_an_admin_who_signed_in_with_the_code_opens_the_wagtail_admin(self, client):
        admin = UserFactory(is_superuser=True, is_staff=True, totp=True)
        _login(client, admin, code=totp_code())
        assert client.get("/admin/").status_code == 200

    def test_a_recovery_code_signs_in_when_the_phone_is_lost(self, client, city):
        officer = hr_officer(city["pemkot"], totp=True)
        recovery = Authenticator.objects.get(user=officer, type=Authenticator.Type.RECOVERY_CODES)
        _login(client, officer, code=recovery.wrap().get_unused_codes()[0])
        assert client.get("/sdm/sertifikat/").status_code == 200

    def test_a_session_from_before_the_app_is_sent_to_enter_the_code(self, client, city):
        officer = hr_officer(city["pemkot"])
        _login(client, officer)  # password only: no app yet
        totp_activate(officer)
        response = client.get("/sdm/sertifikat/?q=Budi")
        assert response.status_code == 302
        assert response["Location"] == f"{REAUTHENTICATE}?next=%2Fsdm%2Fsertifikat%2F%3Fq%3DBudi"
        assert "Masukkan kode dari aplikasi autentikator" in " ".join(_messages(response))

        page = client.get(response["Location"])
        assert page.status_code == 200 and "Konfirmasi dengan kode" in page.content.decode()
        response = client.post(response["Location"], {"code": totp_code()})
        assert response.status_code == 302
        assert response["Location"] == "/sdm/sertifikat/?q=Budi"
        assert client.get(response["Location"]).status_code == 200

    def test_re_entering_the_password_does_not_count_as_the_second_factor(self, client, city):
        officer = hr_officer(city["pemkot"], totp=True)
        client.force_login(officer)
        response = client.post("/akun/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302
        response = client.get("/sdm/sertifikat/")
        assert response["Location"].startswith(REAUTHENTICATE)

    def test_a_wrong_code_keeps_the_page_closed(self, client, city):
        officer = hr_officer(city["pemkot"], totp=True)
        client.force_login(officer)
        response = client.post(f"{REAUTHENTICATE}?next=/sdm/sertifikat/", {"code": "000000"})
        assert response.status_code == 200
        assert client.get("/sdm/sertifikat/")["Location"].startswith(REAUTHENTICATE)

    def test_removing_the_app_closes_the_pages_again(self, client, city):
        officer = hr_officer(city["pemkot"])
        login_with_mfa(client, officer)
        assert client.get("/sdm/sertifikat/").status_code == 200
        Authenticator.objects.filter(user=officer).delete()
        assert client.get("/sdm/sertifikat/")["Location"] == ACTIVATE

    def test_hr_activates_the_app_and_comes_back_to_the_page(self, client, city):
        officer = hr_officer(city["pemkot"])
        _login(client, officer)
        assert client.get("/sdm/sertifikat/")["Location"] == ACTIVATE
        # allauth asks for the password before a new authenticator, then shows the QR code.
        response = client.get(ACTIVATE)
        assert response["Location"] == f"/akun/reauthenticate/?next={ACTIVATE.replace('/', '%2F')}"
        client.post(response["Location"], {"password": PASSWORD})
        page = client.get(ACTIVATE)
        body = page.content.decode()
        assert "Wajib bagi petugas SDM dan administrator" in body
        secret = page.context["form"].secret
        assert f'value="{secret}"' in body and "otpauth://totp/" in body

        response = client.post(ACTIVATE, {"code": totp_code(secret)})
        assert response["Location"] == "/akun/2fa/recovery-codes/"
        codes_page = client.get(response["Location"]).content.decode()
        codes = Authenticator.objects.get(user=officer, type="recovery_codes").wrap()
        assert all(code in codes_page for code in codes.get_unused_codes())
        assert 'href="/sdm/sertifikat/">Sudah saya simpan, lanjutkan' in codes_page

        # The activation itself is not a sign-in: the code is asked once, then the page opens.
        response = client.get("/sdm/sertifikat/")
        response = client.post(response["Location"], {"code": totp_code(secret)})
        assert client.get(response["Location"]).status_code == 200
        assert "netra_mfa_next" not in client.session

    def test_learners_are_left_alone(self, client, learner):
        client.force_login(learner)
        # The HR list answers a learner itself (404), without any detour through 2FA.
        assert client.get("/sdm/sertifikat/").status_code == 404
        assert client.get(reverse("courses:my_courses")).status_code == 200

    def test_hr_pages_outside_the_prefixes_are_not_held_back(self, client, city):
        client.force_login(hr_officer(city["pemkot"]))
        assert client.get(reverse("courses:my_courses")).status_code == 200
        assert client.get(reverse("mfa_index")).status_code == 200

    @pytest.mark.parametrize(
        ("headers", "url"),
        [
            ({"HTTP_ACCEPT": "application/json"}, "/sdm/sertifikat/"),
            ({"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}, "/sdm/sertifikat/"),
            ({"HTTP_SEC_FETCH_MODE": "cors"}, "/admin/api/main/pages/"),
            ({}, "/sdm/sertifikat/unit/1/sertifikat.zip"),
        ],
        ids=["json", "xhr", "fetch", "download"],
    )
    def test_requests_that_cannot_follow_a_form_get_403(self, client, city, headers, url):
        client.force_login(hr_officer(city["pemkot"], totp=True))
        response = client.get(url, **headers)
        assert response.status_code == 403
        if "json" in response["Content-Type"]:
            assert response.json()["error"] == "mfa_required"
            assert response.json()["url"].startswith(REAUTHENTICATE)
        else:
            assert "aplikasi autentikator" in response.content.decode()

    @override_settings(NETRA_MFA_REQUIRED_PREFIXES=["/"])
    def test_sign_in_pages_logout_and_static_stay_open_whatever_the_prefixes(self, client):
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        assert client.get(reverse("courses:my_courses"))["Location"] == ACTIVATE
        for url in ("/akun/2fa/", "/akun/logout/", "/akun/reauthenticate/"):
            assert client.get(url).status_code == 200, url
        assert client.get("/static/css/netra.css").status_code != 302
        response = client.post("/admin/logout/")
        assert response.status_code == 302 and response["Location"] == "/akun/login/"
        assert "_auth_user_id" not in client.session

    def test_the_status_is_worked_out_once_per_request(
        self, client, city, django_assert_num_queries
    ):
        login_with_mfa(client, hr_officer(city["pemkot"]))
        request = client.get("/sdm/sertifikat/").wsgi_request
        with django_assert_num_queries(0):
            assert mfa_status(request) is MfaStatus.SATISFIED


class DemoAccountsTests(TestCase):
    """One seed for the class (it takes seconds): each test runs in a savepoint over it."""

    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())

    def test_demo_hr_editors_and_admin_have_the_published_app_and_the_seed_is_idempotent(self):
        before = list(Authenticator.objects.order_by("pk").values_list("pk", "type", "data"))
        call_command("seed_demo", stdout=io.StringIO())
        after = list(Authenticator.objects.order_by("pk").values_list("pk", "type", "data"))
        assert after == before
        owners = set(Authenticator.objects.values_list("user__username", flat=True))
        editorial = {username for username, _email, _group in EDITORIAL_ACCOUNTS}
        assert owners == {demo.HR_OFFICER["nip"], demo.ADMIN["username"], *editorial}

    def test_demo_hr_signs_in_with_the_code_from_the_readme(self):
        readme = (ROOT / "README.md").read_text()
        secret = re.search(r"secret `([A-Z2-7 ]{32,40})`", readme).group(1).replace(" ", "")
        assert secret == demo.DEMO_TOTP_SECRET
        self.client.post(
            "/akun/login/", {"login": demo.HR_OFFICER["nip"], "password": "Demo-Netra-2026"}
        )
        self.client.post("/akun/2fa/authenticate/", {"code": totp_code(secret)})
        assert self.client.get("/sdm/sertifikat/").status_code == 200

    def test_the_readme_lists_the_demo_recovery_codes(self):
        readme = (ROOT / "README.md").read_text()
        admin = User.objects.get(username="admin")
        codes = Authenticator.objects.get(user=admin, type="recovery_codes").wrap()
        for code in codes.generate_codes():
            assert f"`{code}`" in readme
