"""Quiz services: starting, answering (with every tampering case), finishing, versioning."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses import services as course_services
from courses.factories import modules_of
from courses.models import Enrolment, StepCompletion
from netra.people.factories import EmployeeFactory
from quizzes import scoring, services, tallies
from quizzes.factories import single_choice_question
from quizzes.models import Answer, Attempt, AttemptStatus, OptionTally, QuestionTally
from quizzes.selectors import question_statistics_for_quiz

from .helpers import answer_everything, key_of, questions_of

pytestmark = pytest.mark.django_db


def _publish(quiz):
    quiz.save_revision().publish()
    quiz.refresh_from_db()


def _start(user, quiz):
    return services.attempt_start(user=user, quiz=quiz).attempt


def _answer(user, attempt, question, keys, stage=0, branch=""):
    return services.answer_submit(
        user=user,
        attempt_id=attempt.pk,
        question_key=question["key"],
        stage=stage,
        choice_keys=keys,
        branch_key=branch,
    )


class AttemptStartTests:
    def test_refused_when_the_module_before_the_quiz_is_unread(self, learner, quiz):
        with pytest.raises(ValidationError) as info:
            _start(learner, quiz)
        assert info.value.code == "locked"
        assert not Attempt.objects.exists()

    def test_starts_bound_to_the_live_version(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        assert attempt.number == 1 and attempt.is_open
        assert attempt.version.quiz_id == quiz.pk
        assert len(attempt.version.spec["questions"]) == 5
        assert attempt.deadline_at is None

    def test_second_start_resumes_the_open_attempt(self, ready_learner, quiz):
        first = services.attempt_start(user=ready_learner, quiz=quiz)
        again = services.attempt_start(user=ready_learner, quiz=quiz)
        assert again.resumed and again.attempt.pk == first.attempt.pk
        assert Attempt.objects.count() == 1

    def test_time_limit_sets_a_deadline(self, ready_learner, quiz):
        quiz.time_limit_minutes = 10
        _publish(quiz)
        attempt = _start(ready_learner, quiz)
        assert attempt.deadline_at - attempt.started_at == dt.timedelta(minutes=10)

    def test_refused_beyond_max_attempts(self, ready_learner, quiz):
        quiz.max_attempts = 2
        _publish(quiz)
        for _ in range(2):
            attempt = _start(ready_learner, quiz)
            services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        with pytest.raises(ValidationError) as info:
            _start(ready_learner, quiz)
        assert info.value.code == "no_attempts_left"
        assert Attempt.objects.count() == 2

    def test_refused_during_cooldown(self, ready_learner, quiz):
        quiz.cooldown_minutes = 30
        _publish(quiz)
        attempt = _start(ready_learner, quiz)
        services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        with pytest.raises(ValidationError) as info:
            _start(ready_learner, quiz)
        assert info.value.code == "cooldown"

    def test_refused_after_passing(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        answer_everything(services, ready_learner, attempt)
        services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        with pytest.raises(ValidationError) as info:
            _start(ready_learner, quiz)
        assert info.value.code == "passed"

    def test_refused_when_the_quiz_is_unpublished(self, ready_learner, quiz):
        quiz.unpublish()
        quiz.refresh_from_db()
        with pytest.raises(ValidationError):
            _start(ready_learner, quiz)


class AnswerSubmitTests:
    def test_records_a_server_scored_answer(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        question = questions_of(attempt)[scoring.FEED]
        result = _answer(ready_learner, attempt, question, [key_of(question)])
        assert result.created
        answer = Answer.objects.get()
        assert answer.is_correct and answer.points == 2 and answer.max_points == 2
        assert answer.choice == key_of(question)

    def test_double_submit_records_one_answer(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        first = _answer(ready_learner, attempt, question, [key_of(question, correct=False)])
        second = _answer(ready_learner, attempt, question, [key_of(question)])
        assert first.created and not second.created
        answer = Answer.objects.get()
        # The first answer stands: a second tab cannot overwrite it with a better one.
        assert not answer.is_correct

    def test_refuses_an_option_of_another_question(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        questions = questions_of(attempt)
        foreign = key_of(questions[scoring.MULTIPLE])
        with pytest.raises(scoring.InvalidResponse):
            _answer(ready_learner, attempt, questions[scoring.SINGLE], [foreign])
        assert not Answer.objects.exists()

    def test_refuses_a_question_not_in_the_attempt(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        forged = {"key": "not-a-question"}
        with pytest.raises(scoring.InvalidResponse):
            _answer(ready_learner, attempt, forged, ["a"])
        assert not Answer.objects.exists()

    def test_refuses_another_users_attempt(self, ready_learner, quiz, city):
        attempt = _start(ready_learner, quiz)
        intruder = EmployeeFactory(office=city["kel"], with_account=True).user
        question = questions_of(attempt)[scoring.SINGLE]
        with pytest.raises(services.AttemptNotFound):
            _answer(intruder, attempt, question, [key_of(question)])
        assert not Answer.objects.exists()

    def test_refuses_after_the_time_limit(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        Attempt.objects.filter(pk=attempt.pk).update(
            deadline_at=timezone.now() - dt.timedelta(seconds=1)
        )
        question = questions_of(attempt)[scoring.SINGLE]
        with pytest.raises(ValidationError) as info:
            _answer(ready_learner, attempt, question, [key_of(question)])
        assert info.value.code == "time_up"
        assert not Answer.objects.exists()

    def test_refuses_after_the_attempt_is_finished(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        question = questions_of(attempt)[scoring.SINGLE]
        with pytest.raises(ValidationError) as info:
            _answer(ready_learner, attempt, question, [key_of(question)])
        assert info.value.code == "finished"
        assert not Answer.objects.exists()

    def test_refuses_a_second_option_on_a_one_answer_question(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        question = questions_of(attempt)[scoring.FEED]
        keys = [o["key"] for o in question["options"]][:2]
        with pytest.raises(scoring.InvalidResponse):
            _answer(ready_learner, attempt, question, keys)
        assert not Answer.objects.exists()

    def test_follow_up_must_match_the_branch_recorded(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        question = questions_of(attempt)[scoring.BRANCHING]
        taken, other = (c["key"] for c in question["choices"])
        # Follow-up before the decision: refused.
        with pytest.raises(scoring.InvalidResponse):
            _answer(
                ready_learner, attempt, question,
                [key_of(question, stage=1, branch=taken)], stage=1, branch=taken,
            )  # fmt: skip
        _answer(ready_learner, attempt, question, [taken])
        # Claiming the other branch, to answer its easier follow-up: refused.
        with pytest.raises(scoring.InvalidResponse):
            _answer(
                ready_learner, attempt, question,
                [key_of(question, stage=1, branch=other)], stage=1, branch=other,
            )  # fmt: skip
        result = _answer(
            ready_learner, attempt, question,
            [key_of(question, stage=1, branch=taken)], stage=1, branch=taken,
        )  # fmt: skip
        assert result.created
        assert Answer.objects.filter(stage=1).count() == 1


class AttemptFinishTests:
    def test_passing_completes_the_quiz_step_and_the_course(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        answer_everything(services, ready_learner, attempt)
        result = services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        assert result.finished_now and result.score.passed
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.SUBMITTED
        assert attempt.percent == 100 and attempt.passed
        assert StepCompletion.objects.filter(step_id=quiz.pk).exists()
        assert Enrolment.objects.get(user=ready_learner).completed_at is not None

    def test_failing_leaves_the_course_open(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        answer_everything(services, ready_learner, attempt, right=False)
        result = services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        assert not result.score.passed and result.score.points == 0
        assert not StepCompletion.objects.filter(step_id=quiz.pk).exists()
        assert Enrolment.objects.get(user=ready_learner).completed_at is None

    def test_score_is_recomputed_from_choices_not_stored_points(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        answer_everything(services, ready_learner, attempt, right=False)
        Answer.objects.update(points=99, is_correct=True)  # tampered rows
        result = services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        assert result.score.points == 0 and not result.score.passed

    def test_finishing_twice_scores_and_counts_once(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        answer_everything(services, ready_learner, attempt)
        first = services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        second = services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        assert first.finished_now and not second.finished_now
        assert tallies.fold() == 1
        assert set(QuestionTally.objects.values_list("answered", flat=True)) == {1}
        assert StepCompletion.objects.filter(step_id=quiz.pk).count() == 1

    def test_expired_attempt_closes_with_answers_given_in_time(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        _answer(ready_learner, attempt, question, [key_of(question)])
        Attempt.objects.filter(pk=attempt.pk).update(
            deadline_at=timezone.now() - dt.timedelta(seconds=1)
        )
        services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.EXPIRED
        assert attempt.points == 1 and attempt.max_points == 7 and not attempt.passed

    def test_another_learner_cannot_finish_my_attempt(self, ready_learner, quiz, city):
        attempt = _start(ready_learner, quiz)
        intruder = EmployeeFactory(office=city["kel"], with_account=True).user
        with pytest.raises(services.AttemptNotFound):
            services.attempt_finish(user=intruder, attempt_id=attempt.pk)
        attempt.refresh_from_db()
        assert attempt.is_open


class VersioningTests:
    def _change_single_choice_key(self, quiz):
        """An editor flips which option of the single-choice question is right."""
        stream = list(quiz.questions.raw_data)
        for block in stream:
            if block["type"] == "single_choice":
                for item in block["value"]["options"]:
                    item["value"]["correct"] = not item["value"]["correct"]
                block["value"]["options"][-1]["value"]["correct"] = False
        quiz.questions = stream
        _publish(quiz)

    def test_attempt_in_progress_keeps_the_questions_it_started_with(self, ready_learner, quiz):
        attempt = _start(ready_learner, quiz)
        question = questions_of(attempt)[scoring.SINGLE]
        right_before_edit = key_of(question)
        self._change_single_choice_key(quiz)
        _answer(ready_learner, attempt, question, [right_before_edit])
        services.attempt_finish(user=ready_learner, attempt_id=attempt.pk)
        assert Answer.objects.get().is_correct
        attempt.refresh_from_db()
        assert key_of(questions_of(attempt)[scoring.SINGLE]) == right_before_edit

    def test_new_attempts_use_the_edited_version(self, ready_learner, quiz):
        quiz.cooldown_minutes = 0
        _publish(quiz)
        first = _start(ready_learner, quiz)
        services.attempt_finish(user=ready_learner, attempt_id=first.pk)
        self._change_single_choice_key(quiz)
        second = _start(ready_learner, quiz)
        assert second.version_id != first.version_id
        old, new = (key_of(questions_of(a)[scoring.SINGLE]) for a in (first, second))
        assert old != new
        # Question keys survive the edit, so statistics still line up.
        assert (
            questions_of(first)[scoring.SINGLE]["key"]
            == questions_of(second)[scoring.SINGLE]["key"]
        )

    def test_republishing_identical_content_reuses_the_version(self, ready_learner, quiz):
        first = _start(ready_learner, quiz)
        services.attempt_finish(user=ready_learner, attempt_id=first.pk)
        quiz.time_limit_minutes = 45
        _publish(quiz)  # a rule changed: new version
        _publish(quiz)  # nothing changed: same version as before
        second = _start(ready_learner, quiz)
        assert quiz.versions.count() == 2
        assert second.version.spec["settings"]["time_limit_minutes"] == 45


class StatisticsTests:
    def test_counts_answers_and_the_most_chosen_wrong_option(self, ready_learner, quiz, city):
        quiz.questions = [single_choice_question()]
        _publish(quiz)
        learners = [ready_learner]
        for _ in range(2):
            other = EmployeeFactory(office=city["dinas"], with_account=True).user
            for module in modules_of(quiz.get_parent().specific):
                course_services.module_complete(user=other, module=module)
            learners.append(other)
        for index, user in enumerate(learners):
            attempt = _start(user, quiz)
            question = attempt.version.spec["questions"][0]
            wrong = [o["key"] for o in question["options"] if not o["correct"]]
            choice = key_of(question) if index == 0 else wrong[1]
            _answer(user, attempt, question, [choice])
            services.attempt_finish(user=user, attempt_id=attempt.pk)
        tallies.fold()
        (row,) = question_statistics_for_quiz(quiz=quiz)
        assert row["answered"] == 3 and row["correct"] == 1 and row["percent_correct"] == 33
        assert row["top_wrong"] == "Camat" and row["top_wrong_count"] == 2
        assert OptionTally.objects.get(option_key=wrong[1]).chosen == 2
