"""Writing notifications: the only writer of `Notification` rows (the email job in
`emails.py` writes `emailed_at` alone).

Sized for a regulation update that reaches a whole province at once (4 million people):

- **In chunks, never per row**: the recipients are read `CHUNK_SIZE` at a time; each
  chunk costs one query for the active people not yet told, one bulk insert
  (`ON CONFLICT DO NOTHING`) and one query for the ids this call inserted.
- **De-duplicated** by (recipient, key), a unique constraint: notifying twice about the
  same thing, or two workers at once, creates each row once. Each insert stamps its rows
  with its own time, so the rows it created are told apart from a concurrent call's.
- **Emails in batches, after the commit**: one job per `EMAIL_BATCH_SIZE` new rows
  (`tasks.send_notification_emails`), enqueued on commit so the worker never looks for
  rows that are not there yet, and idempotent (see `emails.py`).
- **Header counts** are dropped from the cache on commit (`selectors.forget_unread_counts`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone, translation
from django.utils.translation import ngettext

from netra.people.models import Employee, HrAssignment, Office, User

from . import rules
from .models import KEY_LENGTH, TITLE_LENGTH, Notification, validate_internal_path
from .selectors import forget_unread_counts

CHUNK_SIZE = 1000
EMAIL_BATCH_SIZE = 200


def notify(*, user_ids, key: str, title: str, body: str, url: str, email: bool = True) -> int:
    """Tell each active person in `user_ids` about `key` unless they already were told,
    and (with `email`) email the new ones in the background. Returns how many
    notifications are new. `url` must be a path on this site (ValueError otherwise)."""
    _check(key=key, url=url)
    title = rules.one_line(title, TITLE_LENGTH)
    created = 0
    stamps = _stamps()
    for chunk in _chunks(user_ids):
        with transaction.atomic():
            recipients = list(
                User.objects.filter(pk__in=chunk, is_active=True)
                .exclude(Exists(Notification.objects.filter(recipient=OuterRef("pk"), key=key)))
                .values_list("pk", flat=True)
            )
            rows = [
                Notification(recipient_id=pk, key=key, title=title, body=body, url=url)
                for pk in recipients
            ]
            new = _insert(rows, now=next(stamps))
            _after_commit(new, recipients, email=email)
        created += len(new)
    return created


def notify_hr_summary(*, key: str, title: str, user_ids, url: str) -> int:
    """Tell HR how many of their people an update (`key`, `title`) reaches: for every
    office where active employees in `user_ids` work, each HR officer responsible for it
    (assigned to it or to an office above it) gets ONE notification and email for that
    office, "12 pegawai di Kelurahan X terdampak: …". De-duplicated per office (key
    `<key>:unit-<office id>`): a second call for the same update adds nothing for offices
    already summarised. Returns how many summaries were created."""
    _check(key=key + _office_suffix(0) + "0" * 12, url=url)  # room for any office id
    title = rules.one_line(title, TITLE_LENGTH)
    affected = _affected_per_office(user_ids)
    if not affected:
        return 0
    officers_by_path: dict[str, list[int]] = {}
    for user_id, path in HrAssignment.objects.filter(
        user__is_active=True, office__is_active=True
    ).values_list("user_id", "office__path"):
        officers_by_path.setdefault(path, []).append(user_id)

    rows: list[Notification] = []
    # Stored text, read later by people in either language: the site's own language.
    with translation.override(settings.LANGUAGE_CODE):
        for office_ids in _slices(sorted(affected)):
            offices = Office.objects.filter(pk__in=office_ids, is_active=True).only(
                "pk", "path", "name"
            )
            for office in offices:
                officers = {
                    user_id
                    for path in office.ancestor_paths()
                    for user_id in officers_by_path.get(path, ())
                }
                if officers:
                    rows += _summaries(office, affected[office.pk], officers, key, title, url)
    created = 0
    stamps = _stamps()
    for batch in _slices(rows):
        with transaction.atomic():
            keys = {row.key for row in batch}
            existing = set(
                Notification.objects.filter(
                    key__in=keys, recipient_id__in={row.recipient_id for row in batch}
                ).values_list("recipient_id", "key")
            )
            batch = [row for row in batch if (row.recipient_id, row.key) not in existing]
            new = _insert(batch, now=next(stamps))
            _after_commit(new, {row.recipient_id for row in batch}, email=True)
        created += len(new)
    return created


def mark_read(*, user, notification_id) -> Notification | None:
    """Mark one of the person's notifications read and return it (None when it is not
    theirs). Reading it again changes nothing, so a double-submitted form is harmless."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        return None
    if notification.read_at is None:
        now = timezone.now()
        # Guarded: of two tabs at once, one writes, and the read time stays the first one.
        if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now
        ):
            notification.read_at = now
            _forget_on_commit([user.pk])
    return notification


def mark_all_read(*, user) -> int:
    """Mark every unread notification of the person read; returns how many were."""
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        _forget_on_commit([user.pk])
    return count


# -- helpers --------------------------------------------------------------------------------


def _check(*, key: str, url: str) -> None:
    if not key or len(key) > KEY_LENGTH:
        raise ValueError(f"notification key must be 1 to {KEY_LENGTH} characters: {key!r}")
    try:
        validate_internal_path(url)
    except ValidationError:
        raise ValueError(f"notification url must be a path on this site: {url!r}") from None


def _chunks(user_ids) -> Iterator[list[int]]:
    """`user_ids` (a list, a set or a queryset of ids) `CHUNK_SIZE` at a time, without
    loading a large queryset whole."""
    if isinstance(user_ids, QuerySet):
        user_ids = user_ids.iterator(chunk_size=CHUNK_SIZE)
    iterator = iter(user_ids)
    while chunk := list(itertools.islice(iterator, CHUNK_SIZE)):
        yield chunk


def _slices(rows: list) -> Iterator[list]:
    for start in range(0, len(rows), CHUNK_SIZE):
        yield rows[start : start + CHUNK_SIZE]


def _stamps() -> Iterator[dt.datetime]:
    """Creation times for a call's inserts, one per insert and never the same twice, so
    each insert finds exactly the rows it created."""
    last = None
    while True:
        now = timezone.now()
        last = now if last is None or now > last else last + dt.timedelta(microseconds=1)
        yield last


def _insert(rows: list[Notification], *, now: dt.datetime) -> list[int]:
    """Insert `rows` stamped `now` (those already there are skipped by the unique
    constraint) and return the ids of the rows this insert created, told apart from a
    concurrent call's by the stamp."""
    if not rows:
        return []
    for row in rows:
        row.created_at = now
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Notification.objects.filter(
            recipient_id__in={row.recipient_id for row in rows},
            key__in={row.key for row in rows},
            created_at=now,
        ).values_list("pk", flat=True)
    )


def _after_commit(new_ids: list[int], recipients: Iterable[int], *, email: bool) -> None:
    if not new_ids:
        return
    _forget_on_commit(list(recipients))
    if email:
        from .tasks import send_notification_emails  # the task module imports emails

        for start in range(0, len(new_ids), EMAIL_BATCH_SIZE):
            batch = new_ids[start : start + EMAIL_BATCH_SIZE]
            transaction.on_commit(
                lambda batch=batch: send_notification_emails.enqueue(notification_ids=batch)
            )


def _forget_on_commit(user_ids: list[int]) -> None:
    transaction.on_commit(lambda: forget_unread_counts(user_ids))


def _affected_per_office(user_ids) -> Counter[int]:
    """{office id: how many of `user_ids` are active employees placed there}. A queryset
    of ids is grouped by the database in one query; a list is read in chunks."""
    employees = Employee.objects.filter(is_active=True, user__is_active=True)
    if isinstance(user_ids, QuerySet):
        groups = [employees.filter(user_id__in=user_ids)]
    else:
        groups = (employees.filter(user_id__in=chunk) for chunk in _chunks(user_ids))
    affected: Counter[int] = Counter()
    for group in groups:
        for office_id, count in (
            group.values("office_id").annotate(n=Count("pk")).values_list("office_id", "n")
        ):
            affected[office_id] += count
    return affected


def _office_suffix(office_id: int) -> str:
    return f":unit-{office_id}"


def _summaries(office, count, officers, key, title, url) -> list[Notification]:
    summary_title = rules.one_line(
        ngettext(
            "%(count)d pegawai di %(office)s terdampak: %(title)s",
            "%(count)d pegawai di %(office)s terdampak: %(title)s",
            count,
        )
        % {"count": count, "office": office.name, "title": title},
        TITLE_LENGTH,
    )
    body = ngettext(
        "%(count)d pegawai aktif di %(office)s perlu menindaklanjuti pembaruan "
        '"%(title)s". Mohon pantau penyelesaiannya di dasbor kepatuhan.',
        "%(count)d pegawai aktif di %(office)s perlu menindaklanjuti pembaruan "
        '"%(title)s". Mohon pantau penyelesaiannya di dasbor kepatuhan.',
        count,
    ) % {"count": count, "office": office.name, "title": title}
    return [
        Notification(
            recipient_id=officer,
            key=key + _office_suffix(office.pk),
            title=summary_title,
            body=body,
            url=url,
        )
        for officer in sorted(officers)
    ]
