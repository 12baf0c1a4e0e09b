from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "netra.home"
    label = "home"
    verbose_name = _("Beranda")

    def ready(self):
        from . import page_cache  # noqa: F401 - connects the restriction-cache receivers

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
