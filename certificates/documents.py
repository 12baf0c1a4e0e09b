"""What a certificate PDF shows, as plain data: the contract between the issuing service
(which builds it from the database) and the renderer (`certificate_pdf.py`), which needs no
ORM. The benchmark and the tests build these directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Design:
    """The admin-editable look of certificates (Wagtail settings: "Desain sertifikat")."""

    issuer_name: str = "Pemerintah Kota Wiratama"
    issuer_unit: str = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    title: str = "SERTIFIKAT"
    subtitle: str = "Diberikan kepada"
    statement: str = (
        "telah menyelesaikan seluruh modul, lulus kuis, dan menandatangani pakta integritas "
        "pada kursus"
    )
    signatory_name: str = ""
    signatory_title: str = ""
    signatory_id: str = ""  # e.g. "NIP 19xxxxxxxxxxxxxxxx"
    signatory_place: str = "Wiratama"
    primary_colour: str = "#0f3d5e"
    accent_colour: str = "#c8a24a"
    paper_colour: str = "#ffffff"
    # A small JPEG (≤150 dpi at its printed size) or None; never a large PNG.
    logo_jpeg: bytes | None = None


@dataclass(frozen=True)
class Recipient:
    full_name: str  # with academic titles, e.g. "Dr. Rina Wulandari, S.Pd., M.Si."
    id_label: str  # "NIP" or "Nomor registrasi"
    id_number: str
    employment_type: str  # "PNS", "PPPK", "Non-ASN"
    jabatan: str
    office: str
    office_ancestors: tuple[str, ...] = ()


@dataclass(frozen=True)
class CertificateDocument:
    number: str  # human-readable, e.g. "NTR-2026-000123-4"
    recipient: Recipient
    course_title: str
    course_hours: str  # e.g. "2 jam pelajaran" or "90 menit"
    completed_on: dt.date
    issued_on: dt.date
    valid_until: dt.date | None  # None: no expiry
    validity_note: str  # e.g. "Berlaku sampai akhir masa kampanye Pilkada 2024"
    verification_url: str
    design: Design = field(default_factory=Design)
