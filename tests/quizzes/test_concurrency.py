"""Twenty simultaneous POSTs (double clicks, tabs, retries) against real PostgreSQL.

Each thread has its own client and database connection, and a barrier releases them
together, so the requests genuinely race inside the database.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from courses.models import StepCompletion
from quizzes import scoring, services
from quizzes.models import Answer, Attempt, QuestionTally

from .helpers import answer_everything, key_of, questions_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
]

THREADS = 20


def _race(user, path, data):
    barrier = threading.Barrier(THREADS)
    statuses, errors = [], []

    def worker():
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            statuses.append(client.post(path, data).status_code)
        except Exception as exc:  # surfaced below, not swallowed
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


def test_twenty_concurrent_answer_posts_record_one_answer(ready_learner, quiz):
    attempt = services.attempt_start(user=ready_learner, quiz=quiz).attempt
    question = questions_of(attempt)[scoring.SINGLE]
    statuses = _race(
        ready_learner,
        f"/kuis/percobaan/{attempt.pk}/jawab/",
        {"question": question["key"], "stage": 0, "choice": key_of(question)},
    )
    assert statuses == [302] * THREADS
    assert Answer.objects.filter(attempt=attempt).count() == 1


def test_twenty_concurrent_final_submits_record_one_result(ready_learner, quiz):
    attempt = services.attempt_start(user=ready_learner, quiz=quiz).attempt
    answer_everything(services, ready_learner, attempt)
    statuses = _race(ready_learner, f"/kuis/percobaan/{attempt.pk}/selesai/", {})
    assert statuses == [302] * THREADS
    attempt.refresh_from_db()
    assert attempt.passed and attempt.finished_at is not None
    assert set(QuestionTally.objects.values_list("answered", flat=True)) == {1}
    assert StepCompletion.objects.filter(step_id=quiz.pk).count() == 1


def test_twenty_concurrent_starts_open_one_attempt(ready_learner, quiz):
    statuses = _race(ready_learner, f"/kuis/{quiz.pk}/mulai/", {})
    assert statuses == [302] * THREADS
    assert Attempt.objects.filter(user=ready_learner, quiz=quiz).count() == 1
