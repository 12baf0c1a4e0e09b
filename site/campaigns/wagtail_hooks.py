"""Admins manage election periods as Wagtail snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
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
    list_filter = ["kind"]
    search_fields = ["name"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("campaign_start"), FieldPanel("campaign_end")]),
        FieldRowPanel([FieldPanel("voting_day"), FieldPanel("deadline")]),
    ]


register_snippet(ElectionPeriodViewSet)
