"""Producing signed-pact PDFs: render, seal, store, record. Runs in the task worker.

Idempotent: a signature that already has its PDF is left alone, so a retried or duplicated
job does nothing. The file is written atomically (see `netra.storage`) and the database
points to it only in the same transaction that records its hash in the evidence chain, so a
crash at any point leaves either no PDF or a complete one.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import evidence, pdf, signing
from .models import PactSignature
from .services import evidence_append


def verification_url(code: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL, reverse("certificates:verify", args=[code]))


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a data: URI, the only kind of image the PDF fetcher accepts
    besides static files."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def pact_pdf_context(signature: PactSignature) -> dict:
    url = verification_url(signature.verification_code)
    return {
        "title": signature.version.content["title"],
        "content": signature.version.content,
        "version": signature.version,
        "signer": signature.signer,
        "signature": signature,
        "signed_at": timezone.localtime(signature.signed_at),
        "evidence": signature.evidence,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def pact_pdf_name(signature: PactSignature) -> str:
    return f"pakta/{signature.signed_at:%Y/%m}/{signature.reference}.pdf"


def pact_pdf_generate(signature_id: int) -> PactSignature:
    """Render, seal and store the PDF of one signature (no-op when it already exists)."""
    with transaction.atomic():
        # Lock this signature's row only: a plain FOR UPDATE over the join would also lock
        # the pact version that every new signature references (a deadlock with signers
        # holding the evidence chain's lock).
        signature = (
            PactSignature.objects.select_for_update(of=("self",))
            .select_related("version", "evidence")
            .get(pk=signature_id)
        )
        if signature.pdf and default_storage.exists(signature.pdf.name):
            return signature
        document = pdf.render_pdf("certificates/pdf/pact.html", pact_pdf_context(signature))
        sealed = signing.seal_pdf(
            document,
            reason=f"Pakta integritas ditandatangani: {signature.signer['full_name']}"[:200],
            location=settings.WAGTAIL_SITE_NAME,
        )
        name = pact_pdf_name(signature)
        if default_storage.exists(name):
            # Left by a run that crashed before its transaction committed: never served.
            default_storage.delete(name)
        signature.pdf.name = default_storage.save(name, ContentFile(sealed))
        signature.pdf_sha256 = hashlib.sha256(sealed).hexdigest()
        signature.pdf_generated_at = timezone.now()
        signature.save(update_fields=["pdf", "pdf_sha256", "pdf_generated_at"])
        evidence_append(
            kind="pact.pdf",
            payload={
                "signature": str(signature.reference),
                "signed_evidence": signature.evidence.entry_hash,
                "pdf_sha256": signature.pdf_sha256,
                "generated_at": evidence.timestamp(signature.pdf_generated_at),
            },
        )
        return signature
