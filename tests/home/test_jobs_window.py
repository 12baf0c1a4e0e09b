"""Writers that many requests repeat share one job per window (`enqueue_once_per_window`)."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from netra.home.jobs import enqueue_once_per_window


def _task(*, defers: bool):
    task = mock.MagicMock()
    task.name = "fold"
    task.get_backend.return_value.supports_defer = defers
    return task


def test_callers_in_one_window_queue_one_job_after_it_closes():
    task = _task(defers=True)
    before = timezone.now()
    for _ in range(3):
        enqueue_once_per_window(task, key="test:window", seconds=2)
    task.using.assert_called_once()
    assert task.using.call_args.kwargs["run_after"] >= before + dt.timedelta(seconds=2)
    task.using.return_value.enqueue.assert_called_once_with()
    cache.delete("test:window")  # the window closes
    enqueue_once_per_window(task, key="test:window", seconds=2)
    assert task.using.call_count == 2


def test_a_backend_without_deferred_jobs_runs_each_at_once():
    task = _task(defers=False)
    enqueue_once_per_window(task, key="test:window", seconds=2)
    enqueue_once_per_window(task, key="test:window", seconds=2)
    assert task.enqueue.call_count == 2 and not task.using.called


def test_with_the_cache_down_every_caller_queues_a_job(caplog):
    task = _task(defers=True)
    with mock.patch("netra.home.jobs.cache.add", side_effect=ConnectionError("down")):
        enqueue_once_per_window(task, key="test:window", seconds=2)
        enqueue_once_per_window(task, key="test:window", seconds=2)
    assert task.using.return_value.enqueue.call_count == 2
    assert "cache unavailable: queueing fold anyway" in caplog.text


pytestmark = pytest.mark.filterwarnings("ignore")
