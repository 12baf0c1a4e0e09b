"""Two workers, or two notify calls, at the same moment on PostgreSQL (row locks and
ON CONFLICT waits are PostgreSQL's; SQLite serialises writers)."""

import pytest
from django.core import mail
from django.db import connection

from netra.notifications import emails, services
from netra.notifications.models import Notification
from netra.people.factories import UserFactory
from tests.concurrency import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_workers_running_the_same_batch_email_each_person_once():
    users = UserFactory.create_batch(30)
    services.notify(
        user_ids=[u.pk for u in users], key="k", title="Judul", body="", url="/", email=False
    )
    ids = list(Notification.objects.values_list("pk", flat=True))
    mail.outbox = []
    results = at_once(lambda: emails.notification_emails_send(ids), times=4)
    assert sum(results) == 30
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == 30


def test_simultaneous_notify_calls_create_and_email_each_person_once():
    ids = [u.pk for u in UserFactory.create_batch(30)]
    mail.outbox = []
    results = at_once(
        lambda: services.notify(user_ids=ids, key="update-7", title="Judul", body="", url="/"),
        times=4,
    )
    assert sum(results) == 30
    assert Notification.objects.filter(key="update-7").count() == 30
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == 30
