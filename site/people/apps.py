from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "netra.people"
    label = "people"
    verbose_name = _("Pegawai dan unit kerja")

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
