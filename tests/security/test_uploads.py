"""Uploads that could carry script or exhaust the server are refused, with a clear message
in Indonesian: SVG images, documents whose content is not what their name says (an HTML
page named .pdf), oversized images and documents, and rosters that are not CSV or XLSX.

Every upload path of the admin goes through the same forms (netra.home.uploads): add,
multiple upload and the chooser (the certificate design's logo is chosen there).
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from netra.home.uploads import content_problem
from netra.people import roster
from netra.people.factories import UserFactory
from netra.people.models import HrAssignment, RosterImport
from tests.conftest import login_with_mfa

from .test_fuzz import newer_zip_version

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


def png(width=40, height=30) -> bytes:
    out = io.BytesIO()
    PillowImage.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def ooxml(folder="word/") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return out.getvalue()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("isi.txt", "bukan dokumen")
    return out.getvalue()


def root():
    return Collection.get_first_root_node().pk


def file_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


class ContentCheckTests:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("uu.pdf", PDF),
            ("surat.docx", ooxml("word/")),
            ("data.xlsx", ooxml("xl/")),
            ("paparan.pptx", ooxml("ppt/")),
            ("surat.odt", odt()),
            ("catatan.txt", "Pasal 1 — ketentuan umum.\n".encode()),
        ],
    )
    def test_real_files_pass(self, name, content):
        assert content_problem(name, io.BytesIO(content)) is None

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("uu.pdf", HTML),
            ("uu.pdf", b"  %PDF-1.4 after a page"),
            ("uu.pdf", SVG),
            ("uu.pdf", b""),
            ("surat.docx", plain_zip()),
            ("surat.docx", HTML),
            ("data.xlsx", ooxml("word/")),
            ("surat.odt", plain_zip()),
            ("surat.docx", newer_zip_version(ooxml())),
            ("catatan.txt", HTML),
            ("catatan.txt", b"teks\x00biner"),
        ],
    )
    def test_files_that_are_not_what_their_name_says_are_refused(self, name, content):
        problem = content_problem(name, io.BytesIO(content))
        assert problem and ("bukan" in problem or "teks biasa" in problem)

    def test_the_file_is_rewound_for_whoever_reads_it_next(self):
        upload = io.BytesIO(ooxml())
        content_problem("surat.docx", upload)
        assert upload.tell() == 0


class DocumentUploadTests:
    def test_html_named_pdf_is_refused_in_the_admin(self, admin_client):
        response = admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": "UU palsu", "collection": root(), "file": SimpleUploadedFile("uu.pdf", HTML)},
        )
        assert response.status_code == 200
        assert "bukan PDF" in file_errors(response)
        assert not Document.objects.exists()

    def test_html_named_pdf_is_refused_by_the_multiple_uploader(self, admin_client):
        response = admin_client.post(
            reverse("wagtaildocs:add_multiple"),
            {"collection": root(), "files[]": SimpleUploadedFile("uu.pdf", HTML)},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert "bukan PDF" in response.json()["error_message"]
        assert not Document.objects.exists()

    def test_html_named_pdf_is_refused_by_the_chooser_upload(self, admin_client):
        response = admin_client.post(
            reverse("wagtaildocs_chooser:create"),
            {
                "document-chooser-upload-title": "UU palsu",
                "document-chooser-upload-collection": root(),
                "document-chooser-upload-file": SimpleUploadedFile("uu.pdf", HTML),
            },
        )
        assert "bukan PDF" in response.content.decode()
        assert not Document.objects.exists()

    def test_replacing_a_pdf_with_html_is_refused(self, admin_client):
        admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": "UU", "collection": root(), "file": SimpleUploadedFile("uu.pdf", PDF)},
        )
        document = Document.objects.get()
        response = admin_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"title": "UU", "collection": root(), "file": SimpleUploadedFile("uu.pdf", HTML)},
        )
        assert "bukan PDF" in file_errors(response)
        document.file.open("rb")
        assert document.file.read() == PDF

    def test_editing_the_title_keeps_the_stored_file(self, admin_client):
        admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": "UU", "collection": root(), "file": SimpleUploadedFile("uu.pdf", PDF)},
        )
        document = Document.objects.get()
        response = admin_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"title": "UU 20/2023", "collection": root()},
        )
        assert response.status_code == 302
        assert Document.objects.get().title == "UU 20/2023"

    def test_a_real_office_document_is_accepted(self, admin_client):
        response = admin_client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Surat",
                "collection": root(),
                "file": SimpleUploadedFile("surat.docx", ooxml()),
            },
        )
        assert response.status_code == 302
        assert Document.objects.get().title == "Surat"

    @override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
    def test_an_oversized_document_is_refused(self, admin_client):
        big = PDF + b"%" + b"0" * 2048
        response = admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": "Besar", "collection": root(), "file": SimpleUploadedFile("uu.pdf", big)},
        )
        assert "Berkas terlalu besar (2,0\xa0KB). Ukuran maksimal 1,0\xa0KB." in file_errors(
            response
        )
        assert not Document.objects.exists()


class ImageUploadTests:
    def _add(self, client, name, content, url_name="wagtailimages:add"):
        return client.post(
            reverse(url_name),
            {"title": "Logo", "collection": root(), "file": SimpleUploadedFile(name, content)},
        )

    def test_svg_is_refused_with_an_indonesian_message(self, admin_client):
        errors = file_errors(self._add(admin_client, "logo.svg", SVG))
        assert "svg" in errors.lower()
        assert "Format" in errors or "Ekstensi" in errors
        assert not Image.objects.exists()

    def test_svg_named_png_is_refused(self, admin_client):
        errors = file_errors(self._add(admin_client, "logo.png", SVG))
        assert "Bukan gambar .png yang sah: isinya berformat svg." in errors
        assert not Image.objects.exists()

    def test_html_named_png_is_refused(self, admin_client):
        errors = file_errors(self._add(admin_client, "logo.png", HTML))
        # Willow reads markup as SVG: either way, not a PNG.
        assert "Bukan gambar .png yang sah" in errors or "bukan gambar yang dapat" in errors
        assert not Image.objects.exists()

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
    def test_an_oversized_image_is_refused(self, admin_client):
        errors = file_errors(self._add(admin_client, "logo.png", png()))
        assert "Berkas terlalu besar" in errors
        assert not Image.objects.exists()

    @override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100)
    def test_an_image_with_too_many_pixels_is_refused(self, admin_client):
        errors = file_errors(self._add(admin_client, "logo.png", png(40, 30)))
        assert "Gambar terlalu besar (1200 piksel)" in errors
        assert not Image.objects.exists()

    def test_svg_is_refused_by_the_chooser_that_picks_the_certificate_logo(self, admin_client):
        response = admin_client.post(
            reverse("wagtailimages_chooser:create"),
            {
                "image-chooser-upload-title": "Logo",
                "image-chooser-upload-collection": root(),
                "image-chooser-upload-file": SimpleUploadedFile("logo.svg", SVG),
            },
        )
        assert response.status_code == 200
        assert not Image.objects.exists()

    def test_a_real_png_is_accepted(self, admin_client):
        response = self._add(admin_client, "logo.png", png())
        assert response.status_code == 302
        assert Image.objects.get().title == "Logo"


class RosterUploadTests:
    @pytest.fixture
    def hr(self, client, city):
        user = UserFactory()
        HrAssignment.objects.create(user=user, office=city["dinas"])
        return login_with_mfa(client, user)

    def _upload(self, client, city, name, content):
        return client.post(
            reverse("people:roster_imports"),
            {"file": SimpleUploadedFile(name, content), "scope": city["dinas"].pk},
        )

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("siasn.csv", HTML, "HTML/XML"),
            ("siasn.csv", SVG, "HTML/XML"),
            ("siasn.xlsx", PDF, "PDF"),
            ("siasn.xlsx", plain_zip(), "bukan lembar kerja XLSX"),
            # A zip Python cannot read (found by the fuzzer; it used to be a server error).
            ("siasn.xlsx", newer_zip_version(plain_zip()), "bukan lembar kerja XLSX"),
            ("siasn.pdf", b"NIP Baru;Nama\n", "Hanya berkas .csv atau .xlsx"),
        ],
    )
    def test_files_that_are_not_rosters_are_refused(self, hr, city, name, content, message):
        response = self._upload(hr, city, name, content)
        assert response.status_code == 200
        assert message in file_errors(response)
        assert not RosterImport.objects.exists()

    def test_an_oversized_roster_is_refused(self, hr, city, monkeypatch):
        monkeypatch.setattr(roster, "MAX_UPLOAD_BYTES", 64)
        response = self._upload(hr, city, "siasn.csv", b"NIP Baru;Nama\n" + b"1;x\n" * 40)
        assert "Berkas terlalu besar" in file_errors(response)
        assert not RosterImport.objects.exists()
