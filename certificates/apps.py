from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Pakta integritas, certificates, signing and verification. Built in issues 4 and 5."""

    name = "certificates"
    verbose_name = _("Pakta dan sertifikat")

    def ready(self):
        from . import signals  # noqa: F401

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
