"""Reads for quizzes: what a learner sees on the quiz page, while playing an attempt, in
feedback and in the result; and the editor's per-question statistics.

Questions shown for answering are built by `_playable`, which copies only what the
learner needs (text, option keys, the feed post). Correct flags and feedback are copied
only into feedback views, after the stage has been answered, so the answer key never
reaches the browser early.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment
from courses.selectors import step_context_for_learner

from . import layout, rules, scoring
from .models import Answer, Attempt, FeedbackTiming, OptionTally, QuestionTally
from .sanctions import sanction_range_text


def cycle_started_at(*, user_id: int, quiz):
    """When the learner's current cycle of the quiz's course began: attempts from before a
    renewal (recertification) no longer count as passed, used or cooling down."""
    return (
        Enrolment.objects.filter(user_id=user_id, course__path=quiz.course_path)
        .values_list("renewed_at", flat=True)
        .first()
    )


def current_cycle_attempts(attempts, started_at):
    return [a for a in attempts if started_at is None or a.started_at >= started_at]


def quiz_page_for_learner(*, user, quiz) -> dict:
    """Quiz page context: course navigation, the learner's attempts, the open attempt to
    resume, and whether (and why not) a new attempt can start."""
    context = step_context_for_learner(user=user, step=quiz)
    attempts = current_cycle_attempts(
        Attempt.objects.filter(user=user, quiz=quiz).order_by("number"),
        cycle_started_at(user_id=user.pk, quiz=quiz) if user.is_authenticated else None,
    )
    now = timezone.now()
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt and open_attempt.deadline_at and open_attempt.deadline_at <= now:
        open_attempt = None  # closes as expired when the learner next opens it
    step = context.get("current_step")
    eligibility = rules.attempt_eligibility(
        [rules.PastAttempt(a.number, a.finished_at, a.passed) for a in attempts if not a.is_open],
        now=now,
        max_attempts=quiz.max_attempts,
        cooldown_minutes=quiz.cooldown_minutes,
        step_unlocked=bool(step and step["unlocked"]),
    )
    finished = [a for a in attempts if not a.is_open]
    return {
        **context,
        "attempts": finished,
        "open_attempt": open_attempt,
        "eligibility": eligibility,
        "best": max(finished, key=lambda a: a.percent or 0, default=None),
        "passed": any(a.passed for a in finished),
    }


def _playable_options(options, *, seed: int, salt: str, shuffle: bool) -> list[dict]:
    safe = [{"key": o["key"], "text": o["text"], "action": o.get("action", "")} for o in options]
    return layout.ordered_options(safe, seed=seed, salt=salt, shuffle=shuffle)


def _playable(question: dict, *, stage: int, attempt: Attempt, branch_key: str | None) -> dict:
    """A question stage as the learner may see it before answering: no correct flags,
    no feedback, no explanation."""
    settings = attempt.version.spec["settings"]
    shuffle = settings["shuffle_options"] and question["kind"] != scoring.TRUE_FALSE
    view = {
        "key": question["key"],
        "kind": question["kind"],
        "stage": stage,
        "prompt": question["prompt"],
        "multiple": scoring.accepts_many(question, stage),
        "branch_key": branch_key or "",
    }
    if question["kind"] == scoring.FEED:
        view["post"] = question["post"]
    if stage == 1:
        branch = next(c for c in question["choices"] if c["key"] == branch_key)
        view["branch_text"] = branch["text"]
        view["consequence"] = branch["consequence"]
        view["follow_up_prompt"] = branch["follow_up_prompt"]
    options = scoring.stage_options(question, stage, branch_key)
    view["options"] = _playable_options(
        options, seed=attempt.seed, salt=f"{question['key']}:{stage}", shuffle=shuffle
    )
    if question["kind"] == scoring.FEED:
        view["bar"] = feed_bar(question["post"], view["options"])
    return view


def feed_bar(post: dict, options: list[dict], chosen: frozenset[str] = frozenset()) -> list[dict]:
    """The card's four buttons in the platforms' usual order. A button is live when an
    option of the question uses it; the like button reads "Batal suka" on a post the
    learner already liked (the accidental-like variant)."""
    by_action = {o.get("action"): o for o in options}
    liked = post["already_liked"]
    labels = {
        "like": _("Batal suka") if liked else _("Suka"),
        "comment": _("Komentar"),
        "share": _("Bagikan"),
        "follow": _("Ikuti"),
    }
    bar = []
    for action, label in labels.items():
        option = by_action.get(action)
        bar.append(
            {
                "action": action,
                "label": label,
                "option_key": option["key"] if option else "",
                "title": option["text"] if option else "",
                "pressed": action == "like" and liked,
                "chosen": bool(option and option["key"] in chosen),
            }
        )
    return bar


@dataclass(frozen=True)
class PlayState:
    attempt: Attempt
    question: dict | None  # the next stage to answer, playable view
    number: int  # 1-based position of that question
    total: int
    answered: int  # questions with every stage answered


def attempt_play_state(attempt: Attempt) -> PlayState:
    """Where the learner is in an attempt: the first question in the attempt's order with
    a stage still unanswered (a branching follow-up comes right after its choice)."""
    spec = attempt.version.spec
    questions = {q["key"]: q for q in spec["questions"]}
    order = layout.question_order(
        spec["questions"], seed=attempt.seed, shuffle=spec["settings"]["shuffle_questions"]
    )
    answers = {
        (a.question_key, a.stage): a
        for a in Answer.objects.filter(attempt=attempt).only("question_key", "stage", "choice")
    }
    next_view, position, complete = None, 0, 0
    for index, key in enumerate(order, start=1):
        question = questions[key]
        stages = scoring.stage_count(question)
        missing = [s for s in range(stages) if (key, s) not in answers]
        if not missing:
            complete += 1
            continue
        if next_view is None:
            stage = missing[0]
            branch = answers[(key, 0)].choice if stage == 1 else None
            next_view = _playable(question, stage=stage, attempt=attempt, branch_key=branch)
            position = index
    return PlayState(attempt, next_view, position, len(order), complete)


def _feedback_options(options: list[dict], chosen: set[str]) -> list[dict]:
    return [
        {
            "key": o["key"],
            "text": o["text"],
            "action": o.get("action", ""),
            "correct": o["correct"],
            "chosen": o["key"] in chosen,
            "feedback": o["feedback"],
        }
        for o in options
    ]


def _feedback(question: dict, answers: dict[int, Answer]) -> dict:
    """One question with the learner's choices, the key and the why, for a question whose
    stages have been answered."""
    stages = []
    branch = None
    for stage in range(scoring.stage_count(question)):
        answer = answers.get(stage)
        if answer is None:
            break
        options = scoring.stage_options(question, stage, branch)
        entry = {
            "stage": stage,
            "correct": answer.is_correct,
            "points": answer.points,
            "max_points": answer.max_points,
            "options": _feedback_options(options, set(answer.choice_keys)),
        }
        if stage == 0 and question["kind"] == scoring.BRANCHING:
            branch = answer.choice
            chosen = next(c for c in question["choices"] if c["key"] == branch)
            entry["consequence"] = chosen["consequence"]
        if stage == 1:
            entry["prompt"] = next(
                c["follow_up_prompt"] for c in question["choices"] if c["key"] == branch
            )
        stages.append(entry)
    sanction = question["sanction"]
    first = answers.get(0)
    chosen_first = frozenset(first.choice_keys) if first else frozenset()
    return {
        "key": question["key"],
        "kind": question["kind"],
        "prompt": question["prompt"],
        "post": question.get("post"),
        "stages": stages,
        "correct": bool(stages) and all(s["correct"] for s in stages),
        "complete": len(stages) == scoring.stage_count(question),
        "explanation": question["explanation"],
        "citations": question["citations"],
        "regulations": question.get("regulations", []),
        "sanction_text": sanction_range_text(sanction["lowest"], sanction["highest"]),
        "sanction_note": sanction["note"],
        "bar": feed_bar(question["post"], question["options"], chosen_first)
        if question["kind"] == scoring.FEED
        else [],
    }


def feedback_visible(attempt: Attempt) -> bool:
    """Immediate feedback shows each answer's key at once; otherwise only after the end."""
    immediate = attempt.version.spec["settings"]["feedback_timing"] == FeedbackTiming.IMMEDIATE
    return immediate or not attempt.is_open


def answer_feedback(attempt: Attempt, question_key: str) -> dict | None:
    """Feedback for one answered question of an attempt, or None when it has no answer
    yet or feedback is held back until the end."""
    if not feedback_visible(attempt):
        return None
    question = next(
        (q for q in attempt.version.spec["questions"] if q["key"] == question_key), None
    )
    if question is None:
        return None
    answers = {
        a.stage: a for a in Answer.objects.filter(attempt=attempt, question_key=question_key)
    }
    if 0 not in answers:
        return None
    return _feedback(question, answers)


def attempt_review(attempt: Attempt) -> list[dict]:
    """Every question of a finished attempt in the order it was played, with feedback;
    unanswered questions are listed as such."""
    spec = attempt.version.spec
    by_question: dict[str, dict[int, Answer]] = defaultdict(dict)
    for answer in Answer.objects.filter(attempt=attempt):
        by_question[answer.question_key][answer.stage] = answer
    questions = {q["key"]: q for q in spec["questions"]}
    order = layout.question_order(
        spec["questions"], seed=attempt.seed, shuffle=spec["settings"]["shuffle_questions"]
    )
    return [_feedback(questions[key], by_question.get(key, {})) for key in order]


def attempts_left(attempt: Attempt) -> int | None:
    maximum = attempt.version.spec["settings"]["max_attempts"]
    if not maximum:
        return None
    attempts = Attempt.objects.filter(user_id=attempt.user_id, quiz_id=attempt.quiz_id)
    started = cycle_started_at(user_id=attempt.user_id, quiz=attempt.quiz)
    if started is not None:
        attempts = attempts.filter(started_at__gte=started)
    return max(0, maximum - attempts.count())


def question_statistics_for_quiz(*, quiz) -> list[dict]:
    """Per-question statistics for editors, from the counters kept at each finish: how
    many answered, the share answering correctly, and the wrong option chosen most.
    Question text comes from the newest version that has the question."""
    versions = list(quiz.versions.order_by("-created_at"))
    texts: dict[str, dict] = {}
    for version in versions:
        for question in version.spec["questions"]:
            texts.setdefault(question["key"], question)
    option_counts: dict[tuple[str, int], list[OptionTally]] = defaultdict(list)
    for tally in OptionTally.objects.filter(quiz=quiz).order_by("-chosen"):
        option_counts[(tally.question_key, tally.stage)].append(tally)
    order = [q["key"] for q in versions[0].spec["questions"]] if versions else []
    rows = []
    tallies = sorted(
        QuestionTally.objects.filter(quiz=quiz),
        key=lambda t: (order.index(t.question_key) if t.question_key in order else 999, t.stage),
    )
    for tally in tallies:
        question = texts.get(tally.question_key)
        if question is None:
            continue
        options = {}
        for stage_options in _all_stage_options(question, tally.stage):
            options[stage_options["key"]] = stage_options
        wrong = next(
            (
                t
                for t in option_counts[(tally.question_key, tally.stage)]
                if t.option_key in options and not options[t.option_key]["correct"]
            ),
            None,
        )
        rows.append(
            {
                "prompt": question["prompt"],
                "kind": question["kind"],
                "stage": tally.stage,
                "answered": tally.answered,
                "correct": tally.correct,
                "percent_correct": round(100 * tally.correct / tally.answered)
                if tally.answered
                else 0,
                "top_wrong": options[wrong.option_key]["text"] if wrong else "",
                "top_wrong_count": wrong.chosen if wrong else 0,
                "current": tally.question_key in order,
            }
        )
    return rows


def _all_stage_options(question: dict, stage: int) -> list[dict]:
    """Every option of a stage; for a follow-up, the options of all branches."""
    if stage == 0:
        return scoring.stage_options(question, 0)
    return [o for c in question.get("choices", []) for o in c["follow_up_options"]]


def quiz_preview_items(spec: dict, *, show_answers: bool) -> list[dict]:
    """Every question of a draft for the editor's preview: as the learner sees it, or with
    the key, the feedback of every option and every branch."""
    items = []
    for question in spec["questions"]:
        options = question.get("options", [])
        if not show_answers:
            view = {
                "key": question["key"],
                "kind": question["kind"],
                "prompt": question["prompt"],
                "options": options,
                "choices": question.get("choices", []),
                "post": question.get("post"),
                "bar": feed_bar(question["post"], options)
                if question["kind"] == scoring.FEED
                else [],
            }
            items.append(view)
            continue
        item = _feedback(question, {})
        item["show_all"] = True
        if question["kind"] == scoring.BRANCHING:
            item["stages"] = [{"options": _feedback_options(question["choices"], set())}] + [
                {
                    "consequence": choice["consequence"],
                    "prompt": f"{choice['text']} → {choice['follow_up_prompt']}",
                    "options": _feedback_options(choice["follow_up_options"], set()),
                }
                for choice in question["choices"]
            ]
        else:
            item["stages"] = [{"options": _feedback_options(options, set())}]
        items.append(item)
    return items
