"""Admins manage election periods (compliance campaigns) as Wagtail snippets: dates,
deadline, the required courses and the required pact."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ElectionPeriod


class ElectionPeriodViewSet(SnippetViewSet):
    model = ElectionPeriod
    icon = "date"
    menu_label = _("Periode pemilihan")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "kind", "campaign_start", "campaign_end", "voting_day", "deadline"]
    list_filter = ["kind", "tracked"]
    search_fields = ["name"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("campaign_start"), FieldPanel("campaign_end")]),
        FieldRowPanel([FieldPanel("voting_day"), FieldPanel("deadline")]),
        MultiFieldPanel(
            [
                FieldPanel("tracked"),
                InlinePanel("courses", label=_("Kursus wajib"), max_num=30),
                PageChooserPanel("pact", page_type="certificates.PactPage"),
            ],
            heading=_("Kewajiban pegawai"),
        ),
    ]


register_snippet(ElectionPeriodViewSet)


def _rebuild(request, instance):
    """A campaign's requirements may have changed: rebuild its progress in the worker."""
    if isinstance(instance, ElectionPeriod):
        from .tasks import rebuild_campaign

        transaction.on_commit(lambda: rebuild_campaign.enqueue(instance.pk))


hooks.register("after_create_snippet", _rebuild)
hooks.register("after_edit_snippet", _rebuild)
