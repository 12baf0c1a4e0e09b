"""The certificate PDF: one A4 landscape page, text as given (escaped, always Indonesian),
fonts embedded, the QR code as vector, colours checked, and small enough once sealed."""

import dataclasses
import datetime as dt
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest
import segno
from django.utils import translation
from PIL import Image
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import certificate_pdf, pdf, signing
from certificates.documents import CertificateDocument, Design, Recipient

URL = "https://netra.wiratamakota.go.id/verifikasi/7XK2M9QPL4RTW8ZC3VBN5HJD6FGY2A/"


def _document(**changes) -> CertificateDocument:
    recipient = Recipient(
        full_name="Dr. Rina Wulandari, S.Pd., M.Si.",
        id_label="NIP",
        id_number="19900512 201503 2 001",
        employment_type="PNS",
        jabatan="Guru Ahli Muda",
        office="UPT SD Negeri 1",
        office_ancestors=("Pemerintah Kota Wiratama", "Dinas Pendidikan"),
    )
    document = CertificateDocument(
        number="NTR-2026-000123-4",
        recipient=recipient,
        course_title="Netralitas ASN di Media Sosial",
        course_hours="2 jam pelajaran",
        completed_on=dt.date(2026, 8, 17),
        issued_on=dt.date(2026, 10, 1),
        valid_until=dt.date(2027, 12, 31),
        validity_note="Berlaku sampai akhir masa kampanye Pilkada 2027",
        verification_url=URL,
        design=Design(
            signatory_name="Drs. Agus Setiawan, M.M.",
            signatory_title="Kepala BKPSDM",
            signatory_id="NIP 19800817 200604 1 002",
        ),
    )
    return dataclasses.replace(document, **changes)


def _with(document, **changes):
    """`document` with recipient or design fields changed."""
    recipient = {k: v for k, v in changes.items() if hasattr(document.recipient, k)}
    design = {k: v for k, v in changes.items() if hasattr(document.design, k)}
    return dataclasses.replace(
        document,
        recipient=dataclasses.replace(document.recipient, **recipient),
        design=dataclasses.replace(document.design, **design),
    )


def _jpeg(height_px=88) -> bytes:
    """A logo of `height_px` (88 px is 149 dpi at the 15 mm it is printed)."""
    out = BytesIO()
    Image.new("RGB", (int(height_px * 0.85), height_px), "#0f3d5e").save(out, "JPEG")
    return out.getvalue()


class _Page:
    """The first page of a PDF as read back by pyHanko."""

    def __init__(self, data: bytes):
        self.reader = PdfFileReader(BytesIO(data))
        pages = self.reader.root["/Pages"]
        self.count = pages["/Count"]
        self.page = pages["/Kids"][0]
        contents = self.page["/Contents"]
        streams = contents if isinstance(contents, list) else [contents]
        self.streams = [stream.get_object().data for stream in streams]
        self.content = b"\n".join(self.streams)
        resources = self.page["/Resources"]
        self.fonts = {name: resources["/Font"][name] for name in resources["/Font"]}
        self.images = list(_images(resources))

    def text(self) -> str:
        """The page's text, a line per text object, through the fonts' ToUnicode maps."""
        maps = {name.lstrip("/"): _to_unicode(font) for name, font in self.fonts.items()}
        lines, font = [], None
        for block in re.findall(rb"BT(.*?)ET", self.content, re.S):
            line = []
            for operator in re.finditer(rb"/(\S+) [\d.]+ Tf|\[(.*?)\] ?TJ", block, re.S):
                if operator[1]:
                    font = maps[operator[1].decode()]
                    continue
                for hex_string in re.findall(rb"<([0-9a-fA-F]*)>", operator[2]):
                    codes = hex_string.decode()
                    line += [font.get(codes[i : i + 4], "?") for i in range(0, len(codes), 4)]
            lines.append("".join(line))
        return "\n".join(lines)


def _images(resources):
    """The image XObjects drawn with `resources`, also inside form XObjects."""
    xobjects = resources.get("/XObject", {})
    for name in xobjects:
        xobject = xobjects[name]
        if xobject["/Subtype"] == "/Image":
            yield xobject
        elif "/Resources" in xobject:
            yield from _images(xobject["/Resources"])


def _to_unicode(font) -> dict[str, str]:
    cmap = font["/ToUnicode"].data.decode()
    mapping = {}
    for section in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<(\w+)>\s*<(\w+)>", section):
            mapping[code.lower().zfill(4)] = bytes.fromhex(text).decode("utf-16-be")
    for section in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, text in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", section):
            first = ord(bytes.fromhex(text).decode("utf-16-be"))
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[f"{code:04x}"] = chr(first + offset)
    return mapping


@pytest.fixture(scope="module")
def page():
    return _Page(certificate_pdf.render_certificate(_document()))


class LayoutTests:
    def test_one_a4_landscape_page(self, page):
        assert page.count == 1
        assert [round(float(v)) for v in page.page["/MediaBox"]] == [0, 0, 842, 595]

    def test_the_text_is_all_there_in_indonesian(self, page):
        text = page.text()
        for expected in [
            "PEMERINTAH KOTA WIRATAMA",
            "SERTIFIKAT",
            "Nomor NTR-2026-000123-4",
            "Diberikan kepada",
            "Dr. Rina Wulandari, S.Pd., M.Si.",
            "NIP 19900512 201503 2 001 · PNS · Guru Ahli Muda",
            "UPT SD Negeri 1, Dinas Pendidikan",
            "Netralitas ASN di Media Sosial",
            "2 jam pelajaran · diselesaikan pada 17 Agustus 2026",
            "Wiratama, 1 Oktober 2026",
            "Berlaku sampai 31 Desember 2027 · Berlaku sampai akhir masa kampanye Pilkada 2027",
            "Dokumen ini disegel secara elektronik; keaslian dapat diperiksa melalui kode QR.",
            "Periksa keaslian sertifikat ini dengan memindai kode QR atau di",
            "Kepala BKPSDM",
            "Drs. Agus Setiawan, M.M.",
            "NIP 19800817 200604 1 002",
        ]:
            assert expected in text
        # Printed without its scheme (browsers add it), so it fits on one line.
        assert URL.removeprefix("https://") in text and "https://" not in text

    def test_indonesian_whatever_the_active_language(self):
        with translation.override("en"):
            text = _Page(certificate_pdf.render_certificate(_document())).text()
        assert "17 Agustus 2026" in text and "August" not in text

    def test_without_expiry(self):
        document = _document(valid_until=None, validity_note="")
        text = _Page(certificate_pdf.render_certificate(document)).text()
        assert "Berlaku tanpa batas waktu" in text and "Berlaku sampai" not in text

    def test_a_registration_number_instead_of_a_nip(self):
        document = _with(_document(), id_label="Nomor registrasi", id_number="PTT-0042")
        text = _Page(certificate_pdf.render_certificate(document)).text()
        assert "Nomor registrasi PTT-0042 · PNS" in text and "NIP 1990" not in text

    def test_markup_in_names_prints_as_text(self):
        name = '<script>alert("x")</script> <b>Budi</b> & Ani'
        document = _with(_document(), full_name=name, office="<i>Dinas</i>")
        text = _Page(certificate_pdf.render_certificate(document)).text()
        assert name in text and "<i>Dinas</i>" in text

    def test_long_names_offices_and_titles_stay_on_one_page(self):
        name = ("Prof. Dr. Ir. Hj. Raden Ajeng Siti Nurhaliza Kusumawardhani, S.H., M.H. " * 2)[
            :120
        ]
        office = "Unit Pelaksana Teknis Daerah Pusat Pelatihan dan Pengembangan Kompetensi " * 2
        document = _with(
            _document(
                course_title="Netralitas Aparatur Sipil Negara dalam Pemilihan Umum dan "
                "Pemilihan Kepala Daerah: Etika Bermedia Sosial, Konflik Kepentingan, dan "
                "Sanksi Disiplin",
            ),
            full_name=name,
            office=office,
            jabatan="Penata Kelola Sistem dan Teknologi Informasi Ahli Pertama",
            signatory_title="Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia "
            "Daerah Kota Wiratama",
            logo_jpeg=_jpeg(),
        )
        page = _Page(certificate_pdf.render_certificate(document))
        assert page.count == 1
        assert name.split()[-1] in page.text()

    def test_names_shrink_with_length(self):
        sizes = [certificate_pdf.size_class("x" * n) for n in (20, 40, 60, 120)]
        assert sizes == ["", "l", "m", "s"]


class FontTests:
    def test_only_the_vendored_fonts_and_embedded(self, page):
        names = sorted(str(font["/BaseFont"]).split("+")[1] for font in page.fonts.values())
        assert names == ["Netra-Sans", "Netra-Serif-Bold"]
        for font in page.fonts.values():
            descriptor = font["/DescendantFonts"][0]["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor

    def test_latin_names_need_no_system_font_and_subset_by_harfbuzz(self, caplog):
        caplog.set_level(logging.WARNING, logger="weasyprint")
        document = _with(_document(), full_name="Ñoño Çağlar – “Ayu” d\u2019Ávila")
        page = _Page(certificate_pdf.render_certificate(document))
        assert len(page.fonts) == 2  # the vendored subsets cover Latin names
        assert "instead of HarfBuzz-Subset" not in caplog.text


class ColourTests:
    @pytest.mark.parametrize("value", ["#336699", "#AABBCC"])
    def test_hex_colours_are_kept(self, value):
        assert certificate_pdf.colour(value, "#000000") == value.lower()

    @pytest.mark.parametrize(
        "value", ["red", "#fff", "#12345g", "#123456;} body { color: red", "", None]
    )
    def test_anything_else_falls_back(self, value):
        assert certificate_pdf.colour(value, "#0f3d5e") == "#0f3d5e"

    def test_the_pdf_uses_valid_colours_and_defaults_for_invalid_ones(self):
        document = _with(_document(), primary_colour="url(x);}", accent_colour="#336699")
        content = _Page(certificate_pdf.render_certificate(document)).content
        assert b"0.058824 0.239216 0.368627 rg" in content  # the default primary, #0f3d5e
        assert b"0.2 0.4 0.6 rg" in content  # the accent given, #336699


class ImageTests:
    def test_the_logo_is_embedded_as_given(self):
        logo = _jpeg()
        page = _Page(certificate_pdf.render_certificate(_with(_document(), logo_jpeg=logo)))
        (image,) = page.images
        assert image["/Filter"] == "/DCTDecode"
        assert image.encoded_data == logo  # the JPEG itself, not re-encoded

    def test_no_raster_image_of_our_own(self, page):
        assert page.images == []

    def test_a_logo_that_is_not_a_jpeg_is_left_out(self):
        out = BytesIO()
        Image.new("RGB", (800, 800), "red").save(out, "PNG")
        document = _with(_document(), logo_jpeg=out.getvalue())
        assert _Page(certificate_pdf.render_certificate(document)).images == []


class QRTests:
    def test_the_rectangles_draw_the_qr_code_of_the_url(self):
        size, rectangles = certificate_pdf.qr_rectangles(URL)
        drawn = [bytearray(size) for _ in range(size)]
        for x, y, width, height in rectangles:
            for row in drawn[y : y + height]:
                row[x : x + width] = b"\x01" * width
        expected = segno.make(URL, error="m", mask=certificate_pdf.QR_MASK).matrix
        assert [bytes(row) for row in drawn] == [bytes(row) for row in expected]
        assert len(rectangles) < size * size / 3  # runs, not squares

    def test_painted_as_one_vector_path_in_the_link_box(self, page):
        size, rectangles = certificate_pdf.qr_rectangles(URL)
        qr = page.streams[-1].decode()
        assert qr.count(" re") == len(rectangles) + 1  # and the white quiet zone
        module, _, left, top = map(
            float, re.search(r"([\d.]+) 0 0 -([\d.]+) ([\d.]+) ([\d.]+) cm", qr).groups()
        )
        (link,) = (annotation.get_object() for annotation in page.page["/Annots"])
        x0, y0, x1, y1 = (float(v) for v in link["/Rect"])  # any two opposite corners
        assert link["/A"]["/URI"] == URL
        assert abs(left - min(x0, x1)) < 0.01 and abs(top - max(y0, y1)) < 0.01
        assert abs(module * (size + 2 * certificate_pdf.QR_BORDER) - abs(x1 - x0)) < 0.01


class SealTests:
    def test_sealed_pdf_is_small_and_valid(self, seal_key):
        document = _with(_document(), logo_jpeg=_jpeg())
        unsealed = certificate_pdf.render_certificate(document)
        sealed = signing.seal_pdf(unsealed, reason="Sertifikat diterbitkan", location="Wiratama")
        assert sealed.startswith(unsealed) and len(sealed) <= 40 * 1024
        (signature,) = PdfFileReader(BytesIO(sealed)).embedded_signatures
        context = ValidationContext(trust_roots=[load_cert_from_pemder(str(seal_key))])
        status = signing.run_async(lambda: async_validate_pdf_signature(signature, context))
        assert status.bottom_line


def test_threads_render_at_once():
    documents = [_with(_document(), full_name=f"Peserta {n}") for n in range(6)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        pages = list(pool.map(lambda d: _Page(certificate_pdf.render_certificate(d)), documents))
    for n, page in enumerate(pages):
        assert page.count == 1 and f"Peserta {n}" in page.text()


class PrinterTests:
    def test_each_thread_keeps_its_font_configuration_and_stylesheets(self):
        certificate_pdf.render_certificate(_document())
        printer = pdf._printer()
        stylesheet = printer.stylesheet(certificate_pdf.STYLESHEET)
        certificate_pdf.render_certificate(_document())
        assert pdf._printer() is printer
        assert printer.stylesheet(certificate_pdf.STYLESHEET) is stylesheet
        with ThreadPoolExecutor(max_workers=1) as pool:
            assert pool.submit(pdf._printer).result() is not printer

    def test_without_its_own_user_agent_stylesheet_the_page_is_the_same(self, monkeypatch):
        # The lean user-agent stylesheet goes through a WeasyPrint hook that is not public
        # API; were it gone, WeasyPrint's own stylesheet must print the same page.
        monkeypatch.setattr(pdf, "_CAN_REPLACE_UA_STYLESHEET", False)
        stock = _Page(certificate_pdf.render_certificate(_document()))
        monkeypatch.undo()
        lean = _Page(certificate_pdf.render_certificate(_document()))
        assert stock.count == lean.count == 1
        assert stock.text() == lean.text()
        positions = re.compile(rb"[\d.]+ [\d.]+ Tm")
        assert positions.findall(stock.content) == positions.findall(lean.content)


class XmlParsingTests:
    """The certificate is read by Python's XML parser (`render_html(xhtml=True)`), and
    must print exactly what WeasyPrint's HTML parser would have printed."""

    def _stock_and_fast(self, monkeypatch, document):
        monkeypatch.setattr(pdf, "_CAN_TAKE_TREE", False)
        stock = _Page(certificate_pdf.render_certificate(document))
        monkeypatch.undo()
        return stock, _Page(certificate_pdf.render_certificate(document))

    @pytest.mark.parametrize(
        "changes",
        [
            {},
            {"full_name": "<b>Budi</b> & \"Sons\" 'Ltd'", "office": "Dinas <script>"},
            {"full_name": "Raden Mas Aryo Wicaksono Adinegoro Kusumohadiningrat, S.H., M.Kn."},
        ],
    )
    def test_the_xml_parser_prints_the_same_page(self, monkeypatch, changes):
        stock, fast = self._stock_and_fast(monkeypatch, _with(_document(), **changes))
        assert stock.count == fast.count == 1
        assert stock.text() == fast.text()
        positions = re.compile(rb"[\d.]+ [\d.]+ Tm")
        assert positions.findall(stock.content) == positions.findall(fast.content)

    @pytest.fixture
    def parsed(self, monkeypatch):
        """What each render's XML parsing gave: a document, or None (fallen back)."""
        parsed = []
        real = pdf._from_tree
        monkeypatch.setattr(pdf, "_from_tree", lambda *a: parsed.append(real(*a)) or parsed[-1])
        return parsed

    def test_the_template_is_well_formed_xml(self, parsed):
        certificate_pdf.render_certificate(_document())
        assert parsed and parsed[0] is not None
        root = parsed[0].etree_element
        assert [child.tag for child in root] == ["head", "body"]
        assert not (root.text or "").strip() and not (root[0].tail or "").strip()

    def test_a_value_xml_cannot_hold_falls_back_to_the_html_parser(self, parsed):
        # A control character is not allowed in XML; HTML reads it as text.
        data = certificate_pdf.render_certificate(_with(_document(), full_name="Budi\x0bSantoso"))
        assert parsed == [None]
        page = _Page(data)
        assert page.count == 1 and "Budi" in page.text() and "Santoso" in page.text()
