from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Scenario quizzes: simulated social-media feed, branching scenarios, classic items."""

    name = "quizzes"
    verbose_name = _("Kuis skenario")

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
