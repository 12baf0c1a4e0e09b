"""Per-question statistics are folded from finished attempts in the background, each
attempt exactly once, without the final submit touching any row other learners share."""

import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction
from wagtail.models import Page

from courses import services as course_services
from courses.factories import modules_of
from netra.people.factories import EmployeeFactory
from quizzes import scoring, services, tallies
from quizzes.models import Attempt, OptionTally, QuestionTally, QuizVersion
from tests.concurrency import at_once

from .helpers import answer_everything

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's"
)


def _finished(user, quiz, *, right=True) -> Attempt:
    attempt = services.attempt_start(user=user, quiz=quiz).attempt
    answer_everything(services, user, attempt, right=right)
    services.attempt_finish(user=user, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    return attempt


def _learners(quiz, city, count: int) -> list:
    users = []
    for _ in range(count):
        user = EmployeeFactory(office=city["dinas"], with_account=True).user
        for module in modules_of(quiz.get_parent().specific):
            course_services.module_complete(user=user, module=module)
        users.append(user)
    return users


def _counts() -> set[tuple[int, int]]:
    return set(QuestionTally.objects.values_list("answered", "correct"))


def test_finish_flags_the_attempt_and_a_fold_counts_it_once(ready_learner, quiz):
    attempt = _finished(ready_learner, quiz)
    assert attempt.tally_pending and not QuestionTally.objects.exists()
    assert tallies.pending_count(quiz.pk) == 1

    assert tallies.fold() == 1
    attempt.refresh_from_db()
    assert not attempt.tally_pending and tallies.pending_count() == 0
    stages = sum(
        2 if q["kind"] == scoring.BRANCHING else 1 for q in attempt.version.spec["questions"]
    )
    assert QuestionTally.objects.count() == stages
    assert _counts() == {(1, 1)}

    assert tallies.fold() == 0
    assert _counts() == {(1, 1)}


def test_folds_in_batches_add_up_every_learner(ready_learner, quiz, city):
    others = _learners(quiz, city, 2)
    _finished(ready_learner, quiz, right=True)
    _finished(others[0], quiz, right=True)
    _finished(others[1], quiz, right=False)
    assert tallies.fold(batch_size=2) == 3
    assert _counts() == {(3, 2)}
    # Each answered stage's options add up to the choices made: one per single-choice
    # stage and learner.
    single = next(q for q in quiz.versions.get().spec["questions"] if q["kind"] == scoring.SINGLE)
    chosen = OptionTally.objects.filter(question_key=single["key"], stage=0)
    assert sum(chosen.values_list("chosen", flat=True)) == 3


def test_an_open_attempt_is_never_counted(ready_learner, quiz):
    attempt = services.attempt_start(user=ready_learner, quiz=quiz).attempt
    answer_everything(services, ready_learner, attempt)
    assert tallies.fold() == 0
    assert not QuestionTally.objects.exists() and not OptionTally.objects.exists()


def test_a_finish_queues_a_fold_after_its_commit(
    ready_learner, quiz, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attempt = _finished(ready_learner, quiz)
    attempt.refresh_from_db()
    assert not attempt.tally_pending
    assert _counts() == {(1, 1)}


def test_recount_counts_every_finished_attempt_again_from_its_answers(ready_learner, quiz):
    _finished(ready_learner, quiz)
    tallies.fold()
    QuestionTally.objects.update(answered=99, correct=0)  # drifted, say by a restore
    OptionTally.objects.create(quiz=quiz, question_key="gone", option_key="x", chosen=5)
    out = _call("fold_quiz_tallies", "--recount")
    assert "1 finished attempt(s) to count again." in out
    assert "1 attempt(s) folded into the statistics." in out
    assert _counts() == {(1, 1)}
    assert not OptionTally.objects.filter(question_key="gone").exists()


def test_command_folds_what_no_job_folded(ready_learner, quiz):
    _finished(ready_learner, quiz)
    assert "1 attempt(s) folded into the statistics." in _call("fold_quiz_tallies")
    assert "0 attempt(s) folded" in _call("fold_quiz_tallies")


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_finish_leaves_the_rows_every_learner_shares_unlocked(ready_learner, quiz):
    """While one learner's final submit is still in its transaction, another can take the
    quiz's version and page rows (the lock a concurrent finish of the old code took)."""
    attempt = services.attempt_start(user=ready_learner, quiz=quiz).attempt
    answer_everything(services, ready_learner, attempt)
    errors = []

    def other_learner():
        try:
            with transaction.atomic():
                QuizVersion.objects.select_for_update(nowait=True, no_key=True).get(
                    pk=attempt.version_id
                )
                Page.objects.select_for_update(nowait=True, no_key=True).get(pk=quiz.pk)
        except DatabaseError as error:
            errors.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():
        services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        thread = threading.Thread(target=other_learner)
        thread.start()
        thread.join()
    assert errors == []


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_folds_count_each_attempt_once(ready_learner, quiz, city):
    users = [ready_learner, *_learners(quiz, city, 5)]
    for user in users:
        _finished(user, quiz)
    Attempt.objects.update(tally_pending=True)  # as if no fold had run after the finishes
    QuestionTally.objects.all().delete()
    OptionTally.objects.all().delete()
    folded = at_once(lambda: tallies.fold(batch_size=1), times=3)
    assert sum(folded) == len(users)
    assert _counts() == {(len(users), len(users))}
