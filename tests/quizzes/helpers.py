"""Answer keys read from an attempt's frozen spec, as a test author would look them up."""

from quizzes import scoring


def questions_of(attempt) -> dict[str, dict]:
    return {q["kind"]: q for q in attempt.version.spec["questions"]}


def key_of(question, *, correct=True, stage=0, branch=None) -> str:
    options = scoring.stage_options(question, stage, branch)
    return next(o["key"] for o in options if o["correct"] == correct)


def correct_keys(question) -> list[str]:
    return [o["key"] for o in question["options"] if o["correct"]]


def answer_everything(services, user, attempt, *, right=True):
    """Answer every stage of every question, all right or all wrong."""
    for question in attempt.version.spec["questions"]:
        if question["kind"] == scoring.MULTIPLE:
            keys = correct_keys(question) if right else [key_of(question, correct=False)]
        else:
            keys = [key_of(question, correct=right)]
        services.answer_submit(
            user=user,
            attempt_id=attempt.pk,
            question_key=question["key"],
            stage=0,
            choice_keys=keys,
        )
        if question["kind"] == scoring.BRANCHING:
            follow = key_of(question, correct=right, stage=1, branch=keys[0])
            services.answer_submit(
                user=user,
                attempt_id=attempt.pk,
                question_key=question["key"],
                stage=1,
                choice_keys=[follow],
                branch_key=keys[0],
            )
