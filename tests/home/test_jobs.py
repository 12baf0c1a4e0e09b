"""A job whose worker was killed mid-run (left RUNNING) goes back in the queue and runs."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from netra.home.jobs import requeue_stale, requeue_transient_failures

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def count_run(key: str) -> int:
    cache.add(key, 0)
    return cache.incr(key)


def _claimed(result_id, *, minutes_ago: float) -> None:
    # What a worker's claim leaves behind when the worker is SIGKILLed mid-job.
    DBTaskResult.objects.filter(pk=result_id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        worker_ids=["killed-worker"],
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_a_job_left_running_by_a_killed_worker_runs_again():
    lost = count_run.enqueue("job-lost")
    busy = count_run.enqueue("job-busy")
    _claimed(lost.id, minutes_ago=30)
    _claimed(busy.id, minutes_ago=1)  # another worker is still on it

    assert requeue_stale() == 1
    assert requeue_stale() == 0  # a second cron run finds nothing more

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert DBTaskResult.objects.get(pk=lost.id).status == TaskResultStatus.SUCCESSFUL
    assert cache.get("job-lost") == 1
    assert DBTaskResult.objects.get(pk=busy.id).status == TaskResultStatus.RUNNING


@override_settings(TASKS=DATABASE_TASKS)
def test_the_command_takes_the_threshold_in_seconds(capsys):
    result = count_run.enqueue("job-cmd")
    _claimed(result.id, minutes_ago=2)

    call_command("requeue_stale_jobs", older_than=600)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
    call_command("requeue_stale_jobs", older_than=60)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    assert "1 job(s) requeued (1 left running" in capsys.readouterr().out


def _failed(result_id, *, error: str, runs: int) -> None:
    DBTaskResult.objects.filter(pk=result_id).update(
        status=TaskResultStatus.FAILED,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path=error,
        traceback="Traceback ...",
        worker_ids=[f"worker-{n}" for n in range(runs)],
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_a_job_failed_by_a_lost_database_connection_runs_again_a_few_times_at_most():
    lost = count_run.enqueue("job-db-lost")
    broken = count_run.enqueue("job-broken")
    tired = count_run.enqueue("job-tired")
    _failed(lost.id, error="django.db.utils.OperationalError", runs=1)
    _failed(broken.id, error="builtins.ValueError", runs=1)  # a bug: retrying will not help
    _failed(tired.id, error="django.db.utils.InterfaceError", runs=5)

    assert requeue_transient_failures() == 1

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert DBTaskResult.objects.get(pk=lost.id).status == TaskResultStatus.SUCCESSFUL
    assert cache.get("job-db-lost") == 1
    assert DBTaskResult.objects.get(pk=broken.id).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(pk=tired.id).status == TaskResultStatus.FAILED
