from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Pakta integritas, certificates, signing and verification. Built in issues 4 and 5."""

    name = "certificates"
    verbose_name = _("Pakta dan sertifikat")

    def ready(self):
        from netra.campaigns import sources
        from netra.updates import impact

        from . import pact_renewal, selectors, signals  # noqa: F401 - signals connects

        sources.register_pact_facts(selectors.campaign_pact_facts)
        sources.register_renewal_facts(selectors.campaign_renewal_facts)
        # A material regulation update asks the signers of an older pact version to re-sign.
        impact.register("pacts", pact_renewal.apply_impact)

    def seed_demo(self, *, stdout):
        from .demo import seed

        seed(stdout=stdout)
