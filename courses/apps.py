from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursus")

    def ready(self):
        from . import signals  # noqa: F401 - connects navigation cache invalidation

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
