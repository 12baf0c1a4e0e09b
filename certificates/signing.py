"""PAdES sealing of PDFs with the institution's key: the only module that imports pyHanko.

The key is a PKCS#12 file named in settings (`NETRA_SEAL_PKCS12`, `NETRA_SEAL_PASSWORD`);
`manage.py seal_keygen` creates a local CA and an ECDSA P-256 seal key for development.
With `NETRA_TSA_URL` set, each seal also carries an RFC 3161 timestamp from that authority.

Everything that does not depend on the document is prepared once per process (see
`SealSigner`): parsing the key, and building the signed attributes with asn1crypto, would
each cost more than the signature itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from asn1crypto import cms
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import load_der_private_key
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import get_pyca_cryptography_hash

FIELD_NAME = "NetraSeal"
MD_ALGORITHM = "sha256"  # PAdES baseline; the digest the signed-attributes template is for
# Hex characters reserved for a CMS blob that carries a timestamp token (and the TSA's
# certificates): its size is the authority's, not known in advance.
TSA_BYTES_RESERVED = 16384
# Placeholder digest the signed-attributes template is built around (any 32 bytes will do).
_TEMPLATE_DIGEST = hashlib.sha256(b"netra seal: signed attributes template").digest()


class SealSigner(signers.SimpleSigner):
    """pyHanko's `SimpleSigner` with the document-independent work done once.

    For every signature pyHanko builds the signed attributes (content type, message digest
    and the signing-certificate-v2 reference to the seal certificate) as asn1crypto
    objects; asn1crypto re-encodes a newly built structure on every access, each nesting
    level doubling the work, which made up ~15 of the ~19 ms of a seal. In PAdES mode those
    attributes depend on the document only through the message digest (a fixed-length
    OCTET STRING), so `prepare` has pyHanko build them once around a placeholder digest,
    and each signature splices its own digest into that DER: the bytes are exactly what
    pyHanko would have produced. Any other kind of signature takes pyHanko's own path.

    The private key is also parsed once here, where `SimpleSigner.sign_raw` parses it
    again for every signature.
    """

    _signed_attrs_template: tuple[bytes, bytes] | None = None
    _private_key: PrivateKeyTypes | None = None
    # Hex characters to reserve for the CMS blob in the PDF, measured by `prepare`.
    bytes_reserved: int = 8192

    @classmethod
    def from_simple_signer(cls, signer: signers.SimpleSigner) -> SealSigner:
        seal_signer = cls(
            signing_cert=signer.signing_cert,
            signing_key=signer.signing_key,
            cert_registry=signer.cert_registry,
            signature_mechanism=signer.signature_mechanism,
            prefer_pss=signer.prefer_pss,
            embed_roots=signer.embed_roots,
            attribute_certs=signer.attribute_certs,
        )
        seal_signer._private_key = load_der_private_key(signer.signing_key.dump(), password=None)
        return seal_signer

    async def prepare(self) -> None:
        """Build the signed-attributes template with pyHanko, then size the CMS blob."""
        reference = await super().signed_attrs(_TEMPLATE_DIGEST, MD_ALGORITHM, use_pades=True)
        before, found, after = reference.dump().partition(_TEMPLATE_DIGEST)
        if not found or _TEMPLATE_DIGEST in after:
            raise ImproperlyConfigured("Unexpected signed attributes for the seal key.")
        self._signed_attrs_template = (before, after)
        # A real signature through the fast path. An ECDSA signature varies by a few bytes,
        # so do any lengths in the DER around it; 64 bytes of slack is plenty.
        sample = await self.async_sign(_TEMPLATE_DIGEST, MD_ALGORITHM, use_pades=True)
        self.bytes_reserved = 2 * (len(sample.dump()) + 64)

    async def signed_attrs(
        self,
        data_digest,
        digest_algorithm,
        attr_settings=None,
        content_type="data",
        use_pades=False,
        timestamper=None,
        dry_run=False,
        is_pdf_sig=True,
    ):
        template = self._signed_attrs_template
        if (
            template is None
            or not (use_pades and is_pdf_sig and content_type == "data")
            or digest_algorithm != MD_ALGORITHM
            or len(data_digest) != len(_TEMPLATE_DIGEST)
            or self.signed_attr_prov_spec is not None
            or (attr_settings is not None and attr_settings.cades_signed_attrs is not None)
        ):
            return await super().signed_attrs(
                data_digest,
                digest_algorithm,
                attr_settings=attr_settings,
                content_type=content_type,
                use_pades=use_pades,
                timestamper=timestamper,
                dry_run=dry_run,
                is_pdf_sig=is_pdf_sig,
            )
        before, after = template
        # Parsed (lazily), not built: asn1crypto re-uses these bytes when dumping.
        return cms.CMSAttributes.load(before + data_digest + after)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        key = self._private_key
        if isinstance(key, ec.EllipticCurvePrivateKey) and self.signature_mechanism is None:
            # What pyHanko does for an EC key (mechanism `<digest>_ecdsa`), minus the parse.
            return key.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        return super().sign_raw(data, digest_algorithm)


@lru_cache(maxsize=4)
def _signer(path: str, password: str) -> SealSigner:
    file = Path(path)
    if not file.is_file():
        raise ImproperlyConfigured(
            f"No seal key at {file}. Set NETRA_SEAL_PKCS12, or run `manage.py seal_keygen`."
        )
    loaded = signers.SimpleSigner.load_pkcs12(str(file), passphrase=password.encode() or None)
    if loaded is None:
        raise ImproperlyConfigured(f"Could not read the seal key at {file} (password?).")
    signer = SealSigner.from_simple_signer(loaded)
    run_async(signer.prepare)
    return signer


def current_signer() -> SealSigner:
    return _signer(str(settings.NETRA_SEAL_PKCS12), settings.NETRA_SEAL_PASSWORD)


@lru_cache(maxsize=4)
def _timestamper(url: str) -> timestamps.HTTPTimeStamper:
    # pyHanko's timestamper is meant to be reused across calls (it opens a session per
    # request), and it caches the dummy response it sizes signatures with.
    return timestamps.HTTPTimeStamper(url)


def seal_pdf(data: bytes, *, reason: str, location: str = "") -> bytes:
    """Return `data` with a PAdES signature by the institution's seal appended
    (an incremental update: the original bytes are kept and covered by the signature)."""
    signer = current_signer()
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm=MD_ALGORITHM,
        reason=reason,
        location=location or None,
    )
    timestamper = _timestamper(settings.NETRA_TSA_URL) if settings.NETRA_TSA_URL else None
    writer = IncrementalPdfFileWriter(BytesIO(data))
    # A fixed reservation skips pyHanko's dummy signing pass used to size the CMS blob.
    output = run_async(
        lambda: signers.async_sign_pdf(
            writer,
            meta,
            signer=signer,
            timestamper=timestamper,
            bytes_reserved=TSA_BYTES_RESERVED if timestamper else signer.bytes_reserved,
        )
    )
    return output.getvalue()


_thread = threading.local()
_offload_lock = threading.Lock()
_offload: tuple[int, ThreadPoolExecutor] | None = None


def _run_in_thread_loop(make_coroutine):
    """Run the coroutine on this thread's own event loop, created once per thread (and
    process: an event loop must not be shared with a forked child) and then kept, where
    `asyncio.run` would create and tear down one per call."""
    loop = getattr(_thread, "loop", None)
    if loop is None or loop.is_closed() or _thread.pid != os.getpid():
        loop = _thread.loop = asyncio.new_event_loop()
        _thread.pid = os.getpid()
    try:
        return loop.run_until_complete(make_coroutine())
    finally:
        # As `asyncio.run` does: nothing the coroutine left behind outlives the call.
        if leftovers := asyncio.all_tasks(loop):
            for task in leftovers:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


def _offload_pool() -> ThreadPoolExecutor:
    global _offload
    pid = os.getpid()
    if _offload is None or _offload[0] != pid:
        with _offload_lock:
            if _offload is None or _offload[0] != pid:
                pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="netra-seal")
                _offload = (pid, pool)
    return _offload[1]


def run_async(make_coroutine):
    """Run one of pyHanko's coroutines from synchronous code. pyHanko's own sync wrappers
    call `asyncio.run`, which fails when the calling thread already runs an event loop
    (an ASGI server, Playwright in tests); then the coroutine runs on a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run_in_thread_loop(make_coroutine)
    return _offload_pool().submit(_run_in_thread_loop, make_coroutine).result()


def seal_key_material():
    """The seal's private key, certificate and CA chain as `cryptography` objects, for
    what is signed outside PDFs (Open Badges credentials, certificates/openbadges.py).

    Read through `current_signer`, so the PKCS#12 is parsed once per process and its
    errors are the same; only the two small DER conversions are repeated per call."""
    from cryptography import x509

    signer = current_signer()
    return (
        signer._private_key,
        x509.load_der_x509_certificate(signer.signing_cert.dump()),
        [x509.load_der_x509_certificate(cert.dump()) for cert in signer.cert_registry],
    )
