"""Per-question statistics (`QuestionTally`, `OptionTally`), folded in from finished attempts
in the background.

A whole city finishes the same quiz in the same hour. When every final submit added its
answers to the counters in its own transaction, each waited on the counter rows for the
previous one's commit: at the deadline barrier 7,000 submits queued behind one another past
nginx's timeout. Now a finish only flags its attempt (`Attempt.tally_pending`, set by the
same UPDATE that closes it) and queues a fold after commit; `fold` adds the flagged
attempts to the counters in batches and clears their flags in the same transaction, so each
attempt counts exactly once. Editors' statistics follow within seconds;
`manage.py fold_quiz_tallies` (cron) folds whatever a lost job left.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import connection, transaction

from netra.home.jobs import enqueue_once_per_window

from . import scoring
from .models import Answer, Attempt, AttemptStatus, OptionTally, QuestionTally

# Attempts per transaction: a few statements whatever the size, and the counter rows stay
# locked for well under a second.
BATCH_SIZE = 500
# Finishes within this window share one fold job.
FOLD_SECONDS = 2
_SCHEDULED = "quizzes:tally-fold"


def schedule() -> None:
    """Queue one fold a moment from now unless one is queued. Call after the commit of a
    finish (`transaction.on_commit`)."""
    from .tasks import fold_tallies

    enqueue_once_per_window(fold_tallies, key=_SCHEDULED, seconds=FOLD_SECONDS)


def pending_count(quiz_id: int | None = None) -> int:
    """Finished attempts not yet in the counters (a partial index keeps this cheap)."""
    attempts = Attempt.objects.filter(tally_pending=True)
    if quiz_id is not None:
        attempts = attempts.filter(quiz_id=quiz_id)
    return attempts.count()


def fold(*, batch_size: int = BATCH_SIZE) -> int:
    """Add every flagged attempt to the counters, a batch per transaction; returns how many.
    Folds running at once take turns: one waits for the other's batch, then finds it
    folded. Not SKIP LOCKED: a second final submit of the same attempt (a double click)
    holds its row for a moment, and a fold skipping it would leave it to cron."""
    folded = 0
    while True:
        with transaction.atomic():
            attempts = list(
                Attempt.objects.select_for_update(of=("self",))
                .filter(tally_pending=True)
                .select_related("version")
                .only("pk", "quiz_id", "version__spec")
                .order_by("pk")[:batch_size]
            )
            if not attempts:
                return folded
            _add(attempts)
            Attempt.objects.filter(pk__in=[a.pk for a in attempts]).update(tally_pending=False)
        folded += len(attempts)


def recount_all() -> int:
    """Drop the counters and flag every finished attempt, so the next `fold` counts them
    all again from their answers; returns how many are flagged."""
    with transaction.atomic():
        # The UPDATE waits for a fold holding some of these attempts; what that fold added
        # goes with the counters below, and its attempts are flagged again.
        flagged = Attempt.objects.exclude(status=AttemptStatus.OPEN).update(tally_pending=True)
        QuestionTally.objects.all().delete()
        OptionTally.objects.all().delete()
    return flagged


def _add(attempts: list[Attempt]) -> None:
    responses: dict[int, dict[tuple[str, int], list[str]]] = defaultdict(dict)
    answers = Answer.objects.filter(attempt__in=attempts).values_list(
        "attempt_id", "question_key", "stage", "choice_keys"
    )
    for attempt_id, key, stage, choice_keys in answers:
        responses[attempt_id][(key, stage)] = choice_keys
    questions: Counter[tuple] = Counter()
    correct: Counter[tuple] = Counter()
    options: Counter[tuple] = Counter()
    for attempt in attempts:
        for key, stage, is_correct, chosen in counts(
            attempt.version.spec, responses.get(attempt.pk, {})
        ):
            questions[(attempt.quiz_id, key, stage)] += 1
            correct[(attempt.quiz_id, key, stage)] += int(is_correct)
            for option in chosen:
                options[(attempt.quiz_id, key, stage, option)] += 1
    # Sorted, so two folds lock shared counter rows in the same order (no deadlock).
    _upsert(
        QuestionTally,
        ["quiz_id", "question_key", "stage"],
        ["answered", "correct"],
        [(*k, questions[k], correct[k]) for k in sorted(questions)],
    )
    _upsert(
        OptionTally,
        ["quiz_id", "question_key", "stage", "option_key"],
        ["chosen"],
        [(*k, options[k]) for k in sorted(options)],
    )


def counts(spec: dict, responses: dict[tuple[str, int], list[str]]):
    """(question key, stage, answered correctly, chosen option keys) for each stage the
    attempt answered with a valid response; the second stage of a branching question is
    scored against the branch its first stage chose."""
    questions = {q["key"]: q for q in spec["questions"]}
    branch_of = {}
    for (key, stage), keys in sorted(responses.items(), key=lambda item: item[0][1]):
        question = questions.get(key)
        if question is None or not keys:
            continue
        branch = branch_of.get(key) if stage == 1 else None
        try:
            stage_score = scoring.score_stage(
                question, stage=stage, choice_keys=keys, branch_key=branch
            )
        except scoring.InvalidResponse:
            continue
        if stage == 0:
            branch_of[key] = keys[0]
        yield key, stage, stage_score.correct, keys


def _upsert(model, key_columns: list[str], count_columns: list[str], rows: list[tuple]) -> None:
    """Add `rows` (keys then counts, each key once) to the counters in one statement."""
    if not rows:
        return
    table = model._meta.db_table
    columns = [*key_columns, *count_columns]
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in count_columns)
    for start in range(0, len(rows), 1000):  # bounded statement size (SQLite's variables)
        chunk = rows[start : start + 1000]
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608 - model meta only  # nosec B608
            + ", ".join([row_sql] * len(chunk))
            + f" ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {updates}"  # nosec B608
        )
        with connection.cursor() as cursor:
            # nosemgrep: netra-sql-string-formatting (model metadata only)
            cursor.execute(sql, [value for row in chunk for value in row])
