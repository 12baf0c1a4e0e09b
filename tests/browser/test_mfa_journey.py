"""Two-factor sign-in in a phone-sized Chromium: an HR officer types the code from their
authenticator app to sign in, and one without an app sets it up on the way to the HR
pages. The codes are computed from the secret the way the app does (tests.conftest)."""

from pathlib import Path

import pytest

from netra.people.factories import EmployeeFactory, totp_activate
from netra.people.models import HrAssignment
from tests.conftest import PASSWORD, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def officer(city):
    """An HR officer of the whole city who signs in with their NIP."""
    user = EmployeeFactory(office=city["pemkot"], with_account=True, password=PASSWORD).user
    HrAssignment.objects.create(user=user, office=city["pemkot"])
    return user


def _sign_in_with_password(page, live_server, user):
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()


def test_hr_officer_signs_in_with_the_code_and_opens_the_hr_pages(live_server, phone, officer):
    totp_activate(officer)
    page = phone
    _sign_in_with_password(page, live_server, officer)
    page.wait_for_url("**/akun/2fa/authenticate/")
    page.get_by_label("Kode autentikator").fill(totp_code())
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/kursus-saya/")

    page.goto(f"{live_server.url}/sdm/sertifikat/")
    assert page.url.endswith("/sdm/sertifikat/")
    assert page.get_by_role("heading", name="Sertifikat pegawai").is_visible()


def test_hr_officer_without_an_app_sets_it_up_on_the_way_to_the_hr_pages(
    live_server, phone, officer
):
    page = phone
    _sign_in_with_password(page, live_server, officer)
    page.wait_for_url("**/kursus-saya/")

    page.goto(f"{live_server.url}/sdm/sertifikat/")
    # allauth first asks for the password again, then shows the QR code and the key.
    page.wait_for_url("**/akun/reauthenticate/**")
    assert "wajib memakai verifikasi dua langkah" in page.inner_text(".messages")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form").locator("button[type=submit]").click()
    page.wait_for_url("**/akun/2fa/totp/activate/")
    assert page.get_by_role("img", name="Kode QR untuk aplikasi autentikator").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "mfa-activate.png"), full_page=True)

    secret = page.input_value("#authenticator_secret")
    page.get_by_label("Kode dari aplikasi").fill(totp_code(secret))
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_url("**/akun/2fa/recovery-codes/")
    assert page.locator(".recovery-codes li").count() == 10
    page.screenshot(path=str(ARTIFACTS / "mfa-recovery-codes.png"), full_page=True)

    page.get_by_role("link", name="Sudah saya simpan, lanjutkan").click()
    page.wait_for_url("**/akun/2fa/reauthenticate/**")
    page.get_by_label("Kode autentikator").fill(totp_code(secret))
    page.get_by_role("button", name="Konfirmasi").click()
    page.wait_for_url("**/sdm/sertifikat/")
    assert page.get_by_role("heading", name="Sertifikat pegawai").is_visible()
