"""PAdES seals: validated by pyHanko against the CA, broken by a one-byte change."""

import asyncio
import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
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
        again = pool.submit(lambda: asyncio.run(inside_a_loop())).result()
    for data in (sealed, again):
        assert data.startswith(document) and _status(data, seal_key).bottom_line


def test_threads_seal_at_once_each_on_its_own_loop(seal_key):
    document = pdf.render_pdf("certificates/pdf/base.html", {"title": "Pakta"})
    with ThreadPoolExecutor(max_workers=4) as pool:
        sealed = list(pool.map(lambda n: signing.seal_pdf(document, reason=f"uji {n}"), range(8)))
    for data in sealed:
        assert data.startswith(document) and _status(data, seal_key).bottom_line


def _run(coroutine):
    return signing.run_async(lambda: coroutine)


def test_signed_attributes_from_the_template_are_pyhankos_own(seal_key, monkeypatch):
    signer = signing.current_signer()
    digest = os.urandom(32)
    reference = _run(signers.SimpleSigner.signed_attrs(signer, digest, "sha256", use_pades=True))

    def not_pyhanko(*args, **kwargs):
        raise AssertionError("the template should have been used")

    monkeypatch.setattr(signers.SimpleSigner, "signed_attrs", not_pyhanko)
    spliced = _run(signer.signed_attrs(digest, "sha256", use_pades=True))
    assert spliced.dump() == reference.dump()


def test_other_signed_attributes_are_left_to_pyhanko(seal_key):
    # Not PAdES (so a signing-time attribute), or another digest: no template applies.
    signer = signing.current_signer()
    when = PdfCMSSignedAttributes(signing_time=dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
    cases = [(os.urandom(32), "sha256", False), (os.urandom(48), "sha384", True)]
    for digest, algorithm, pades in cases:
        ours = _run(signer.signed_attrs(digest, algorithm, attr_settings=when, use_pades=pades))
        reference = _run(
            signers.SimpleSigner.signed_attrs(
                signer, digest, algorithm, attr_settings=when, use_pades=pades
            )
        )
        assert ours.dump() == reference.dump()


def test_the_cms_matches_pyhankos_but_for_the_signature(seal_key, settings):
    signer = signing.current_signer()
    stock = signers.SimpleSigner.load_pkcs12(
        settings.NETRA_SEAL_PKCS12, passphrase=settings.NETRA_SEAL_PASSWORD.encode()
    )
    digest = os.urandom(32)
    ours, reference = (
        _run(s.async_sign(digest, "sha256", use_pades=True)).native for s in (signer, stock)
    )
    for cms in (ours, reference):
        assert cms["content"]["signer_infos"][0].pop("signature")
    assert ours == reference
    # Room for the CMS blob (hex) was measured on the real thing, with a little slack.
    assert 2 * len(_run(signer.async_sign(digest, "sha256", use_pades=True)).dump()) < (
        signer.bytes_reserved
    )
