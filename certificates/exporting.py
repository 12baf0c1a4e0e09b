"""An office's certificates as one ZIP, streamed: PDFs are read from storage one at a time
and written straight to the response, so a ZIP of 7,000 certificates never sits in memory
or in a temporary file. PDFs are already compressed, so they are stored, not deflated.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

from netra.campaigns.exports import neutralise

from .models import Certificate
from .selectors import certificate_status

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class _Chunks(io.RawIOBase):
    """A write-only, unseekable file that hands what is written to the caller in pieces
    (zipfile then writes data descriptors instead of seeking back)."""

    def __init__(self):
        self._parts: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


def safe_name(text: str, *, limit: int = 60) -> str:
    """A file name made of ASCII letters, digits, dots, dashes and underscores only: no
    path separators, no `..`, nothing a ZIP tool could turn into a path outside."""
    name = _UNSAFE.sub("-", text).strip("-.")[:limit]
    return name or "tanpa-nama"


def pdf_filename(certificate: Certificate) -> str:
    holder = certificate.recipient.get("name", "")
    return f"{safe_name(certificate.number or str(certificate.reference))}_{safe_name(holder)}.pdf"


def manifest_csv(certificates: Iterable[Certificate]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "nomor",
            "nama",
            "nip_atau_nomor_registrasi",
            "unit_kerja",
            "kursus",
            "terbit",
            "berlaku_sampai",
            "status",
            "berkas",
            "sha256",
        ]
    )
    today = timezone.localdate()
    for c in certificates:
        r = c.recipient
        writer.writerow(
            [
                neutralise(c.number or ""),
                neutralise(r.get("full_name", "")),
                neutralise(r.get("nip") or r.get("registration_number", "")),
                neutralise(r.get("office", {}).get("name", "")),
                neutralise(c.course_title),
                timezone.localtime(c.issued_at).date().isoformat(),
                c.valid_until.isoformat() if c.valid_until else "",
                certificate_status(c, today=today),
                pdf_filename(c) if c.pdf else "",
                c.pdf_sha256,
            ]
        )
    # A BOM so Excel opens the Indonesian names as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode()


def zip_stream(certificates: list[Certificate]) -> Iterator[bytes]:
    """Yield the ZIP: one PDF per certificate that has one, and `daftar.csv` listing all
    of them (including those still being prepared)."""
    sink = _Chunks()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        used: set[str] = set()
        for certificate in certificates:
            if not certificate.pdf:
                continue
            name = pdf_filename(certificate)
            if name in used:  # the same person twice (a renewal): keep both
                name = name.removesuffix(".pdf") + f"_{certificate.pk}.pdf"
            used.add(name)
            with certificate.pdf.open("rb") as source, archive.open(name, "w") as target:
                while chunk := source.read(65536):
                    target.write(chunk)
            yield sink.take()
        archive.writestr("daftar.csv", manifest_csv(certificates))
    yield sink.take()
