"""Upload checks for the Wagtail admin's documents and images (settings:
`WAGTAILDOCS_DOCUMENT_FORM_BASE`, `WAGTAILIMAGES_IMAGE_FORM_BASE`), used by every upload
path there: the add and edit forms, the multiple uploader and the choosers.

Wagtail checks a document's extension, never its content: an HTML page renamed `.pdf`
passes. `content_problem` reads the bytes and refuses a file that is not what its name
says. Images are opened and checked by Wagtail itself (format, extension, size, pixels;
SVG is not in WAGTAILIMAGES_EXTENSIONS); these forms only give its refusals in Indonesian.
"""

from __future__ import annotations

import re
import zipfile
import zlib

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

OOXML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
# Whatever zipfile raises while reading a damaged or crafted archive (a bad directory, an
# unsupported version or compression, an encrypted member, a name that is not UTF-8, a
# stream cut short), found by tests/security/test_fuzz.py: all mean "not a valid document".
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    ValueError,
    EOFError,
    OSError,
    KeyError,
    zlib.error,
)
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
# Markup that makes a browser (or a careless viewer) treat a "text" file as a page.
MARKUP = re.compile(rb"<\s*(!doctype|html|script|svg|iframe|object|embed|body)\b", re.I)


def content_problem(name: str, file) -> str | None:
    """Why `file` (an open, seekable upload named `name`) is not what its extension says,
    or None. Extensions outside the ones checked here are left to Wagtail's own list."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            return _(
                "Berkas ini bukan PDF: isinya tidak diawali penanda PDF. Unggah PDF asli, "
                "bukan berkas lain yang diganti namanya."
            )
    elif extension in OOXML or extension in ODF_MIMETYPES:
        if not _office_document(extension, file):
            return _(
                "Berkas ini bukan dokumen .%(extension)s yang sah. Unggah berkas asli dari "
                "aplikasi perkantoran, bukan berkas lain yang diganti namanya."
            ) % {"extension": extension}
    elif extension == "txt" and (b"\x00" in head or MARKUP.search(head)):
        return _("Berkas .txt harus berupa teks biasa, tanpa kode HTML atau data biner.")
    return None


def _office_document(extension: str, file) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if extension in OOXML:
                return "[Content_Types].xml" in names and any(
                    n.startswith(OOXML[extension]) for n in names
                )
            return "mimetype" in names and archive.read("mimetype") == ODF_MIMETYPES[extension]
    except ZIP_ERRORS:
        return False
    finally:
        file.seek(0)


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and getattr(field, "max_upload_size", None):
            size = field.max_upload_size_text
            field.error_messages["file_too_large"] = _(
                "Berkas terlalu besar (%(file_size)s). Ukuran maksimal %(max_filesize)s."
            )
            field.error_messages["file_too_large_unknown_size"] = _(
                "Berkas terlalu besar. Ukuran maksimal %(max_filesize)s."
            ) % {"max_filesize": size}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Editing a document without choosing a new file keeps the stored one.
        if upload is not None and "file" in self.changed_data:
            problem = content_problem(upload.name, upload)
            if problem:
                raise forms.ValidationError(problem, code="content_mismatch")
        return upload


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None or not hasattr(field, "supported_formats_text"):
            return
        formats = field.supported_formats_text
        size = filesizeformat(field.max_upload_size) if field.max_upload_size else ""
        field.error_messages.update(
            {
                "invalid_image": _(
                    "Berkas ini bukan gambar yang dapat dibaca. Format yang diterima: %(formats)s."
                )
                % {"formats": formats},
                "invalid_image_extension": _(
                    "Format gambar ini tidak diterima (SVG dapat memuat skrip). Format yang "
                    "diterima: %(formats)s."
                )
                % {"formats": formats},
                "invalid_image_known_format": _(
                    "Bukan gambar .%(extension)s yang sah: isinya berformat %(image_format)s."
                ),
                "file_too_large": _(
                    "Berkas terlalu besar (%(file_size)s). Ukuran maksimal %(max_filesize)s."
                ),
                "file_too_large_unknown_size": _(
                    "Berkas terlalu besar. Ukuran maksimal %(max_filesize)s."
                )
                % {"max_filesize": size},
                "file_too_many_pixels": _(
                    "Gambar terlalu besar (%(num_pixels)s piksel). Maksimal "
                    "%(max_pixels_count)s piksel."
                ),
            }
        )
