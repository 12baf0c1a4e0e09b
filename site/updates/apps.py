from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpdatesConfig(AppConfig):
    name = "netra.updates"
    label = "updates"
    verbose_name = _("Pembaruan regulasi")

    def ready(self):
        from . import signals  # noqa: F401 - connects the publish receivers

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
