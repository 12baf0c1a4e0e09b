from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursus")

    def ready(self):
        from netra.campaigns import sources

        from . import selectors, signals  # noqa: F401 - signals connects its receivers

        sources.register_course_facts(selectors.campaign_course_facts)

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
