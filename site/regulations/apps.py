from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationsConfig(AppConfig):
    name = "netra.regulations"
    label = "regulations"
    verbose_name = _("Pustaka regulasi")

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
