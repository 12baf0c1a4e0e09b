"""Admin wiring for quizzes: the statistics view and the buttons that lead to it."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .admin_views import QuizStatisticsView
from .models import QuizPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "kuis/<int:quiz_id>/statistik/",
            QuizStatisticsView.as_view(),
            name="quizzes_statistics",
        )
    ]


def _statistics_button(page, user, priority):
    if isinstance(page.specific_deferred, QuizPage) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Statistik"),
            reverse("quizzes_statistics", args=[page.pk]),
            icon_name="doc-full",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield from _statistics_button(page, user, priority=55)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _statistics_button(page, user, priority=55)
