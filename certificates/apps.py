from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Pakta integritas, certificates, signing and verification. Built in issues 4 and 5."""

    name = "certificates"
    verbose_name = _("Pakta dan sertifikat")

    def ready(self):
        from netra.campaigns import sources

        from . import selectors, signals  # noqa: F401 - signals connects its receivers

        sources.register_pact_facts(selectors.campaign_pact_facts)

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
