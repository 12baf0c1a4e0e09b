"""Fixtures for pacts: a course with a quiz, a pact that requires it, and a learner who
finished the course. (The session's throw-away seal key, `seal_key`, is in tests/conftest.py.)"""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.utils import timezone

from certificates import services
from certificates.factories import PactIndexPageFactory, PactPageFactory
from certificates.models import Certificate
from courses import services as course_services
from courses.factories import course_with_modules, modules_of
from quizzes import services as quiz_services
from quizzes.factories import QuizPageFactory
from quizzes.models import QuizPage
from tests.quizzes.helpers import answer_everything


@pytest.fixture
def course(course_index):
    """A course of one module and a quiz: the pact's prerequisite."""
    course = course_with_modules(parent=course_index, modules=1, title="Netralitas di Medsos")
    QuizPageFactory(parent=course)
    return course


@pytest.fixture
def pact_index(home):
    return PactIndexPageFactory(parent=home)


@pytest.fixture
def pact(pact_index, course):
    return PactPageFactory(parent=pact_index, title="Pakta Netralitas 2029", required_course=course)


def finish_course(user, course):
    """Read every module and pass the quiz, the way a learner does."""
    for module in modules_of(course):
        course_services.module_complete(user=user, module=module)
    for quiz in course.get_children().live().type(QuizPage).specific():
        attempt = quiz_services.attempt_start(user=user, quiz=quiz).attempt
        answer_everything(quiz_services, user, attempt, right=True)
        assert quiz_services.attempt_finish(user=user, attempt_id=attempt.pk).attempt.passed


@pytest.fixture
def signer(learner, course):
    """A learner who finished the course and passed its quiz."""
    finish_course(learner, course)
    return learner


def just_reauthenticated() -> dict:
    return {
        "auth_methods": [{"method": "password", "at": "x", "reauthenticated": True}],
        "reauthenticated_at": timezone.now() - dt.timedelta(seconds=5),
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the code queues for after its transaction commits (the certificate job
    on the immediate test backend), as a real commit would."""

    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


@pytest.fixture
def done(committed):
    """`done(user, course)`: finish a course, with its after-commit jobs run."""

    def run(user, course):
        with committed():
            finish_course(user, course)

    return run


@pytest.fixture
def signed(committed):
    """`signed(user, pact)`: sign the pact's current version, after-commit jobs run."""
    from .test_pact_services import sign

    def run(user, pact):
        with committed():
            return sign(user, services.current_version(pact))

    return run


@pytest.fixture
def earn(done, signed):
    """`earn(user, course, pact)`: finish the course and sign its pact, so the certificate
    is issued (and its PDF made) on the way; returns the current certificate."""

    def run(user, course, pact):
        done(user, course)
        signed(user, pact)
        return Certificate.objects.get(user=user, course=course, superseded_at__isnull=True)

    return run
