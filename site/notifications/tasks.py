"""Background work for notifications: the emails."""

from django_tasks import task

from .emails import notification_emails_send


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email one batch of new notifications (queued by `services` on commit). Safe to run
    twice or on two workers at once: a notification is claimed before its email leaves
    (see `emails.py`)."""
    return notification_emails_send(notification_ids)
