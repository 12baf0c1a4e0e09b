"""The certificate outbox: requests written where a certificate may have been earned,
drained by the worker in batches.

A city finishing a course the day before the deadline asks for thousands of certificates
within minutes. One job per learner spent most of its time on the job itself and on the
same course, pact and tail-of-the-chain reads again and again; a batch reads each once and
writes each table once (`certification.certificates_issue`). Requests are rows in the
completion's own transaction, so none is lost when the queue or a worker is down, and
`manage.py issue_pending_certificates` (cron) drains whatever no job picked up.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage
from netra.home.jobs import enqueue_once_per_window

from .models import CertificateRequest

logger = logging.getLogger(__name__)

# Requests decided per transaction: large enough that the per-batch reads and the chain
# lock are paid rarely, small enough that a batch commits (and its certificates become
# verifiable) within a second or so, and that the chain lock is not held for long.
BATCH_SIZE = 200
# Completions within a window share one drain job, which runs when the window has
# closed, so it sees every request of the window. Correct with any cache (a per-process
# one just makes a job per process and window); requests wait at most this long.
DRAIN_KEY = "certificates:drain-window"
DRAIN_WINDOW_SECONDS = 1
# A request whose batch failed is retried alone after 30 s, 2 min, 8 min... (at most an
# hour apart), until it succeeds; `last_error` says why for the admin.
RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 3600


@dataclass
class DrainResult:
    issued: list[int] = field(default_factory=list)  # ids of the certificates issued
    not_due: int = 0  # requests decided without a certificate (a requirement missing)
    failed: int = 0  # requests left for a retry

    def __str__(self):
        return f"issued {len(self.issued)}, not due {self.not_due}, failed {self.failed}"


def request_add(*, user_id: int, course_id: int) -> None:
    """Record that the learner may have earned the course's certificate (in the caller's
    transaction) and make sure a drain job follows the commit."""
    CertificateRequest.objects.bulk_create(
        [CertificateRequest(user_id=user_id, course_id=course_id)], ignore_conflicts=True
    )
    transaction.on_commit(drain_schedule)


def drain_schedule() -> None:
    """Queue a drain job for the end of the current window, unless one is queued for it."""
    from .tasks import issue_pending_certificates

    enqueue_once_per_window(issue_pending_certificates, key=DRAIN_KEY, seconds=DRAIN_WINDOW_SECONDS)


def drain(*, batch_size: int = BATCH_SIZE, max_batches: int | None = None) -> DrainResult:
    """Decide every due request, a batch per transaction, until none is left. Several
    drains can run at once: each takes requests the others have not locked."""
    result = DrainResult()
    batches = 0
    while max_batches is None or batches < max_batches:
        batches += 1
        requests = []
        try:
            with transaction.atomic():
                requests = _take(batch_size)
                if not requests:
                    break
                issued, not_due = _settle(requests)
        except Exception:
            if not requests:  # nothing taken: the database itself is failing
                raise
            logger.exception("certificate batch failed: its requests are retried one by one")
            _one_by_one(requests, result)
            continue
        result.issued += issued
        result.not_due += not_due
    return result


def _take(limit: int, **only) -> list[CertificateRequest]:
    return list(
        CertificateRequest.objects.select_for_update(skip_locked=True)
        .filter(not_before__lte=timezone.now(), **only)
        .order_by("pk")[:limit]
    )


def _settle(requests: list[CertificateRequest]) -> tuple[list[int], int]:
    """Decide the (locked) requests, delete them, and queue the PDFs of the certificates
    issued once the transaction commits. Returns the ids issued and the count not due."""
    from .certification import certificates_issue
    from .tasks import enqueue_pdfs

    by_course = defaultdict(list)
    for request in requests:
        by_course[request.course_id].append(request.user_id)
    courses = CoursePage.objects.in_bulk(list(by_course))
    issued, not_due = [], 0
    for course_id, user_ids in by_course.items():
        course = courses.get(course_id)
        if course is None:  # deleted meanwhile (the request cascades on commit anyway)
            not_due += len(user_ids)
            continue
        for outcome in certificates_issue(course=course, user_ids=user_ids).values():
            if outcome.created:
                issued.append(outcome.certificate.pk)
            elif outcome.certificate is None:
                not_due += 1
    CertificateRequest.objects.filter(pk__in=[r.pk for r in requests]).delete()
    transaction.on_commit(lambda: enqueue_pdfs(issued))
    return issued, not_due


def _one_by_one(requests: list[CertificateRequest], result: DrainResult) -> None:
    """After a failed batch: each of its requests in its own transaction, so one bad
    request (a data error no retry of the batch would fix) holds up nobody else."""
    for request in requests:
        try:
            with transaction.atomic():
                locked = _take(1, pk=request.pk)
                if not locked:  # decided meanwhile by another drain
                    continue
                issued, not_due = _settle(locked)
        except Exception as error:
            logger.exception("certificate request %s failed; retried later", request.pk)
            _postpone(request.pk, error)
            result.failed += 1
            continue
        result.issued += issued
        result.not_due += not_due


def _postpone(pk: int, error: Exception) -> None:
    request = CertificateRequest.objects.filter(pk=pk).first()
    if request is None:
        return
    request.attempts += 1
    delay = min(RETRY_BASE_SECONDS * 4 ** (request.attempts - 1), RETRY_MAX_SECONDS)
    request.not_before = timezone.now() + dt.timedelta(seconds=delay)
    request.last_error = f"{type(error).__name__}: {error}"[:500]
    request.save(update_fields=["attempts", "not_before", "last_error"])
