"""Producing sealed PDFs (signed pacts, certificates): render, seal, store, record. Runs
in the task worker.

Idempotent: a signature that already has its PDF is left alone, so a retried or duplicated
job does nothing. The file is written atomically (see `netra.storage`) and the database
points to it only in the same transaction that records its hash in the evidence chain, so a
crash at any point leaves either no PDF or a complete one.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import urljoin

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import documents, evidence, pdf, signing
from .models import Certificate, CertificateDesign, PactSignature
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
        # holding the evidence chain's lock). NO KEY UPDATE, since the key never changes:
        # a FOR UPDATE lock also blocks the foreign-key check of a certificate that the
        # outbox drain inserts, under the evidence lock, referencing this signature, while
        # this job waits for that evidence lock (a deadlock seen in the ramp load run).
        signature = (
            PactSignature.objects.select_for_update(of=("self",), no_key=True)
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


# --- Certificates --------------------------------------------------------------------------

# The logo as printed: small, JPEG (a large PNG costs seconds and megabytes per PDF).
LOGO_FILTER = "max-300x300|format-jpeg|jpegquality-82|bgcolor-ffffff"


@lru_cache(maxsize=8)
def _logo_bytes(image_id: int, file_name: str) -> bytes:
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image_id)
    rendition = image.get_rendition(LOGO_FILTER)
    with rendition.file.open("rb") as handle:
        return handle.read()


def current_design() -> documents.Design:
    design = CertificateDesign.load()
    logo = None
    if design.logo_id:
        logo = _logo_bytes(design.logo_id, design.logo.file.name)
    return documents.Design(
        issuer_name=design.issuer_name,
        issuer_unit=design.issuer_unit,
        title=design.title,
        statement=design.statement,
        signatory_name=design.signatory_name,
        signatory_title=design.signatory_title,
        signatory_id=design.signatory_id,
        signatory_place=design.signatory_place,
        primary_colour=design.primary_colour,
        accent_colour=design.accent_colour,
        paper_colour=design.paper_colour,
        logo_jpeg=logo,
    )


def _duration(minutes: int) -> str:
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return f"{hours} jam {rest} menit"
    return f"{hours} jam" if hours else f"{rest} menit"


def certificate_document(
    certificate: Certificate, *, design: documents.Design | None = None
) -> documents.CertificateDocument:
    recipient = certificate.recipient
    ancestors = tuple(recipient.get("office_ancestors", []))
    nip = recipient.get("nip", "")
    return documents.CertificateDocument(
        number=certificate.number,
        recipient=documents.Recipient(
            full_name=recipient.get("full_name", ""),
            id_label="NIP" if nip else "Nomor registrasi",
            id_number=nip or recipient.get("registration_number", ""),
            employment_type=recipient.get("employment_type_label", ""),
            jabatan=recipient.get("jabatan", ""),
            office=recipient.get("office", {}).get("name", ""),
            office_ancestors=ancestors,
        ),
        course_title=certificate.course_title,
        course_hours=_duration(certificate.course.estimated_minutes),
        completed_on=timezone.localdate(certificate.course_completed_at),
        issued_on=timezone.localdate(certificate.issued_at),
        valid_until=certificate.valid_until,
        validity_note=certificate.validity_note,
        verification_url=verification_url(certificate.verification_code),
        design=design or current_design(),
    )


def certificate_pdf_name(certificate: Certificate) -> str:
    return f"sertifikat/{certificate.issued_at:%Y/%m}/{certificate.reference}.pdf"


def certificate_pdf_generate(certificate_id: int) -> Certificate:
    """Render, seal and store a certificate's PDF (no-op when it already exists)."""
    from .certificate_pdf import render_certificate

    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",), no_key=True)
            .select_related("evidence", "course")
            .get(pk=certificate_id)
        )
        if certificate.pdf and default_storage.exists(certificate.pdf.name):
            return certificate
        document = render_certificate(certificate_document(certificate))
        sealed = signing.seal_pdf(
            document,
            reason=f"Sertifikat {certificate.number}: {certificate.course_title}"[:200],
            location=settings.WAGTAIL_SITE_NAME,
        )
        name = certificate_pdf_name(certificate)
        if default_storage.exists(name):
            # Left by a run that crashed before its transaction committed: never served.
            default_storage.delete(name)
        certificate.pdf.name = default_storage.save(name, ContentFile(sealed))
        certificate.pdf_sha256 = hashlib.sha256(sealed).hexdigest()
        certificate.pdf_generated_at = timezone.now()
        certificate.save(update_fields=["pdf", "pdf_sha256", "pdf_generated_at"])
        evidence_append(
            kind="certificate.pdf",
            payload={
                "certificate": str(certificate.reference),
                "number": certificate.number,
                "issued_evidence": certificate.evidence.entry_hash,
                "pdf_sha256": certificate.pdf_sha256,
                "generated_at": evidence.timestamp(certificate.pdf_generated_at),
            },
        )
        return certificate
