"""Emailing notifications, once each: the only writer of `Notification.emailed_at`.

Run by the worker (`tasks.send_notification_emails`, one job per batch of ids queued by
`services`). A notification goes out once however often its job runs:

- **Claimed before sending**: in one short transaction the batch's rows that are not yet
  emailed, whose recipient is active and has an address, are locked (`FOR UPDATE SKIP
  LOCKED` on PostgreSQL: a second worker skips them rather than waiting; SQLite
  serialises writers) and stamped `emailed_at`. The claim commits before any email leaves,
  so a retried job or a second worker finds nothing left to claim.
- **One SMTP connection per batch**.
- **A failing mail server**: the rows whose email did not leave get their claim back
  (`emailed_at` empty again) and the error is raised, so a retry sends exactly those.
- People without an email address are never claimed; the site list still shows them.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from netra.campaigns.reminders import absolute_url

from .models import Notification

logger = logging.getLogger(__name__)

_HEADERS = {"Auto-Submitted": "auto-generated"}  # RFC 3834: no out-of-office replies


def notification_emails_send(notification_ids: list[int]) -> int:
    """Email the batch's notifications not emailed yet; returns how many were sent."""
    claimed = _claim(notification_ids)
    if not claimed:
        return 0
    notifications = list(
        Notification.objects.filter(pk__in=claimed)
        .select_related("recipient__employee")
        .order_by("pk")
    )
    sent: list[int] = []
    try:
        with translation.override(settings.LANGUAGE_CODE), get_connection() as mail:
            list_url = absolute_url(reverse("notifications:list"))
            for notification in notifications:
                if mail.send_messages([_message(notification, list_url)]):
                    sent.append(notification.pk)
    finally:
        unsent = sorted(set(claimed) - set(sent))
        if unsent:
            # Runs after a failure too: those people get their email on the retry.
            Notification.objects.filter(pk__in=unsent).update(emailed_at=None)
            logger.warning("notifications: %d of %d emails not sent", len(unsent), len(claimed))
    return len(sent)


def _claim(notification_ids: list[int]) -> list[int]:
    with transaction.atomic():
        ids = list(
            Notification.objects.filter(
                pk__in=notification_ids,
                emailed_at__isnull=True,
                recipient__is_active=True,
                recipient__email__gt="",
            )
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if ids:
            Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
    return ids


def _message(notification: Notification, list_url: str) -> EmailMultiAlternatives:
    context = {
        "notification": notification,
        "name": notification.recipient.display_name,
        "url": absolute_url(notification.url) if notification.url else "",
        "list_url": list_url,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    html = render_to_string("notifications/email/notification.html", context)
    return EmailMultiAlternatives(
        subject=notification.title,
        body=render_to_string("notifications/email/notification.txt", context),
        to=[notification.recipient.email],
        headers=_HEADERS,
        alternatives=[(html, "text/html")],
    )
