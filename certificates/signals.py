"""Freeze a pact's text as a new version the moment it is published."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import PactPage


@receiver(page_published, sender=PactPage)
def _freeze_pact_version(sender, instance, **kwargs):
    from .services import pact_version_sync

    pact_version_sync(instance)
