"""Quiz scoring: pure functions over a frozen quiz spec, no ORM.

A *spec* is the JSON a `QuizVersion` stores (built by `versions.py`): settings plus a list
of questions, each a dict with `key`, `kind`, `points` and its options. A learner's answer
to one *stage* of a question is a set of option keys. Every question has stage 0; a
branching scenario also has stage 1, the follow-up question of the branch chosen at stage 0.

The server scores from the spec and the chosen keys alone, so nothing the browser sends
(a score, a "correct" flag) can change a result. Points are exact fractions: partial
credit must not drift with float rounding, and the pass decision compares exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
TRUE_FALSE = "true_false"
FEED = "feed_post"
BRANCHING = "branching"
KINDS = (SINGLE, MULTIPLE, TRUE_FALSE, FEED, BRANCHING)


class InvalidResponse(ValueError):
    """An answer that cannot be scored: it names options the question does not have, too
    many or too few of them, or a stage that does not exist. Nothing is recorded."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


@dataclass(frozen=True)
class StageScore:
    points: Fraction
    max_points: int
    correct: bool
    keys: tuple[str, ...] = ()  # the chosen keys as checked: sorted, without repeats


@dataclass(frozen=True)
class QuestionScore:
    key: str
    points: Fraction
    max_points: int
    correct: bool
    answered: bool


@dataclass(frozen=True)
class AttemptScore:
    points: Fraction
    max_points: int
    percent: int
    passed: bool
    questions: tuple[QuestionScore, ...]


def stage_count(question: Mapping) -> int:
    return 2 if question["kind"] == BRANCHING else 1


def stage_options(question: Mapping, stage: int, branch_key: str | None = None) -> list[dict]:
    """The options a learner chooses from at `stage`. Stage 1 of a branching scenario
    depends on the branch taken at stage 0 (`branch_key`)."""
    if stage == 0:
        if question["kind"] == BRANCHING:
            return list(question["choices"])
        return list(question["options"])
    if stage == 1 and question["kind"] == BRANCHING:
        branch = next((c for c in question["choices"] if c["key"] == branch_key), None)
        if branch is None:
            raise InvalidResponse("no_branch", _("Pilih dulu salah satu cabang skenario."))
        return list(branch["follow_up_options"])
    raise InvalidResponse("bad_stage", _("Tahap pertanyaan ini tidak ada."))


def accepts_many(question: Mapping, stage: int) -> bool:
    return question["kind"] == MULTIPLE and stage == 0


def check_response(
    question: Mapping, *, stage: int, choice_keys: Iterable[str], branch_key: str | None = None
) -> tuple[str, ...]:
    """Validate an answer and return its keys, sorted and without repeats.

    Refuses keys that belong to no option of this stage (a forged key, or one from another
    question), an empty answer, and more than one key where only one may be chosen.
    """
    options = stage_options(question, stage, branch_key)
    known = {option["key"] for option in options}
    keys = tuple(sorted(set(choice_keys)))
    if not keys:
        raise InvalidResponse("empty", _("Pilih jawaban terlebih dahulu."))
    if any(key not in known for key in keys):
        raise InvalidResponse("unknown_option", _("Jawaban tidak dikenal untuk pertanyaan ini."))
    if len(keys) > 1 and not accepts_many(question, stage):
        raise InvalidResponse("too_many", _("Pertanyaan ini hanya menerima satu jawaban."))
    return keys


def score_stage(
    question: Mapping, *, stage: int, choice_keys: Iterable[str], branch_key: str | None = None
) -> StageScore:
    """Points for one stage of a question.

    One-answer kinds score full points when the chosen option is marked correct. Multiple
    choice scores full points only for the exact set of correct options; with partial
    credit, each correct pick earns a share and each wrong pick cancels one, never below 0.
    """
    keys = check_response(question, stage=stage, choice_keys=choice_keys, branch_key=branch_key)
    options = stage_options(question, stage, branch_key)
    correct_keys = {o["key"] for o in options if o["correct"]}
    worth = int(question["points"])
    chosen = set(keys)
    exact = chosen == correct_keys if accepts_many(question, stage) else chosen <= correct_keys
    if exact:
        return StageScore(Fraction(worth), worth, True, keys)
    if accepts_many(question, stage) and question.get("partial_credit"):
        hits = len(chosen & correct_keys)
        misses = len(chosen - correct_keys)
        share = Fraction(max(0, hits - misses), len(correct_keys))
        return StageScore(worth * share, worth, False, keys)
    return StageScore(Fraction(0), worth, False, keys)


def question_max_points(question: Mapping) -> int:
    return int(question["points"]) * stage_count(question)


def score_question(
    question: Mapping, responses: Mapping[tuple[str, int], Sequence[str]]
) -> QuestionScore:
    """All stages of one question; a stage left unanswered scores 0. A question is correct
    when every stage is."""
    total, correct, answered = Fraction(0), True, False
    branch_key = None
    for stage in range(stage_count(question)):
        keys = responses.get((question["key"], stage))
        if not keys:
            correct = False
            continue
        answered = True
        result = score_stage(question, stage=stage, choice_keys=keys, branch_key=branch_key)
        total += result.points
        correct = correct and result.correct
        if stage == 0 and question["kind"] == BRANCHING:
            branch_key = keys[0]
    return QuestionScore(question["key"], total, question_max_points(question), correct, answered)


def score_attempt(
    questions: Sequence[Mapping],
    responses: Mapping[tuple[str, int], Sequence[str]],
    *,
    pass_mark: int,
) -> AttemptScore:
    """The attempt's result: points over the maximum, whole percent (rounded down, so a
    learner is never shown 70% while holding 69.9%) and pass against `pass_mark` percent,
    decided exactly. Responses to unknown questions are ignored; questions are scored in
    the spec's order, which does not change the total."""
    scored = tuple(score_question(question, responses) for question in questions)
    points = sum((q.points for q in scored), Fraction(0))
    max_points = sum(q.max_points for q in scored)
    if max_points == 0:
        return AttemptScore(points, 0, 0, False, scored)
    percent = math.floor(100 * points / max_points)
    passed = points * 100 >= pass_mark * max_points
    return AttemptScore(points, max_points, percent, passed, scored)
