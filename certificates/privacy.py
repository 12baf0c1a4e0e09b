"""Personal data of pacts and certificates, for the privacy registry
(netra.privacy.registry), and the evidence-chain record of an anonymisation.

Signed pacts, certificates, their sealed PDFs and the evidence chain are evidence: each
snapshots the person (name, NIP, office) as they were, the PDFs carry it under the
institution's seal, and the chain hashes it. They are kept as they are when a departed
employee is anonymised (docs/privacy.md: retention of signed evidence); changing one would
void the seal or break the chain (`manage.py verify_evidence`). The public verification
page keeps showing only the masked name from the snapshot, never the NIP.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netra.privacy.registry import (
    Delete,
    Keep,
    LegalBasis,
    PersonalData,
    after_anonymise,
    register,
)

from . import evidence
from .exporting import safe_name
from .models import (
    Certificate,
    CertificateRequest,
    EvidenceEntry,
    PactRenewalRequest,
    PactSignature,
)
from .services import evidence_append

RETENTION = _(
    "Sesuai jadwal retensi arsip instansi untuk bukti pembinaan netralitas ASN; tidak "
    "dihapus saat anonimisasi."
)
KEEP_EVIDENCE = Keep(
    _(
        "dokumen bertanda tangan dan bersegel yang menjadi bukti (Pasal 20 ayat (2) huruf c "
        "UU 27/2022); mengubahnya membatalkan segel dan memutus rantai bukti"
    )
)


def _pact_pdfs(person):
    signatures = PactSignature.objects.filter(user_id=person.user_id).select_related("version")
    for s in signatures.exclude(pdf=""):
        yield f"pakta-{s.reference}-v{s.version.number}.pdf", s.pdf


def _certificate_pdfs(person):
    for c in Certificate.objects.filter(user_id=person.user_id).exclude(pdf=""):
        yield f"sertifikat-{safe_name(c.number or str(c.reference))}.pdf", c.pdf


register(
    PersonalData(
        model=PactSignature,
        title=_("Tanda tangan pakta integritas"),
        purpose=_(
            "Bukti bahwa Anda menandatangani pakta integritas netralitas: identitas saat "
            "menandatangani, nama yang diketik, waktu autentikasi ulang, alamat IP dan "
            "peramban, serta PDF bersegel."
        ),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=RETENTION,
        user_field="user",
        employee_field="employee",
        export={
            "reference": _("Nomor referensi tanda tangan"),
            "version__pact_id": _("Nomor halaman pakta"),
            "version__number": _("Versi pakta"),
            "version__content_hash": _("SHA-256 teks pakta yang ditandatangani"),
            "signer": _("Identitas penanda tangan saat itu (nama, NIP, jabatan, unit)"),
            "typed_name": _("Nama yang diketik"),
            "signed_at": _("Waktu tanda tangan"),
            "reauthenticated_at": _("Waktu autentikasi ulang"),
            "auth_methods": _("Metode autentikasi"),
            "ip_address": _("Alamat IP"),
            "user_agent": _("Peramban"),
            "verification_code": _("Kode verifikasi (halaman /verifikasi/)"),
            "pdf_sha256": _("SHA-256 PDF bersegel"),
            "revoked_at": _("Dicabut"),
            "revoked_reason": _("Alasan pencabutan"),
        },
        files=_pact_pdfs,
        erasure=KEEP_EVIDENCE,
    )
)

register(
    PersonalData(
        model=PactRenewalRequest,
        title=_("Permintaan tanda tangan ulang pakta"),
        purpose=_("Pembaruan regulasi yang meminta Anda menandatangani versi baru pakta."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETENTION,
        user_field="user",
        export={
            "pact_id": _("Nomor halaman pakta"),
            "signed_version__number": _("Versi yang pernah ditandatangani"),
            "version__number": _("Versi yang diminta"),
            "update_title": _("Pembaruan regulasi"),
            "reason": _("Alasan"),
            "created_at": _("Diminta"),
            "resolved_at": _("Dipenuhi"),
        },
        erasure=Keep(_("tidak memuat nama atau NIP; menunjuk akun yang dianonimkan")),
    )
)

register(
    PersonalData(
        model=Certificate,
        title=_("Sertifikat"),
        purpose=_(
            "Sertifikat kursus Anda: identitas penerima saat terbit, masa berlaku, status, "
            "dan PDF bersegel."
        ),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=RETENTION,
        user_field="user",
        employee_field="employee",
        export={
            "number": _("Nomor sertifikat"),
            "reference": _("Nomor referensi"),
            "recipient": _("Identitas penerima saat terbit (nama, NIP, unit)"),
            "course_id": _("Nomor halaman kursus"),
            "course_title": _("Judul kursus"),
            "cycle": _("Putaran"),
            "course_completed_at": _("Kursus selesai"),
            "issued_at": _("Terbit"),
            "valid_until": _("Berlaku sampai"),
            "validity_note": _("Keterangan masa berlaku"),
            "verification_code": _("Kode verifikasi (halaman /verifikasi/)"),
            "pdf_sha256": _("SHA-256 PDF bersegel"),
            "superseded_at": _("Digantikan"),
            "revoked_at": _("Dicabut"),
            "revoked_reason": _("Alasan pencabutan"),
        },
        files=_certificate_pdfs,
        erasure=KEEP_EVIDENCE,
    )
)

register(
    PersonalData(
        model=CertificateRequest,
        title=_("Permintaan sertifikat"),
        purpose=_(
            "Antrean sertifikat yang sedang diperiksa setelah Anda menyelesaikan kursus atau "
            "menandatangani pakta; dihapus begitu diputuskan."
        ),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_("Sampai permintaan diputuskan (biasanya beberapa detik)."),
        user_field="user",
        export={
            "course_id": _("Nomor halaman kursus"),
            "requested_at": _("Diminta"),
            "attempts": _("Percobaan"),
            "last_error": _("Galat terakhir"),
        },
        erasure=Delete(),
    )
)


def _own_evidence(person):
    if person.user_id is None:
        return EvidenceEntry.objects.none()
    return EvidenceEntry.objects.filter(
        Q(pact_signature__user_id=person.user_id) | Q(certificate__user_id=person.user_id)
    )


register(
    PersonalData(
        model=EvidenceEntry,
        title=_("Rantai bukti"),
        purpose=_(
            "Catatan berantai (hash) saat Anda menandatangani pakta atau menerima sertifikat; "
            "siapa pun dapat memeriksa bahwa catatan tidak diubah."
        ),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=RETENTION,
        find=_own_evidence,
        export={
            "sequence": _("Urutan di rantai"),
            "kind": _("Jenis catatan"),
            "payload": _("Isi catatan"),
            "prev_hash": _("Hash catatan sebelumnya"),
            "entry_hash": _("Hash catatan ini"),
            "created_at": _("Waktu"),
        },
        erasure=Keep(
            _(
                "rantai bukti hanya bisa ditambah; mengubah satu catatan memutus verifikasi "
                "seluruh rantai"
            )
        ),
    )
)


@after_anonymise
def record_anonymisation(anonymisation) -> None:
    """The chain gets its own entry for the anonymisation: which record, by whom and when,
    and how many rows each model had changed. No name, NIP or free text (the reason stays
    in the admin-only record)."""
    evidence_append(
        kind="person.anonymised",
        payload={
            "anonymisation": str(anonymisation.reference),
            "by_user_id": anonymisation.performed_by_id,
            "at": evidence.timestamp(anonymisation.performed_at),
            "rows": anonymisation.counts,
        },
    )
