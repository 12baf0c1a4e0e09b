"""factory_boy factories for quizzes, shared by tests and the demo seed."""

from copy import deepcopy

import factory

from netra.home.factories import PageFactory

from . import samples
from .models import QuizPage


def feed_like_question(**overrides) -> tuple[str, dict]:
    """The accidental-like feed scenario: the post opens already liked by the learner."""
    return ("feed_post", {**deepcopy(samples.FEED_POST), **overrides})


def single_choice_question(**overrides) -> tuple[str, dict]:
    return ("single_choice", {**deepcopy(samples.SINGLE_CHOICE), **overrides})


def multiple_choice_question(**overrides) -> tuple[str, dict]:
    return ("multiple_choice", {**deepcopy(samples.MULTIPLE_CHOICE), **overrides})


def true_false_question(**overrides) -> tuple[str, dict]:
    return ("true_false", {**deepcopy(samples.TRUE_FALSE), **overrides})


def branching_question(**overrides) -> tuple[str, dict]:
    return ("branching", {**deepcopy(samples.BRANCHING), **overrides})


def all_kinds() -> list[tuple[str, dict]]:
    """One question of each kind, in a fixed order."""
    return [
        feed_like_question(),
        branching_question(),
        single_choice_question(),
        multiple_choice_question(),
        true_false_question(),
    ]


class QuizPageFactory(PageFactory):
    class Meta:
        model = QuizPage

    title = factory.Sequence(lambda n: f"Kuis {n}")
    intro = "<p>Uji pemahaman Anda.</p>"
    pass_mark = 70
    max_attempts = 3
    cooldown_minutes = 0
    shuffle_options = False
    questions = factory.LazyFunction(all_kinds)
