"""Pure scoring: plain parametrized cases and Hypothesis properties. No database."""

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes import scoring

from .specs import branching, feed, mixed_quiz, multiple, single, true_false


class StageScoreTests:
    @pytest.mark.parametrize(
        ("question", "keys", "points", "correct"),
        [
            (single("q"), ["a"], 1, True),
            (single("q"), ["b"], 0, False),
            (true_false("q", "salah"), ["salah"], 1, True),
            (true_false("q", "salah"), ["benar"], 0, False),
            (feed("q"), ["undo"], 2, True),
            (feed("q"), ["sorry"], 0, False),
            (feed("q", correct=("undo", "ignore")), ["ignore"], 2, True),
            (multiple("q"), ["a", "c"], 1, True),
            (multiple("q"), ["c", "a", "a"], 1, True),
            (multiple("q"), ["a"], 0, False),
            (multiple("q", partial=True), ["a"], Fraction(1, 2), False),
            (multiple("q", partial=True), ["a", "b"], 0, False),
            (multiple("q", partial=True), ["a", "c", "b"], Fraction(1, 2), False),
            (multiple("q", partial=True, points=3), ["c"], Fraction(3, 2), False),
        ],
    )
    def test_scores_one_stage_when_answered(self, question, keys, points, correct):
        result = scoring.score_stage(question, stage=0, choice_keys=keys)
        assert result.points == points
        assert result.correct is correct
        assert result.max_points == question["points"]

    def test_follow_up_is_scored_against_the_branch_taken(self):
        question = branching("q")
        good = scoring.score_stage(question, stage=1, choice_keys=["exit"], branch_key="stay")
        assert good.correct and good.points == 1

    @pytest.mark.parametrize(
        ("question", "stage", "keys", "branch", "code"),
        [
            (single("q"), 0, ["zzz"], None, "unknown_option"),
            (single("q"), 0, [], None, "empty"),
            (single("q"), 0, ["a", "b"], None, "too_many"),
            (feed("q"), 0, ["undo", "ignore"], None, "too_many"),
            (true_false("q"), 0, ["ya"], None, "unknown_option"),
            (single("q"), 1, ["a"], None, "bad_stage"),
            (branching("q"), 2, ["say"], "leave", "bad_stage"),
            (branching("q"), 1, ["say"], None, "no_branch"),
            # An option of the other branch: valid elsewhere in the quiz, not here.
            (branching("q"), 1, ["exit"], "leave", "unknown_option"),
        ],
    )
    def test_refuses_a_response_when_it_does_not_fit_the_question(
        self, question, stage, keys, branch, code
    ):
        with pytest.raises(scoring.InvalidResponse) as info:
            scoring.score_stage(question, stage=stage, choice_keys=keys, branch_key=branch)
        assert info.value.code == code
        assert info.value.message

    def test_refuses_an_option_key_of_another_question(self):
        quiz = [single("q1", keys=("a", "b")), single("q2", correct="x", keys=("x", "y"))]
        with pytest.raises(scoring.InvalidResponse):
            scoring.check_response(quiz[0], stage=0, choice_keys=["x"])


class AttemptScoreTests:
    def test_full_marks_pass_when_everything_is_right(self):
        quiz = mixed_quiz()
        responses = {
            ("q1", 0): ["a"],
            ("q2", 0): ["a", "c"],
            ("q3", 0): ["benar"],
            ("q4", 0): ["undo"],
            ("q5", 0): ["leave"],
            ("q5", 1): ["say"],
            ("q6", 0): ["a", "c"],
        }
        result = scoring.score_attempt(quiz, responses, pass_mark=70)
        assert result.max_points == 1 + 1 + 1 + 2 + 2 + 3
        assert result.points == result.max_points
        assert result.percent == 100 and result.passed
        assert all(q.correct for q in result.questions)

    def test_unanswered_questions_score_zero_when_time_runs_out(self):
        result = scoring.score_attempt(mixed_quiz(), {("q1", 0): ["a"]}, pass_mark=70)
        assert result.points == 1 and result.max_points == 10
        assert result.percent == 10 and not result.passed
        assert [q.answered for q in result.questions] == [True] + [False] * 5

    def test_pass_is_decided_exactly_at_the_mark(self):
        quiz = [single(f"q{i}") for i in range(10)]
        seven = {(f"q{i}", 0): ["a"] for i in range(7)}
        assert scoring.score_attempt(quiz, seven, pass_mark=70).passed
        assert not scoring.score_attempt(quiz, seven, pass_mark=71).passed

    def test_percent_rounds_down_so_a_fail_never_shows_the_pass_mark(self):
        quiz = [multiple("q", partial=True, correct=("a", "b", "c"), keys=("a", "b", "c", "d"))]
        quiz += [single(f"s{i}") for i in range(2)]
        # 1/3 + 1 + 1 = 2.333 of 3 -> 77.7%
        responses = {("q", 0): ["a"], ("s0", 0): ["a"], ("s1", 0): ["a"]}
        result = scoring.score_attempt(quiz, responses, pass_mark=78)
        assert result.percent == 77 and not result.passed

    def test_branching_counts_the_decision_and_the_follow_up(self):
        quiz = [branching("b", points=2)]
        wrong_then_recover = {("b", 0): ["stay"], ("b", 1): ["exit"]}
        result = scoring.score_attempt(quiz, wrong_then_recover, pass_mark=50)
        assert result.points == 2 and result.max_points == 4 and result.passed
        assert not result.questions[0].correct

    def test_responses_to_unknown_questions_are_ignored(self):
        result = scoring.score_attempt([single("q1")], {("forged", 0): ["a"]}, pass_mark=1)
        assert result.points == 0

    def test_an_empty_quiz_never_passes(self):
        result = scoring.score_attempt([], {}, pass_mark=1)
        assert result.max_points == 0 and not result.passed


# --- Properties ---------------------------------------------------------------------------

QUIZ = mixed_quiz()


def _stage_keys(question, stage, branch):
    return [o["key"] for o in scoring.stage_options(question, stage, branch)]


@st.composite
def responses(draw):
    """Any well-formed set of answers to QUIZ, including skipped questions."""
    answers = {}
    for question in QUIZ:
        if not draw(st.booleans()):
            continue
        keys = _stage_keys(question, 0, None)
        if scoring.accepts_many(question, 0):
            chosen = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
        else:
            chosen = [draw(st.sampled_from(keys))]
        answers[(question["key"], 0)] = chosen
        if question["kind"] == scoring.BRANCHING and draw(st.booleans()):
            follow = _stage_keys(question, 1, chosen[0])
            answers[(question["key"], 1)] = [draw(st.sampled_from(follow))]
    return answers


@settings(max_examples=300, deadline=None)
@given(responses(), st.integers(min_value=1, max_value=100))
def test_score_stays_within_bounds(answers, pass_mark):
    result = scoring.score_attempt(QUIZ, answers, pass_mark=pass_mark)
    assert 0 <= result.points <= result.max_points
    assert 0 <= result.percent <= 100
    for q in result.questions:
        assert 0 <= q.points <= q.max_points
    assert result.passed == (result.points * 100 >= pass_mark * result.max_points)


@settings(max_examples=200, deadline=None)
@given(responses(), st.randoms(use_true_random=False))
def test_score_does_not_depend_on_order(answers, rng):
    shuffled_quiz = list(QUIZ)
    rng.shuffle(shuffled_quiz)
    items = list(answers.items())
    rng.shuffle(items)
    reordered = {key: list(reversed(keys)) for key, keys in items}
    first = scoring.score_attempt(QUIZ, answers, pass_mark=70)
    second = scoring.score_attempt(shuffled_quiz, dict(reordered), pass_mark=70)
    assert (first.points, first.max_points, first.percent, first.passed) == (
        second.points,
        second.max_points,
        second.percent,
        second.passed,
    )


@settings(max_examples=200, deadline=None)
@given(responses())
def test_scoring_is_idempotent(answers):
    # Duplicate keys (a double-clicked checkbox) and re-scoring change nothing.
    doubled = {key: keys + keys for key, keys in answers.items()}
    once = scoring.score_attempt(QUIZ, answers, pass_mark=70)
    assert scoring.score_attempt(QUIZ, answers, pass_mark=70) == once
    again = scoring.score_attempt(QUIZ, doubled, pass_mark=70)
    assert (again.points, again.percent, again.passed) == (once.points, once.percent, once.passed)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2**31 - 1))
def test_layout_is_a_stable_permutation_for_a_seed(seed):
    from quizzes import layout

    order = layout.question_order(QUIZ, seed=seed, shuffle=True)
    assert sorted(order) == sorted(q["key"] for q in QUIZ)
    assert layout.question_order(QUIZ, seed=seed, shuffle=True) == order
    assert layout.question_order(QUIZ, seed=seed, shuffle=False) == [q["key"] for q in QUIZ]


def test_layout_varies_between_learners():
    from quizzes import layout

    orders = {
        tuple(layout.question_order(QUIZ, seed=random.Random(i).getrandbits(31), shuffle=True))
        for i in range(20)
    }
    assert len(orders) > 1
