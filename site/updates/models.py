"""Regulation updates ("Pembaruan Regulasi"): news-like pages, reviewed before publishing,
whose impact on courses and pacts is recorded with the published revision."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class RegulationUpdateIndexPage(Page):
    """The list of regulation updates (one per site); also the parent of the feeds."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks pembaruan regulasi")
