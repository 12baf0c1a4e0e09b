"""PAdES sealing of PDFs with the institution's key: the only module that imports pyHanko.

The key is a PKCS#12 file named in settings (`NETRA_SEAL_PKCS12`, `NETRA_SEAL_PASSWORD`);
`manage.py seal_keygen` creates a local CA and an ECDSA P-256 seal key for development.
The signer is loaded once per process: parsing the key per document would cost more than
the signature itself. With `NETRA_TSA_URL` set, each seal also carries an RFC 3161
timestamp from that authority.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps

FIELD_NAME = "NetraSeal"


@lru_cache(maxsize=4)
def _signer(path: str, password: str) -> signers.SimpleSigner:
    file = Path(path)
    if not file.is_file():
        raise ImproperlyConfigured(
            f"No seal key at {file}. Set NETRA_SEAL_PKCS12, or run `manage.py seal_keygen`."
        )
    signer = signers.SimpleSigner.load_pkcs12(str(file), passphrase=password.encode() or None)
    if signer is None:
        raise ImproperlyConfigured(f"Could not read the seal key at {file} (password?).")
    return signer


def current_signer() -> signers.SimpleSigner:
    return _signer(str(settings.NETRA_SEAL_PKCS12), settings.NETRA_SEAL_PASSWORD)


def seal_pdf(data: bytes, *, reason: str, location: str = "") -> bytes:
    """Return `data` with a PAdES signature by the institution's seal appended
    (an incremental update: the original bytes are kept and covered by the signature)."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
    )
    timestamper = (
        timestamps.HTTPTimeStamper(settings.NETRA_TSA_URL) if settings.NETRA_TSA_URL else None
    )
    writer = IncrementalPdfFileWriter(BytesIO(data))
    # A fixed reservation skips pyHanko's dummy signing pass used to size the CMS blob; a
    # timestamp token needs more room.
    output = run_async(
        lambda: signers.async_sign_pdf(
            writer,
            meta,
            signer=current_signer(),
            timestamper=timestamper,
            bytes_reserved=16384 if timestamper else 8192,
        )
    )
    return output.getvalue()


def run_async(make_coroutine):
    """Run one of pyHanko's coroutines from synchronous code. pyHanko's own sync wrappers
    call `asyncio.run`, which fails when the calling thread already runs an event loop
    (an ASGI server, Playwright in tests); then the coroutine gets a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()
