"""The site-wide base StreamField blocks (bakerydemo's `BaseStreamBlock`)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Judul bagian"),
        form_classname="title",
        icon="title",
        max_length=120,
        template="home/blocks/heading_block.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraf"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
    )
    image = ImageBlock(label=_("Gambar"), template="home/blocks/image_block.html")
