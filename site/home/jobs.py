"""Background jobs whose worker died (SIGKILL, OOM, a machine lost) go back in the queue.

django-tasks' database backend marks a job RUNNING when a worker claims it and only the
same worker marks it finished; a worker killed mid-job leaves it RUNNING for ever. Every
Netra job is idempotent (it finds its work done and stops), so running such a job again is
safe: `requeue_stale` puts jobs RUNNING for longer than any real job takes back to READY,
and cron runs it every minute (`manage.py requeue_stale_jobs`, see docs/deployment.md).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# The slowest job (a roster import of a province) runs for minutes; a certificate PDF for
# well under a second. Past this, the worker that claimed a job is gone.
STALE_AFTER = dt.timedelta(minutes=15)


def requeue_stale(*, older_than: dt.timedelta = STALE_AFTER, now=None) -> int:
    """Put RUNNING jobs started more than `older_than` ago back in the queue; returns how
    many. The status guard makes two concurrent runs requeue each job once."""
    cutoff = (now or timezone.now()) - older_than
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    count = stale.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("%s job(s) left RUNNING by a lost worker put back in the queue", count)
    return count
