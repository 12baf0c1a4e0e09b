"""StreamField blocks for module content. Templates live in templates/courses/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from netra.home.blocks import BaseStreamBlock


class DoDontBlock(blocks.StructBlock):
    """Side-by-side "Boleh / Dilarang" lists: the quickest way to show a rule in practice."""

    title = blocks.CharBlock(label=_("Judul"), required=False, max_length=120)
    allowed = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Boleh"))
    forbidden = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Dilarang"))

    class Meta:
        icon = "tasks"
        label = _("Boleh / Dilarang")
        template = "courses/blocks/do_dont_block.html"
        preview_value = {
            "title": "Di media sosial selama masa kampanye",
            "allowed": ["Membagikan info resmi KPU tentang jadwal pemungutan suara"],
            "forbidden": ["Menyukai, mengomentari, atau membagikan unggahan calon"],
        }
        description = _("Dua daftar berdampingan: yang boleh dan yang dilarang.")


class RuleQuoteBlock(blocks.StructBlock):
    """A rule quoted with its citation, so learners see where an obligation comes from."""

    text = blocks.TextBlock(label=_("Bunyi aturan (parafrase atau kutipan)"))
    citation = blocks.CharBlock(
        label=_("Sumber"), max_length=200, help_text=_("mis. PP 94/2021 Pasal 5 huruf n")
    )
    source_url = blocks.URLBlock(label=_("Tautan sumber resmi"), required=False)
    regulation = blocks.PageChooserBlock(
        page_type="regulations.RegulationPage",
        required=False,
        label=_("Regulasi di pustaka"),
        help_text=_("Sumber ditautkan ke halaman regulasi ini di pustaka regulasi."),
    )

    class Meta:
        icon = "openquote"
        label = _("Kutipan aturan")
        template = "courses/blocks/rule_quote_block.html"
        preview_value = {
            "text": "Setiap Pegawai ASN wajib menjaga netralitas.",
            "citation": "UU 20/2023 Pasal 24 ayat (1) huruf d",
        }
        description = _("Aturan beserta sumbernya.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokumen"))
    title = blocks.CharBlock(label=_("Judul tautan"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Dokumen unduhan")
        template = "courses/blocks/document_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Tautan video (YouTube/Vimeo)"))
    caption = blocks.CharBlock(label=_("Keterangan"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"


class ModuleStreamBlock(BaseStreamBlock):
    video = VideoBlock()
    do_dont = DoDontBlock()
    rule_quote = RuleQuoteBlock()
    document = DocumentBlock()


class RegulationLinkBlock(blocks.StructBlock):
    """A regulation a course rests on: a page of the regulation library (netra.regulations)
    and the articles that matter, or, for one not in the library, its name and official
    link. Older content has only the name and link, and still renders."""

    regulation = blocks.PageChooserBlock(
        page_type="regulations.RegulationPage", required=False, label=_("Regulasi di pustaka")
    )
    title = blocks.CharBlock(
        label=_("Nama peraturan"),
        max_length=200,
        required=False,
        help_text=_("Kosongkan bila memilih regulasi di pustaka: judulnya dipakai."),
    )
    citation = blocks.CharBlock(label=_("Pasal terkait"), required=False, max_length=200)
    url = blocks.URLBlock(label=_("Tautan JDIH"), required=False)

    class Meta:
        icon = "link"
        label = _("Peraturan terkait")
        template = "courses/blocks/regulation_link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value["regulation"] and not value["title"]:
            raise StructBlockValidationError(
                block_errors={
                    "title": ValidationError(
                        _("Pilih regulasi di pustaka atau tuliskan nama peraturannya.")
                    )
                }
            )
        return value
