"""Receivers that hand Wagtail's publish events to `services` (nothing else happens here).

`page_published` fires for every way a revision goes live: a direct publish, a reviewer's
approval at the end of the workflow, and `publish_scheduled` at the go-live date (the
admin-only `after_publish_page` hook misses the last two). The signal does not say who
published; Wagtail's audit log entry, written just after it, does.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from . import services
from .models import RegulationUpdatePage

PUBLISH_ACTIONS = {"wagtail.publish", "wagtail.publish.scheduled"}


@receiver(page_published, sender=RegulationUpdatePage)
def record_impact(sender, instance, revision, **kwargs):
    # Wagtail also sends this when a never-published page is merely scheduled.
    if instance.live and instance.live_revision_id == revision.pk:
        services.impact_record(update=instance, revision=revision)


@receiver(post_save, sender=PageLogEntry)
def name_publisher(sender, instance, created, **kwargs):
    if not created or instance.action not in PUBLISH_ACTIONS or instance.revision_id is None:
        return
    # Every page's publish is logged: only an update's needs its publisher named.
    if instance.content_type.model_class() is not RegulationUpdatePage:
        return
    user_id = instance.user_id
    if user_id is None:
        # The scheduler publishes as nobody: the publisher is whoever approved the
        # schedule for this revision.
        user_id = (
            PageLogEntry.objects.filter(
                revision_id=instance.revision_id, action="wagtail.publish.schedule"
            )
            .exclude(user_id=None)
            .order_by("-timestamp")
            .values_list("user_id", flat=True)
            .first()
        )
    services.impact_set_publisher(revision_id=instance.revision_id, user_id=user_id)
