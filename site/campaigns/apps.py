from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "netra.campaigns"
    label = "campaigns"
    verbose_name = _("Periode pemilihan")

    def ready(self):
        from . import signals  # noqa: F401 - follows roster changes and office moves

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
