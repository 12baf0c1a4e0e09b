"""Benchmark: the certificate PDF, rendered (`certificate_pdf.render_certificate`) and
sealed (`signing.seal_pdf`), against two peers measured in the same run on the same
certificates:

- bare WeasyPrint: the same template printed the stock way, `HTML(string=…).write_pdf()`
  with default options and nothing reused (the stylesheet inline, fonts loaded from
  files, WeasyPrint's own user-agent stylesheet, the QR code as segno's inline SVG);
- ReportLab: the same certificate drawn on a ReportLab canvas with the same fonts (TTFont),
  fields, wrapping and QR code (the same rectangles, drawn as one path).

Renders run in turns (one certificate by each renderer, then the next), so a busy machine
slows every renderer alike. Targets: render ≤ 15 ms (median), seal ≤ 10 ms, sealed PDF
≤ 40 KB, render at most 2.5 times ReportLab's.

    .venv/bin/python bench/certificate_pdf.py     # or: make bench
"""

import base64
import datetime as dt
import hashlib
import os
import re
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings.test")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

import segno  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from reportlab.lib.colors import HexColor  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.lib.utils import ImageReader, simpleSplit  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from weasyprint import HTML  # noqa: E402

from certificates import certificate_pdf, signing  # noqa: E402
from certificates.documents import CertificateDocument, Design, Recipient  # noqa: E402
from certificates.keys import create_seal  # noqa: E402

ROUNDS = 12  # each round renders every sample certificate with every renderer
RENDER_MS, SEAL_MS, PDF_KB, REPORTLAB_RATIO = 15.0, 10.0, 40, 2.5
SANS, SERIF = "NetraSans", "NetraSerif-Bold"

# --- sample certificates ---------------------------------------------------------------

PEOPLE = [  # name with titles, NIP (none for non-ASN staff), employment type, jabatan
    ("Dr. Rina Wulandari, S.Pd., M.Si.", "19900512 201503 2 001", "PNS", "Guru Ahli Muda"),
    ("Agus Setiawan, S.E.", "19800817 200604 1 002", "PNS", "Analis SDM Aparatur"),
    ("Yusuf Maulana", "", "Non-ASN", "Pengemudi"),
    ("Ni Putu Ayu Kartika Dewi, S.Kep., Ns.", "19950203 202203 2 004", "PPPK", "Perawat"),
    (
        "Prof. Dr. Ir. H. Bambang Sutrisno Hadiwijoyo, M.Sc., Ph.D.",
        "19670321 199203 1 003",
        "PNS",
        "Kepala Dinas",
    ),
    ("Siti Nurhaliza", "19880101 201001 2 005", "PNS", "Pengadministrasi Perkantoran"),
    (
        "Raden Mas Aryo Wicaksono Adinegoro Kusumohadiningrat, S.H., M.Kn.",
        "19850615 200902 1 006",
        "PNS",
        "Penata Kelola Pengadaan Barang/Jasa Ahli Muda",
    ),
    ("Maria Goretti Simanjuntak, A.Md.Keb.", "19970909 202321 2 007", "PPPK", "Bidan"),
]
OFFICES = [
    ("Dinas Pendidikan", ("Pemerintah Kota Wiratama",)),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", ("Pemerintah Kota Wiratama",)),
    ("UPT SD Negeri 17 Wiratama Utara", ("Pemerintah Kota Wiratama", "Dinas Pendidikan")),
    ("Kelurahan Sukamaju", ("Pemerintah Kota Wiratama", "Kecamatan Wiratama Utara")),
    ("UPTD Puskesmas Sukamaju", ("Pemerintah Kota Wiratama", "Dinas Kesehatan")),
]


def logo_jpeg() -> bytes:
    """An emblem 90 px tall: 150 dpi at the 15 mm it is printed."""
    image = Image.new("RGB", (76, 90), "white")
    draw = ImageDraw.Draw(image)
    draw.polygon([(4, 4), (71, 4), (71, 50), (38, 86), (4, 50)], fill="#0f3d5e")
    draw.polygon([(12, 12), (63, 12), (63, 47), (38, 76), (12, 47)], fill="#c8a24a")
    draw.ellipse([24, 22, 52, 50], fill="#0f3d5e")
    out = BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def sample_documents() -> list[CertificateDocument]:
    design = Design(
        signatory_name="Drs. Agus Setiawan, M.M.",
        signatory_title="Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        signatory_id="NIP 19800817 200604 1 002",
        logo_jpeg=logo_jpeg(),
    )
    courses = [
        ("Netralitas ASN di Media Sosial", "2 jam pelajaran"),
        ("Netralitas Aparatur Sipil Negara dalam Pemilihan Kepala Daerah 2026", "90 menit"),
    ]
    documents = []
    for n, (name, nip, employment, jabatan) in enumerate(PEOPLE):
        office, ancestors = OFFICES[n % len(OFFICES)]
        course, hours = courses[n % len(courses)]
        documents.append(
            CertificateDocument(
                number=f"NTR-2026-{123 + n:06d}-{n % 10}",
                recipient=Recipient(
                    full_name=name,
                    id_label="NIP" if nip else "Nomor registrasi",
                    id_number=nip or f"PTT-2026-{n:04d}",
                    employment_type=employment,
                    jabatan=jabatan,
                    office=office,
                    office_ancestors=ancestors,
                ),
                course_title=course,
                course_hours=hours,
                completed_on=dt.date(2026, 11, 20 - n),
                issued_on=dt.date(2026, 11, 21),
                valid_until=dt.date(2027, 11, 23) if n % 2 else None,
                validity_note="Berlaku sampai akhir masa kampanye Pilkada 2027" if n % 2 else "",
                verification_url=f"https://netra.wiratamakota.go.id/verifikasi/{_code(n)}/",
                design=design,
            )
        )
    return documents


def _code(n: int) -> str:
    """A 160-bit verification code in base32, as the issuing service makes them."""
    return base64.b32encode(hashlib.sha256(f"bench {n}".encode()).digest()[:20]).decode()


# --- bare WeasyPrint -------------------------------------------------------------------


def _static(path: str) -> Path:
    return Path(finders.find(path))


def bare_weasyprint(doc: CertificateDocument) -> bytes:
    """The same template printed the stock way: no font configuration, stylesheet or
    fetcher kept between documents, WeasyPrint's own user-agent stylesheet, default
    options, and the QR code as an inline SVG."""
    css = _static(certificate_pdf.STYLESHEET).read_text() + certificate_pdf.design_css(doc.design)
    svg = segno.make(doc.verification_url, error="m").svg_inline(
        border=certificate_pdf.QR_BORDER, omitsize=True
    )
    html = certificate_pdf.certificate_html(doc)
    html = html.replace("</head>", f"<style>{css}</style></head>")
    html = re.sub(r'(<a class="qr"[^>]*>)', rf"\1{svg}", html)
    base_url = _static(certificate_pdf.STYLESHEET).parent.as_uri() + "/"
    return HTML(string=html, base_url=base_url).write_pdf()


# --- ReportLab -------------------------------------------------------------------------

GREY, INK, NAME_INK = HexColor("#52606d"), HexColor("#1f2933"), HexColor("#102a43")


def _register_fonts():
    for name, path in ((SANS, "NotoSans-Regular.ttf"), (SERIF, "NotoSerif-Bold.ttf")):
        font_path = _static(f"certificates/fonts/{path}")
        pdfmetrics.registerFont(TTFont(name, str(font_path)))


def reportlab_canvas(doc: CertificateDocument) -> bytes:
    """The same certificate drawn on a ReportLab canvas: the same fonts (embedded and
    subset by ReportLab), strings, sizes, wrapping and QR rectangles."""
    design, person = doc.design, doc.recipient
    context = certificate_pdf.context(doc)
    primary = HexColor(certificate_pdf.colour(design.primary_colour, Design.primary_colour))
    accent = HexColor(certificate_pdf.colour(design.accent_colour, Design.accent_colour))
    paper = HexColor(certificate_pdf.colour(design.paper_colour, Design.paper_colour))
    out = BytesIO()
    width, height = landscape(A4)
    c = Canvas(out, pagesize=(width, height), pageCompression=1, initialFontName=SANS)
    c.setTitle(f"{design.title} {doc.number}")
    c.setFillColor(paper)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    # The frame: a double border and a thin inner one.
    c.setStrokeColor(primary)
    c.setLineWidth(4 / 3)
    for inset in (6 * mm + 2 / 3, 6 * mm + 4 - 2 / 3):
        c.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    c.setStrokeColor(accent)
    c.setLineWidth(0.75)
    inner = 6 * mm + 4 + 2 * mm
    c.rect(inner, inner, width - 2 * inner, height - 2 * inner)

    centre, text_width = width / 2, width - 2 * (inner + 18 * mm)
    y = height - inner - 10 * mm

    def lines(text, font, size, colour, leading=1.35, char_space=0, column=text_width, x=centre):
        nonlocal y
        c.setFont(font, size)
        c.setFillColor(colour)
        for line in simpleSplit(text, font, size, column) or [""]:
            y -= size * leading
            c.drawCentredString(
                x, y + size * (leading - 1) / 2 + size * 0.25, line, charSpace=char_space
            )

    if design.logo_jpeg:
        logo = ImageReader(BytesIO(design.logo_jpeg))
        logo_width, logo_height = logo.getSize()
        y -= 15 * mm
        c.drawImage(
            logo,
            centre - 15 * mm * logo_width / logo_height / 2,
            y,
            height=15 * mm,
            width=15 * mm * logo_width / logo_height,
        )
        y -= 2 * mm
    lines(design.issuer_name.upper(), SANS, 12, primary, char_space=12 * 0.14)
    lines(design.issuer_unit, SANS, 9, GREY)
    y -= 4 * mm
    lines(design.title, SERIF, 42, primary, leading=1.1, char_space=42 * 0.18)
    lines(f"Nomor {doc.number}", SANS, 9, GREY)
    y -= 3 * mm
    c.setStrokeColor(accent)
    c.line(centre - 50 * mm, y, centre + 50 * mm, y)
    y -= 4 * mm
    lines(design.subtitle, SANS, 11, GREY)
    name_size = {"": 30, "l": 24, "m": 18, "s": 14}[context["name_size"]]
    y -= 2 * mm
    lines(person.full_name, SERIF, name_size, NAME_INK, leading=1.2)
    y -= 2 * mm
    who = f"{person.id_label} {person.id_number} · {person.employment_type}"
    lines(f"{who} · {person.jabatan}" if person.jabatan else who, SANS, 10, GREY)
    office = (
        f"{person.office}, {context['parent_office']}"
        if context["parent_office"]
        else person.office
    )
    lines(office, SANS, 10, GREY)
    y -= 6 * mm
    lines(design.statement, SANS, 11, INK, leading=1.6)
    course_size = {"": 17, "m": 14, "s": 12}[context["course_size"]]
    lines(doc.course_title, SERIF, course_size, primary, leading=1.6 * 11 / course_size)
    completed = context_date(doc.completed_on)
    lines(f"{doc.course_hours} · diselesaikan pada {completed}", SANS, 11, INK, leading=1.6)
    if doc.valid_until:
        validity = f"Berlaku sampai {context_date(doc.valid_until)}"
    else:
        validity = "Berlaku tanpa batas waktu"
    if doc.validity_note:
        validity += f" · {doc.validity_note}"
    lines(validity, SANS, 10, GREY, leading=1.6 * 11 / 10)

    # The footer: QR code and where to check it, then the signatory and the seal.
    bottom = inner + 0.75 + 9 * mm
    qr_side = 25 * mm
    size, rectangles = certificate_pdf.qr_rectangles(doc.verification_url)
    total = size + 2 * certificate_pdf.QR_BORDER
    module = qr_side / total
    qr_left = inner + 0.75 + 13 * mm
    c.setFillColor(HexColor("#ffffff"))
    c.rect(qr_left, bottom, qr_side, qr_side, stroke=0, fill=1)
    c.setFillColor(HexColor("#000000"))
    path = c.beginPath()
    top = bottom + qr_side - certificate_pdf.QR_BORDER * module
    for x, y_module, w, h in rectangles:
        left = qr_left + (x + certificate_pdf.QR_BORDER) * module
        path.rect(left, top - (y_module + h) * module, w * module, h * module)
    c.drawPath(path, stroke=0, fill=1)

    check = "Periksa keaslian sertifikat ini dengan memindai kode QR atau di"
    verify = simpleSplit(check, SANS, 7.5, 110 * mm)
    address = certificate_pdf.context(doc)["verification_address"]  # printed without https://
    verify += simpleSplit(address, SANS, 7.5, 110 * mm)
    c.setFont(SANS, 7.5)
    c.setFillColor(GREY)
    for n, line in enumerate(reversed(verify)):
        c.drawString(inner + 0.75 + 42 * mm, bottom + 2 + n * 7.5 * 1.35, line)

    sign_centre = width - inner - 0.75 - 13 * mm - 54 * mm
    seal = "Dokumen ini disegel secara elektronik; keaslian dapat diperiksa melalui kode QR."
    sign = [
        (SANS, 9, 1.5, INK, f"{design.signatory_place}, {context_date(doc.issued_on)}"),
        *(
            (SANS, 9, 1.5, INK, line)
            for line in simpleSplit(design.signatory_title, SANS, 9, 108 * mm)
        ),
        (SANS, 7, 3, GREY, seal),
        (SERIF, 11, 1.5, INK, design.signatory_name),
        (SANS, 9, 1.5, INK, design.signatory_id),
    ]
    y = bottom + 2
    for font, size, leading, colour, text in reversed(sign):
        c.setFont(font, size)
        c.setFillColor(colour)
        c.drawCentredString(sign_centre, y + size * (leading - 1.35) / 2, text)
        y += size * leading
    c.linkURL(doc.verification_url, (qr_left, bottom, qr_left + qr_side, bottom + qr_side))
    c.showPage()
    c.save()
    return out.getvalue()


MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def context_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS.split()[day.month - 1]} {day.year}"


# --- measuring -------------------------------------------------------------------------


def _in_turns(renderers: dict[str, Callable], documents) -> dict[str, list[float]]:
    """Seconds per render for each renderer, taking turns document by document."""
    for render in renderers.values():
        for doc in documents[:2]:
            render(doc)  # warm up: imports, font registration, per-thread caches
    timings = {name: [] for name in renderers}
    for _ in range(ROUNDS):
        for doc in documents:
            for name, render in renderers.items():
                start = time.perf_counter()
                render(doc)
                timings[name].append(time.perf_counter() - start)
    return timings


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def render_and_seal(documents) -> list[tuple[str, bool]]:
    """The certificate PDF against its peers; returns (target, met) rows."""
    _register_fonts()
    renderers = {
        "Netra (render_certificate)": certificate_pdf.render_certificate,
        "bare WeasyPrint": bare_weasyprint,
        "ReportLab canvas": reportlab_canvas,
    }
    timings = _in_turns(renderers, documents)
    ours, bare, reportlab = (_ms(timings[name]) for name in renderers)

    unsealed = [certificate_pdf.render_certificate(doc) for doc in documents]
    reason = "Sertifikat diterbitkan"
    signing.seal_pdf(unsealed[0], reason=reason)  # prepare the signer once, as the worker does
    seal_timings, sealed = [], []
    for _ in range(ROUNDS):
        for data in unsealed:
            start = time.perf_counter()
            sealed.append(signing.seal_pdf(data, reason=reason, location="Wiratama"))
            seal_timings.append(time.perf_counter() - start)
    seal = _ms(seal_timings)
    sizes = [len(data) for data in sealed]
    peer_sizes = {
        "bare WeasyPrint": max(len(bare_weasyprint(doc)) for doc in documents),
        "ReportLab canvas": max(len(reportlab_canvas(doc)) for doc in documents),
    }

    load = os.getloadavg()[0]
    print(
        f"certificate PDF, {len(documents)} certificates x {ROUNDS} rounds, median ms "
        f"(load average {load:.1f} on {os.cpu_count()} CPUs)"
    )
    print(f"{'':>30} {'render':>8} {'x ours':>7} {'unsealed KB (max)':>18}")
    rows = [("Netra (render_certificate)", ours, max(map(len, unsealed)))]
    rows += [
        (name, ms, peer_sizes[name])
        for name, ms in (("bare WeasyPrint", bare), ("ReportLab canvas", reportlab))
    ]
    for name, ms, size in rows:
        print(f"{name:>30} {ms:>8.2f} {ms / ours:>7.2f} {size / 1024:>18.1f}")
    print(f"ours / ReportLab {ours / reportlab:.2f}x, ours / bare WeasyPrint {ours / bare:.2f}x")
    print(
        f"seal {seal:.2f} ms; sealed PDF {statistics.median(sizes) / 1024:.1f} KB median, "
        f"{max(sizes) / 1024:.1f} KB max"
    )
    return [
        (f"render ≤ {RENDER_MS:.0f} ms ({ours:.1f})", ours <= RENDER_MS),
        (f"seal ≤ {SEAL_MS:.0f} ms ({seal:.1f})", seal <= SEAL_MS),
        (f"sealed PDF ≤ {PDF_KB} KB ({max(sizes) / 1024:.1f})", max(sizes) <= PDF_KB * 1024),
        (
            f"render ≤ {REPORTLAB_RATIO}x ReportLab ({ours / reportlab:.2f}x)",
            ours <= REPORTLAB_RATIO * reportlab,
        ),
    ]


# Each section measures one part of issuing certificates and returns (target, met) rows;
# a section for the end-to-end queue throughput goes after the PDF's.
SECTIONS = (render_and_seal,)


def main():
    with tempfile.TemporaryDirectory() as directory:
        _ca, key = create_seal(Path(directory), organisation="Pemkot Bench", password="bench")  # noqa: S106 - throw-away key
        settings.NETRA_SEAL_PKCS12, settings.NETRA_SEAL_PASSWORD = str(key), "bench"
        documents = sample_documents()
        verdicts = []
        for section in SECTIONS:
            verdicts += section(documents)
            print()
        for target, met in verdicts:
            print(f"{'PASS' if met else 'FAIL'}  {target}")


if __name__ == "__main__":
    main()
