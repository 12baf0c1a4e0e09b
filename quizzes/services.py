"""Writes for quiz records: the only code that starts attempts, records answers and
finishes attempts. Scoring itself is the pure `scoring.py`; the rules for starting are the
pure `rules.py`.

Everything the browser sends is re-checked here: the attempt must be the caller's and
open, the time limit must not have passed, and chosen keys must belong to the question.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.selectors import step_context_for_learner

from . import rules, scoring, selectors, tallies
from .models import (
    Answer,
    Attempt,
    AttemptStatus,
    FeedbackTiming,
    QuizPage,
    QuizVersion,
)
from .versions import spec_for, version_for_live


class AttemptNotFound(LookupError):
    """No such attempt for this learner: unknown id, or another learner's attempt. Both
    look the same to the caller, so attempt ids reveal nothing."""


@dataclass(frozen=True)
class StartResult:
    attempt: Attempt
    resumed: bool


@dataclass(frozen=True)
class SubmitResult:
    attempt_id: int
    question: dict
    stage: int
    created: bool
    # Whether the learner may see this answer's feedback now (`selectors.feedback_visible`).
    feedback_visible: bool


@dataclass(frozen=True)
class FinishResult:
    attempt: Attempt
    finished_now: bool
    score: scoring.AttemptScore | None
    step_message: str = ""


def _decimal(value: Fraction) -> Decimal:
    """Points for storage, to the cent. Scoring stays exact; only the record rounds."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _past_attempts(user, quiz) -> tuple[list[rules.PastAttempt], int]:
    """Attempts of the current cycle (see `selectors.cycle_started_at`) for the rules, and
    the highest attempt number ever, since numbers stay unique across cycles."""
    attempts = list(
        Attempt.objects.filter(user=user, quiz=quiz).only(
            "number", "started_at", "finished_at", "passed"
        )
    )
    started = selectors.cycle_started_at(user_id=user.pk, quiz=quiz)
    current = selectors.current_cycle_attempts(attempts, started)
    return (
        [rules.PastAttempt(a.number, a.finished_at, a.passed) for a in current],
        max((a.number for a in attempts), default=0),
    )


def attempt_start(*, user, quiz: QuizPage) -> StartResult:
    """Start an attempt, or return the open one (resume on any device).

    Refused when the quiz is not live or `rules.attempt_eligibility` says no (earlier steps
    not done, already passed, no attempts left, cooling down). Two tabs starting together
    get the same attempt: the database allows one open attempt per learner and quiz.
    """
    if not quiz.live:
        raise ValidationError(_("Kuis ini sudah tidak tersedia."), code="not_live")
    now = timezone.now()
    current = Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.OPEN).first()
    if current is not None:
        if current.deadline_at is None or current.deadline_at > now:
            return StartResult(current, resumed=True)
        attempt_finish(user=user, attempt_id=current.pk)
    step = step_context_for_learner(user=user, step=quiz).get("current_step")
    past, last_number = _past_attempts(user, quiz)
    eligibility = rules.attempt_eligibility(
        past,
        now=now,
        max_attempts=quiz.max_attempts,
        cooldown_minutes=quiz.cooldown_minutes,
        step_unlocked=bool(step and step["unlocked"]),
    )
    if not eligibility.allowed:
        raise ValidationError(eligibility.message, code=eligibility.code)
    version = version_for_live(quiz)
    spec_for(version.pk, version.digest)  # warm this process's cache for the answers to come
    limit = version.spec["settings"]["time_limit_minutes"]
    number = 1 + last_number
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                user=user,
                quiz=quiz,
                version=version,
                number=number,
                seed=secrets.randbelow(2**31),
                started_at=now,
                deadline_at=now + timezone.timedelta(minutes=limit) if limit else None,
            )
    except IntegrityError:
        # A second tab started at the same moment: play the attempt it created.
        attempt = Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.OPEN).first()
        if attempt is None:
            raise ValidationError(
                _("Percobaan tidak dapat dimulai. Muat ulang halaman."), code="conflict"
            ) from None
        return StartResult(attempt, resumed=True)
    return StartResult(attempt, resumed=False)


def attempt_for_user(*, user, attempt_id: int) -> Attempt:
    """The learner's attempt with its version; the version's spec (the whole quiz) comes
    from this process's cache (`versions.spec_for`) instead of the database each time."""
    attempt = (
        Attempt.objects.select_related("version")
        .defer("version__spec")
        .filter(pk=attempt_id, user_id=user.pk)
        .first()
    )
    if attempt is None:
        raise AttemptNotFound(attempt_id)
    attempt.version.spec = spec_for(attempt.version_id, attempt.version.digest)
    return attempt


def _question(spec: dict, question_key: str) -> dict:
    question = next((q for q in spec["questions"] if q["key"] == question_key), None)
    if question is None:
        raise scoring.InvalidResponse("unknown_question", _("Pertanyaan ini tidak ada di kuis."))
    return question


def _version_sql() -> str:
    attempt, version = Attempt._meta.db_table, QuizVersion._meta.db_table
    return f"""
        SELECT v.id, v.digest FROM {attempt} a JOIN {version} v ON v.id = a.version_id
        WHERE a.id = %s AND a.user_id = %s
    """  # noqa: S608 - table names come from model meta, values are parameters  # nosec B608


def _attempt_spec(*, user, attempt_id: int) -> dict:
    """The spec an attempt of this learner is played against, or AttemptNotFound.

    The answer path's only read: one plain statement for the attempt's version (the ORM
    would spend longer building it than the database answering it), and the version's
    spec from this process's cache (`versions.spec_for`: versions never change). Whether
    the attempt is still open and in time is left to the guarded INSERT.
    """
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [attempt_id, user.pk])
        row = cursor.fetchone()
    if row is None:
        raise AttemptNotFound(attempt_id)
    return spec_for(*row)


def _insert_sql() -> str:
    answer, attempt = Answer._meta.db_table, Attempt._meta.db_table
    postgres = connection.vendor == "postgresql"
    json_param = "CAST(%s AS jsonb)" if postgres else "%s"
    # FOR SHARE waits for a concurrent finish to commit and then re-checks `status`, so an
    # answer can never land in an attempt that has just been scored.
    lock = "FOR SHARE OF a" if postgres else ""
    return f"""
        INSERT INTO {answer}
            (attempt_id, question_key, stage, choice_keys, choice, points, max_points,
             is_correct, answered_at)
        SELECT a.id, %s, %s, {json_param}, %s, %s, %s, %s, %s
        FROM {attempt} a
        WHERE a.id = %s AND a.user_id = %s AND a.status = %s
          AND (a.deadline_at IS NULL OR a.deadline_at > %s)
          AND (%s = '' OR EXISTS (
                SELECT 1 FROM {answer} b
                WHERE b.attempt_id = a.id AND b.question_key = %s AND b.stage = 0
                  AND b.choice = %s))
        {lock}
        ON CONFLICT (attempt_id, question_key, stage) DO NOTHING
        RETURNING id
    """  # noqa: S608 - table names come from model meta, values are parameters  # nosec B608


def answer_submit(
    *,
    user,
    attempt_id: int,
    question_key: str,
    stage: int,
    choice_keys: list[str],
    branch_key: str = "",
) -> SubmitResult:
    """Record the learner's answer to one stage of one question, scored on the server.

    Two queries: the attempt's version (`_attempt_spec`), then one guarded INSERT that
    checks the attempt is the caller's, open and within its time, that a follow-up's branch
    is the one recorded at stage 0, and that the stage is not already answered. A double
    submit records one answer; the second call returns `created=False`. When the INSERT
    writes nothing, `_explain_refusal` says why.
    """
    spec = _attempt_spec(user=user, attempt_id=attempt_id)
    now = timezone.now()
    question = _question(spec, question_key)
    branch = branch_key if stage == 1 else None
    # Validates the stage and the keys (InvalidResponse) and scores them in one pass.
    result = scoring.score_stage(question, stage=stage, choice_keys=choice_keys, branch_key=branch)
    keys = result.keys
    ops = connection.ops
    params = [
        question_key,
        stage,
        json.dumps(list(keys)),
        keys[0] if len(keys) == 1 else "",
        ops.adapt_decimalfield_value(_decimal(result.points), 5, 2),
        result.max_points,
        result.correct,
        ops.adapt_datetimefield_value(now),
        attempt_id,
        user.pk,
        AttemptStatus.OPEN,
        ops.adapt_datetimefield_value(now),
        branch or "",
        question_key,
        branch or "",
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(), params)
        created = cursor.fetchone() is not None
    if not created:
        _explain_refusal(attempt_id, question_key, stage)
    # Recorded, or already recorded in an attempt still open (`_explain_refusal`).
    immediate = spec["settings"]["feedback_timing"] == FeedbackTiming.IMMEDIATE
    return SubmitResult(attempt_id, question, stage, created, feedback_visible=immediate)


def _explain_refusal(attempt_id: int, question_key: str, stage: int) -> None:
    """The guarded INSERT wrote nothing: say why. An attempt finished or out of time is
    refused with the reason; a duplicate in an open attempt is not an error (double click,
    two tabs)."""
    attempt = Attempt.objects.only("status", "deadline_at").get(pk=attempt_id)
    if not attempt.is_open:
        raise ValidationError(_("Percobaan ini sudah selesai."), code="finished")
    if attempt.deadline_at is not None and attempt.deadline_at <= timezone.now():
        raise ValidationError(
            _("Waktu pengerjaan sudah habis. Jawaban ini tidak dicatat."), code="time_up"
        )
    if Answer.objects.filter(attempt=attempt, question_key=question_key, stage=stage).exists():
        return
    raise scoring.InvalidResponse(
        "no_branch", _("Jawab dulu pertanyaan utama skenario ini, lalu pertanyaan lanjutannya.")
    )


def responses_of(attempt: Attempt) -> dict[tuple[str, int], list[str]]:
    return {
        (a.question_key, a.stage): a.choice_keys
        for a in Answer.objects.filter(attempt=attempt).only("question_key", "stage", "choice_keys")
    }


@transaction.atomic
def attempt_finish(*, user, attempt_id: int) -> FinishResult:
    """Score and close an attempt: the learner's final submit, or the first visit after
    its time ran out (then it closes as expired with the answers given in time).

    The score is recomputed from the stored choices and the attempt's own version, never
    taken from the request. The attempt is claimed with a conditional UPDATE, so a
    double final submit scores, counts in the statistics and completes the course step
    exactly once. Passing completes the quiz step of the course.
    """
    attempt = (
        # Only the attempt's row: without `of`, PostgreSQL also locks the joined version
        # and quiz page rows, which every finish of the quiz shares, and a city's final
        # submits would wait for one another (and block new attempts) until each commits.
        Attempt.objects.select_for_update(of=("self",))
        .select_related("version", "quiz")
        # The whole quiz twice as JSON (the version's spec, the page's questions) was a
        # third of a final submit: the spec comes from this process's cache instead, and
        # completing the step needs none of the page's content.
        .defer("version__spec", "quiz__questions", "quiz__intro")
        .filter(pk=attempt_id, user_id=user.pk)
        .first()
    )
    if attempt is None:
        raise AttemptNotFound(attempt_id)
    attempt.version.spec = spec_for(attempt.version_id, attempt.version.digest)
    if not attempt.is_open:
        return FinishResult(attempt, finished_now=False, score=None)
    now = timezone.now()
    expired = attempt.deadline_at is not None and attempt.deadline_at <= now
    spec = attempt.version.spec
    responses = responses_of(attempt)
    score = scoring.score_attempt(
        spec["questions"], responses, pass_mark=spec["settings"]["pass_mark"]
    )
    status = AttemptStatus.EXPIRED if expired else AttemptStatus.SUBMITTED
    claimed = Attempt.objects.filter(pk=attempt.pk, status=AttemptStatus.OPEN).update(
        status=status,
        finished_at=now,
        points=_decimal(score.points),
        max_points=score.max_points,
        percent=score.percent,
        passed=score.passed,
        # The per-question statistics take it from here, in the background (`tallies`).
        tally_pending=True,
    )
    attempt.refresh_from_db()
    if not claimed:
        return FinishResult(attempt, finished_now=False, score=None)
    transaction.on_commit(tallies.schedule)
    step_message = ""
    if score.passed:
        try:
            course_services.step_complete(user=user, step=attempt.quiz)
        except ValidationError as exc:
            # The pass stands; the course step waits until, e.g., a newly published
            # module before the quiz is read.
            step_message = " ".join(exc.messages)
    return FinishResult(attempt, finished_now=True, score=score, step_message=step_message)
