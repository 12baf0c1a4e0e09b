"""Fixtures for quiz tests: a course with one module and a quiz of every question kind."""

import pytest

from courses import services as course_services
from courses.factories import course_with_modules, modules_of
from quizzes.factories import QuizPageFactory


@pytest.fixture
def course(course_index):
    return course_with_modules(parent=course_index, modules=1)


@pytest.fixture
def quiz(course):
    return QuizPageFactory(parent=course)


@pytest.fixture
def ready_learner(learner, course, quiz):
    """A learner who has read the module before the quiz."""
    for module in modules_of(course):
        course_services.module_complete(user=learner, module=module)
    return learner
