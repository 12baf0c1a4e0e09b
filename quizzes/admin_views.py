"""Wagtail admin view: per-question statistics of a quiz, for its editors.

Reached from the quiz's "Statistik" button (registered in `wagtail_hooks.py`). Only users
who may edit the quiz page see it; everyone else gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import tallies
from .models import Attempt, AttemptStatus, QuizPage
from .selectors import question_statistics_for_quiz


class QuizStatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/statistics.html"
    header_icon = "doc-full"
    page_title = _("Statistik kuis")

    def dispatch(self, request, *args, **kwargs):
        self.quiz = get_object_or_404(QuizPage, pk=kwargs["quiz_id"])
        if not self.quiz.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.quiz.pk]),
                "label": self.quiz.title,
            },
            {"url": "", "label": _("Statistik")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        finished = Attempt.objects.filter(quiz=self.quiz).exclude(status=AttemptStatus.OPEN)
        context.update(
            quiz=self.quiz,
            rows=question_statistics_for_quiz(quiz=self.quiz),
            finished_attempts=finished.count(),
            passed_attempts=finished.filter(passed=True).count(),
            learners=finished.values("user").distinct().count(),
            # Finished a moment ago, not yet folded into the table (`tallies`).
            pending_attempts=tallies.pending_count(self.quiz.pk),
        )
        return context
