from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "netra.campaigns"
    label = "campaigns"
    verbose_name = _("Periode pemilihan")

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
