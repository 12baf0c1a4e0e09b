from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Scenario quizzes (simulated social-media feed, branching scenarios). Built in issue 3."""

    name = "quizzes"
    verbose_name = _("Kuis skenario")
