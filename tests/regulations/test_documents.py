"""Uploads are served as downloads and SVG is refused; document privacy still applies."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from netra.regulations.factories import RegulationPageFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _document(name="uu-20-2023.pdf", content=PDF, collection=None) -> Document:
    document = Document(
        title="Salinan demo", collection=collection or Collection.get_first_root_node()
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


class DocumentServingTests:
    def test_regulation_pdf_downloads_as_attachment_with_nosniff(self, client, library):
        document = _document()
        page = RegulationPageFactory(parent=library, document=document)
        response = client.get(f"/regulasi/{page.pk}/unduh/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert document.filename in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert _body(response) == PDF
        assert f'href="/regulasi/{page.pk}/unduh/"' in client.get(page.url).content.decode()

    def test_regulation_without_document_or_unpublished_is_404(self, client, library):
        bare = RegulationPageFactory(parent=library)
        draft = RegulationPageFactory(parent=library, document=_document(), publish=False)
        assert client.get(f"/regulasi/{bare.pk}/unduh/").status_code == 404
        assert client.get(f"/regulasi/{draft.pk}/unduh/").status_code == 404

    def test_other_documents_need_sign_in_and_are_attachments(self, client, learner, library):
        document = _document("catatan.txt", b"catatan")
        url = document.url
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/akun/login/" in anonymous["Location"]
        client.force_login(learner)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_private_collection_is_refused_to_those_outside_its_group(
        self, client, learner, library
    ):
        root = Collection.get_first_root_node()
        private = root.add_child(instance=Collection(name="Internal"))
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.GROUPS
        )
        group = Group.objects.create(name="Biro Hukum")
        restriction.groups.add(group)
        document = _document("memo.pdf", collection=private)
        page = RegulationPageFactory(parent=library, document=document)
        client.force_login(learner)
        assert client.get(document.url).status_code == 302
        assert client.get(f"/regulasi/{page.pk}/unduh/").status_code == 302
        learner.groups.add(group)
        assert client.get(document.url).status_code == 200
        assert client.get(f"/regulasi/{page.pk}/unduh/").status_code == 200


class UploadRefusalTests:
    def test_svg_image_upload_is_refused(self, admin_client):
        response = admin_client.post(
            "/admin/images/add/",
            {
                "title": "Logo",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"),
            },
        )
        assert response.status_code == 200  # the form again, with the error
        assert "SVG" not in response.context["form"].fields["file"].help_text
        assert response.context["form"].errors["file"]
        assert Image.objects.count() == 0

    @pytest.mark.parametrize(
        ("name", "content"),
        [("serangan.html", b"<script>alert(1)</script>"), ("gambar.svg", SVG)],
    )
    def test_html_and_svg_documents_are_refused(self, admin_client, name, content):
        response = admin_client.post(
            "/admin/documents/add/",
            {
                "title": "Berkas",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile(name, content),
            },
        )
        assert response.status_code == 200
        errors = " ".join(response.context["form"].errors["file"])
        assert name.rsplit(".", 1)[1] in errors  # names the refused extension
        assert Document.objects.count() == 0

    def test_pdf_document_upload_is_accepted(self, admin_client):
        response = admin_client.post(
            "/admin/documents/add/",
            {
                "title": "UU 20/2023",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("uu.pdf", PDF, content_type="application/pdf"),
            },
        )
        assert response.status_code == 302
        assert Document.objects.get().title == "UU 20/2023"
