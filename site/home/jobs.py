"""Background jobs lost to an outage go back in the queue.

- A worker killed mid-job (SIGKILL, OOM, a machine lost): django-tasks' database backend
  marks a job RUNNING when a worker claims it and only that worker marks it finished, so
  the job stays RUNNING for ever. `requeue_stale` puts jobs RUNNING for longer than any
  real job takes back to READY.
- A job that failed because the database went away (restarted, failed over): the job is
  marked FAILED with the driver's OperationalError. `requeue_transient_failures` puts it
  back, a few times at most (each run adds its worker to `worker_ids`).

Every Netra job is idempotent (it finds its work done and stops), so running one again is
safe. Cron runs both every minute (`manage.py requeue_stale_jobs`, docs/deployment.md).

`enqueue_once_per_window` is how writers that many requests repeat (a finished quiz, a
certificate asked for) share one job instead of queueing one each.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# The slowest job (a roster import of a province) runs for minutes; a certificate PDF for
# well under a second. Past this, the worker that claimed a job is gone.
STALE_AFTER = dt.timedelta(minutes=15)


def enqueue_once_per_window(task, *, key: str, seconds: float) -> None:
    """Queue `task` to run once the current window of `seconds` has closed, unless a caller
    in the same window already did (a cache key marks the window). Call after the commit of
    the work the job picks up: the job runs strictly after the key expires, so it sees
    every commit of its window. A backend that runs jobs at once (tests, development) has
    no window: the job runs now. With the cache down, each caller queues a job (cheap:
    every job here is idempotent and finds the others' work done)."""
    if not task.get_backend().supports_defer:
        task.enqueue()
        return
    try:
        first = cache.add(key, 1, timeout=seconds)
    except Exception:
        logger.warning("cache unavailable: queueing %s anyway", task.name)
        first = True
    if first:
        task.using(run_after=timezone.now() + dt.timedelta(seconds=seconds)).enqueue()


def requeue_stale(*, older_than: dt.timedelta = STALE_AFTER, now=None) -> int:
    """Put RUNNING jobs started more than `older_than` ago back in the queue; returns how
    many. The status guard makes two concurrent runs requeue each job once."""
    cutoff = (now or timezone.now()) - older_than
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    count = stale.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("%s job(s) left RUNNING by a lost worker put back in the queue", count)
    return count


# The database (or the connection to it) went away; the same job succeeds once it is back.
TRANSIENT_ERRORS = (
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
)
# Runs of one job in all, the failed ones included.
MAX_RUNS = 5


def requeue_transient_failures(*, max_runs: int = MAX_RUNS) -> int:
    """Put jobs that failed on a lost database connection back in the queue, unless they
    have already run `max_runs` times; returns how many."""
    with transaction.atomic():
        failed = list(
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(status=TaskResultStatus.FAILED, exception_class_path__in=TRANSIENT_ERRORS)
            .only("pk", "worker_ids")
        )
        retry = [job.pk for job in failed if len(job.worker_ids or []) < max_runs]
        count = DBTaskResult.objects.filter(pk__in=retry).update(
            status=TaskResultStatus.READY,
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
        )
    if count:
        logger.warning(
            "%s job(s) failed by a lost database connection put back in the queue", count
        )
    return count
