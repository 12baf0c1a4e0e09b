"""The pakta integritas journey in a phone-sized Chromium: read the pact, sign it, confirm
with the password on allauth's re-authentication page, download the sealed PDF from the
receipt, and open the public verification page."""

import hashlib
from io import BytesIO

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import services, signing
from certificates.models import EvidenceEntry, PactSignature
from tests.certificates import conftest as certificate_fixtures
from tests.conftest import PASSWORD

from .test_learner_journey import ARTIFACTS
from .test_quiz_feed import _session_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The pact fixtures live in tests/certificates/conftest.py, which pytest offers only to
# that folder: re-export them here (the course, the pact, the signer).
course = certificate_fixtures.course
pact_index = certificate_fixtures.pact_index
pact = certificate_fixtures.pact
signer = certificate_fixtures.signer


def _open_pact_and_sign(page, live_server, pact, signer):
    """Read the pact as the signer, type the name, tick the consent and press the button;
    returns on allauth's re-authentication page."""
    employee = signer.employee
    page.context.add_cookies(_session_cookie(live_server, signer))
    page.goto(f"{live_server.url}{pact.url}")

    text = " ".join(page.inner_text("article.pact-text").split())
    for clause in services.current_version(pact).content["clauses"]:
        assert " ".join(clause["text"].split()) in text
    identity = page.locator(".pact-identity")
    assert employee.nip in identity.inner_text()
    assert employee.office.name in identity.inner_text()

    page.get_by_label("Ketik nama lengkap Anda").fill(employee.full_name)
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Tanda tangani pakta").click()
    page.wait_for_url("**/akun/reauthenticate/**")
    # Nothing is recorded before the password is entered again.
    assert not PactSignature.objects.exists()


def _seal_status(data: bytes, ca_path):
    reader = PdfFileReader(BytesIO(data))
    (embedded,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_path))])
    # Playwright runs an event loop in this thread; run_async moves pyHanko off it.
    return signing.run_async(lambda: async_validate_pdf_signature(embedded, context))


def test_signer_signs_the_pact_and_downloads_the_sealed_pdf(
    live_server, phone, seal_key, pact, signer, tmp_path
):
    page = phone
    nip = signer.employee.nip
    _open_pact_and_sign(page, live_server, pact, signer)

    page.fill("input[name=password]", PASSWORD)
    page.locator("main form").locator("button[type=submit]").click()
    # allauth replays the sign POST; the learner lands on the receipt.
    page.wait_for_url("**/pakta/tanda-tangan/*/")
    signature = PactSignature.objects.get()
    assert page.url.endswith(f"/pakta/tanda-tangan/{signature.reference}/")
    assert "Pakta berhasil ditandatangani. Terima kasih." in page.inner_text(".messages")
    methods = signature.evidence.payload["auth"]["methods"]
    assert any(m["method"] == "password" and m["reauthenticated"] for m in methods)

    # The receipt refreshes itself until the PDF exists (at once with ImmediateBackend).
    download_link = page.get_by_role("link", name="Unduh PDF pakta")
    download_link.wait_for(timeout=30_000)
    receipt = page.inner_text(".receipt")
    assert nip in receipt
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pact-receipt.png"), full_page=True)

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == f"pakta-integritas-{nip}-v1.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF-")

    signature.refresh_from_db()
    digest = hashlib.sha256(data).hexdigest()
    assert digest == signature.pdf_sha256
    assert digest in receipt
    status = _seal_status(data, seal_key)
    assert status.intact and status.valid and status.trusted
    assert EvidenceEntry.objects.filter(kind="pact.pdf").count() == 1

    # The verification link printed on the receipt is public and shows no NIP.
    page.locator(".receipt").get_by_role("link", name="/verifikasi/").click()
    page.wait_for_url(f"**/verifikasi/{signature.verification_code}/")
    verdict = page.inner_text(".verify--valid")
    assert page.inner_text(".verify__status").strip() == "✓ Sah"
    assert digest in verdict
    assert nip not in page.content()
    page.screenshot(path=str(ARTIFACTS / "pact-verify.png"), full_page=True)


def test_a_wrong_password_on_reauthentication_signs_nothing(
    live_server, phone, seal_key, pact, signer
):
    page = phone
    _open_pact_and_sign(page, live_server, pact, signer)

    page.fill("input[name=password]", "bukan-sandinya")
    page.locator("main form").locator("button[type=submit]").click()
    page.locator("main").get_by_text("Kata sandi salah.").wait_for()
    assert "/akun/reauthenticate/" in page.url
    assert not PactSignature.objects.exists()
    assert not EvidenceEntry.objects.exists()
