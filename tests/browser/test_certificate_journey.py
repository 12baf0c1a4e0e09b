"""The certificate journey in a phone-sized Chromium: the learner signs the last
requirement (the pact), finds the certificate in "Kursus saya", downloads the sealed PDF,
follows the verification URL printed (and QR-coded) on it, and drops the PDF on the
verification page, which checks it in the browser: the original matches, a changed copy
does not."""

import hashlib
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates.models import Certificate, EvidenceEntry
from tests.certificates import conftest as certificate_fixtures
from tests.conftest import PASSWORD

from .test_learner_journey import ARTIFACTS
from .test_pact_journey import _open_pact_and_sign, _seal_status

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

course = certificate_fixtures.course
pact_index = certificate_fixtures.pact_index
pact = certificate_fixtures.pact
signer = certificate_fixtures.signer


def _link_targets(data: bytes) -> list[str]:
    """The URIs of the PDF's link annotations (the QR code is one)."""
    reader = PdfFileReader(BytesIO(data))
    page = reader.root["/Pages"]["/Kids"][0]
    targets = []
    for annotation in page.get("/Annots", []):
        action = annotation.get_object().get("/A")
        if action is not None and "/URI" in action:
            targets.append(str(action["/URI"]))
    return targets


def test_the_last_step_issues_a_certificate_that_verifies(
    live_server, phone, seal_key, pact, signer, course, tmp_path
):
    page = phone
    # The course is done; signing the pact is the last requirement.
    assert not Certificate.objects.exists()
    _open_pact_and_sign(page, live_server, pact, signer)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form").locator("button[type=submit]").click()
    page.wait_for_url("**/pakta/tanda-tangan/*/")

    page.goto(f"{live_server.url}/kursus-saya/")
    card = page.locator(f'[data-course="{course.slug}"]')
    download_link = card.get_by_role("link", name="Unduh sertifikat")
    download_link.wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "certificate-my-courses.png"), full_page=True)

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    certificate = Certificate.objects.get()
    assert certificate.number in download.suggested_filename
    assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256
    status = _seal_status(data, seal_key)
    assert status.intact and status.valid and status.trusted
    kinds = set(EvidenceEntry.objects.values_list("kind", flat=True))
    assert {"certificate.issued", "certificate.pdf"} <= kinds

    # "Scan" the QR code: follow the verification link the PDF carries.
    (verify_url,) = [u for u in _link_targets(data) if "/verifikasi/" in u]
    assert verify_url.endswith(f"/verifikasi/{certificate.verification_code}/")
    path = verify_url[verify_url.index("/verifikasi/") :]
    page.context.clear_cookies()  # a stranger scanning it, not the holder
    page.goto(f"{live_server.url}{path}")
    verdict = page.inner_text(".verify--valid")
    assert "Sertifikat sah dan berlaku" in verdict
    assert course.title in verdict and certificate.number in verdict
    assert signer.employee.nip not in page.content()

    # Drop the PDF: hashed in the browser, never uploaded.
    uploads = []
    page.on("request", lambda r: uploads.append(r) if r.method == "POST" else None)
    page.set_input_files("[data-hash-input]", str(saved))
    result = page.locator("[data-hash-result]")
    result.get_by_text("Cocok").wait_for()
    page.screenshot(path=str(ARTIFACTS / "certificate-verify.png"), full_page=True)

    tampered = tmp_path / "ubah.pdf"
    tampered.write_bytes(data.replace(certificate.number.encode(), b"NTR-1999-000001-0", 1) + b" ")
    page.set_input_files("[data-hash-input]", str(tampered))
    result.get_by_text("Tidak cocok").wait_for()
    assert uploads == []
