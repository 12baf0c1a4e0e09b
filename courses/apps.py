from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursus")

    def ready(self):
        from netra.campaigns import sources
        from netra.updates import impact

        from . import recertification, selectors, signals  # noqa: F401 - signals connects

        sources.register_course_facts(selectors.campaign_course_facts)
        sources.register_renewal_facts(selectors.campaign_renewal_facts)
        # A published regulation update sends the learners of its courses back (material).
        impact.register("courses", recertification.apply_impact)

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
