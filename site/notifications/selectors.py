"""Reads for notifications: the signed-in person's list, one of theirs, and the unread
count the header shows on every page.

The count lives in the cache per person (`unread_count_for_user`), so a page view costs no
query; the services drop it (`forget_unread_counts`) once a change commits."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import QuerySet

from .models import Notification

# A missed invalidation (a cache node lost mid-write) corrects itself within this time.
UNREAD_TIMEOUT = 600


def notifications_for_user(user) -> QuerySet[Notification]:
    """A person's notifications, newest first; nobody else's, ever."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_for_user(user, notification_id) -> Notification | None:
    """One of the person's notifications (None, which views make a 404, for anyone
    else's)."""
    return notifications_for_user(user).filter(pk=notification_id).first()


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count_for_user(user) -> int:
    """How many of the person's notifications are unread, from the cache; on a miss one
    COUNT on the partial index of unread rows."""
    if not (user and user.is_authenticated):
        return 0

    def count() -> int:
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return cache.get_or_set(_unread_key(user.pk), count, timeout=UNREAD_TIMEOUT)


def forget_unread_counts(user_ids: Iterable[int]) -> None:
    """Drop cached counts (after a commit: dropping earlier would let a page view in
    between cache the old count again)."""
    cache.delete_many([_unread_key(pk) for pk in user_ids])
