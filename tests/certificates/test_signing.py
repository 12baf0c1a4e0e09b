"""PAdES seals: validated by pyHanko against the CA, broken by a one-byte change."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import pdf, signing
from certificates.keys import create_seal


@pytest.fixture
def sealed(seal_key):
    document = pdf.render_pdf("certificates/pdf/base.html", {"title": "Pakta Integritas"})
    return document, signing.seal_pdf(document, reason="Pakta integritas ditandatangani")


def _status(data, ca_path):
    reader = PdfFileReader(BytesIO(data))
    (signature,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_path))])
    return signing.run_async(lambda: async_validate_pdf_signature(signature, context))


class SealTests:
    def test_sealed_pdf_validates_as_intact_and_trusted(self, sealed, seal_key):
        original, data = sealed
        assert data.startswith(original)  # incremental update: the original bytes are kept
        status = _status(data, seal_key)
        assert status.intact and status.valid and status.bottom_line
        assert "Segel Elektronik Netra" in status.signing_cert.subject.human_friendly

    def test_a_one_byte_change_breaks_the_seal(self, sealed, seal_key):
        _original, data = sealed
        position = data.index(b"Pakta Integritas") if b"Pakta Integritas" in data else 200
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        status = _status(bytes(tampered), seal_key)
        assert not status.intact and not status.bottom_line

    def test_a_seal_from_another_ca_is_not_trusted(self, sealed, tmp_path):
        other_ca, _key = create_seal(tmp_path, organisation="Pihak Lain")
        _original, data = sealed
        status = _status(data, other_ca)
        assert status.intact and not status.trusted


def test_seal_keygen_creates_the_key_once(tmp_path, settings, capsys):
    from django.core.management import call_command

    settings.NETRA_SEAL_PKCS12 = str(tmp_path / "seal" / "seal.p12")
    settings.NETRA_SEAL_PASSWORD = ""
    call_command("seal_keygen")
    key = tmp_path / "seal" / "seal.p12"
    first = key.read_bytes()
    assert (tmp_path / "seal" / "ca.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE")
    call_command("seal_keygen")
    assert key.read_bytes() == first and "already present" in capsys.readouterr().out
    assert key.stat().st_mode & 0o077 == 0  # private key readable by its owner only


def test_sealing_works_from_inside_a_running_event_loop(seal_key):
    # An ASGI server (or Playwright in this very test session) runs a loop in the thread.
    document = pdf.render_pdf("certificates/pdf/base.html", {"title": "Pakta"})

    async def inside_a_loop():
        return signing.seal_pdf(document, reason="uji")

    # A fresh thread, so the test holds whatever loop this session already runs.
    with ThreadPoolExecutor(max_workers=1) as pool:
        sealed = pool.submit(lambda: asyncio.run(inside_a_loop())).result()
    assert sealed.startswith(document)
