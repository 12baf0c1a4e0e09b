"""Freeze a pact's text as a new version the moment it is published; queue a certificate
when a learner completes a course."""

from django.dispatch import receiver
from wagtail.signals import page_published

from courses.events import course_completed

from .models import PactPage


@receiver(page_published, sender=PactPage)
def _freeze_pact_version(sender, instance, **kwargs):
    from .services import pact_version_sync

    pact_version_sync(instance)


@receiver(course_completed)
def _queue_certificate(sender, user, course, **kwargs):
    from .certification import issue_after_completion

    issue_after_completion(user=user, course=course)
