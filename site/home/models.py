"""The public home page (the Wagtail site root). Course pages live in `courses`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import BaseStreamBlock


class HomePage(Page):
    """Landing page shown before sign-in; one per site, edited in the Wagtail admin."""

    # Pages are private unless they say otherwise (see `wagtail_hooks.require_login`).
    login_required = False

    hero_title = models.CharField(_("judul utama"), max_length=160)
    hero_text = models.TextField(_("teks pembuka"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("isi"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "courses.CourseIndexPage",
        "certificates.PactIndexPage",
        "regulations.RegulationIndexPage",
        "updates.RegulationUpdateIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("beranda")

    def route(self, request, path_components):
        # Wagtail walks the tree one level at a time (two queries per level). A course module
        # sits three levels down, so resolve the whole path by `url_path` in one query.
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=url_path).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course_index"] = self.get_children().live().first()
        context.update(_latest_updates())
        return context


def _latest_updates() -> dict:
    """The home page's "Pembaruan Regulasi" list (3 newest) and the feed links."""
    from netra.updates.models import RegulationUpdateIndexPage
    from netra.updates.selectors import updates_latest

    # `updates_latest` drops updates under a private index, so nothing shows then.
    latest = updates_latest(limit=3)
    index = RegulationUpdateIndexPage.objects.live().only("url_path").first() if latest else None
    if index is None:
        return {"latest_updates": [], "update_index": None, "feed_urls": {}}
    return {"latest_updates": latest, "update_index": index, "feed_urls": index.feed_urls()}
