"""Data for the deadline-day load test, written into the stack's database, and the plan the
locust users follow (JSON). bench/load/run.py runs it with the stack's environment
(production settings, the same Redis), so the sessions made here are the ones gunicorn reads.

    python bench/load/plan.py --learners 7000 --hr 20 --out var/load/plan.json

- learners: accounts (one shared Argon2id hash of PASSWORD, so a re-authentication costs
  what a real one does), employees in generated offices under the demo city, enrolled in
  the demo course with every module but the last `--remaining` done: deadline day, people
  finishing, and an open quiz attempt with all but the last `--quiz-left` stages answered.
  Each gets a signed-in session (made in the session store, as a sign-in
  earlier in the week would have);
- HR officers over the city, each with an authenticator app of their own: they sign in
  for real (password, then a TOTP code), as the MFA rule requires;
- the campaign counters are rebuilt for the new people, as a roster import would.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import secrets
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

PASSWORD = "Beban-Tenggat-2026"  # noqa: S105 - generated accounts in a throw-away database


def _setup() -> None:
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()


def _course():
    from certificates.models import PactPage
    from certificates.services import current_version
    from courses.models import CoursePage, ModulePage
    from quizzes.models import QuizPage

    pact = PactPage.objects.live().exclude(required_course=None).get()
    course = CoursePage.objects.get(pk=pact.required_course_id)
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    quiz = QuizPage.objects.child_of(course).live().get()
    return pact, current_version(pact), course, modules, quiz


def _answers(quiz) -> dict:
    """The right answer of every stage, as a learner who studied would give it: the keys
    by question, and for a branching scenario the follow-up per branch."""
    from quizzes import scoring
    from quizzes.versions import version_for_live

    answers = {}
    for question in version_for_live(quiz).spec["questions"]:
        first = scoring.stage_options(question, 0)
        right = [o["key"] for o in first if o["correct"]]
        if question["kind"] != scoring.MULTIPLE:
            right = right[:1]
        entry = {"0": right}
        if question["kind"] == scoring.BRANCHING:
            entry["1"] = {
                choice["key"]: next(
                    o["key"]
                    for o in scoring.stage_options(question, 1, choice["key"])
                    if o["correct"]
                )
                for choice in question["choices"]
            }
        answers[question["key"]] = entry
    return answers


def _enrol(users, *, course, modules, remaining: int) -> None:
    from courses.models import Enrolment, StepCompletion

    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(user=user, course=course, cycle=1) for user in users], batch_size=2000
    )
    done = modules[: max(0, len(modules) - remaining)]
    StepCompletion.objects.bulk_create(
        (StepCompletion(enrolment=e, step_id=m.pk) for e in enrolments for m in done),
        batch_size=5000,
    )


def _stages(quiz) -> list[tuple[dict, int, str | None, list[str]]]:
    """Every stage of the live quiz in order, with its right answer: (question, stage,
    branch, keys)."""
    from quizzes.versions import version_for_live

    answers = _answers(quiz)
    stages = []
    for question in version_for_live(quiz).spec["questions"]:
        entry = answers[question["key"]]
        stages.append((question, 0, None, entry["0"]))
        if "1" in entry:
            branch = entry["0"][0]
            stages.append((question, 1, branch, [entry["1"][branch]]))
    return stages


def _quiz_started(users, *, quiz, left: int) -> None:
    """An open attempt per learner with every stage but the last `left` answered (right),
    as `services.answer_submit` records them: they are finishing on deadline day."""
    from decimal import Decimal

    from django.utils import timezone

    from quizzes import scoring
    from quizzes.models import Answer, Attempt, AttemptStatus
    from quizzes.versions import version_for_live

    version = version_for_live(quiz)
    stages = _stages(quiz)
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        [
            Attempt(
                user=user,
                quiz=quiz,
                version=version,
                number=1,
                status=AttemptStatus.OPEN,
                seed=random.randrange(1 << 31),
                started_at=now,
            )
            for user in users
        ],
        batch_size=2000,
    )
    rows = []
    for question, stage, branch, keys in stages[: max(0, len(stages) - left)]:
        result = scoring.score_stage(question, stage=stage, choice_keys=keys, branch_key=branch)
        rows.append(
            {
                "question_key": question["key"],
                "stage": stage,
                "choice_keys": list(result.keys),
                "choice": result.keys[0] if len(result.keys) == 1 else "",
                "points": (
                    Decimal(result.points.numerator) / Decimal(result.points.denominator)
                ).quantize(Decimal("0.01")),
                "max_points": result.max_points,
                "is_correct": result.correct,
                "answered_at": now,
            }
        )
    Answer.objects.bulk_create(
        (Answer(attempt=attempt, **row) for attempt in attempts for row in rows),
        batch_size=5000,
    )


def _hr_officers(count: int, rng: random.Random, password_hash: str) -> list[dict]:
    from django.contrib.auth.models import Group
    from learners import people_create

    from netra.people.demo import HR_GROUP
    from netra.people.factories import totp_activate
    from netra.people.models import HrAssignment, Office

    city = Office.objects.get(code="WRT")
    group, _ = Group.objects.get_or_create(name=HR_GROUP)
    users, _employees = people_create(count, rng, password_hash=password_hash, offices=[city])
    officers = []
    for user in users:
        secret = base64.b32encode(secrets.token_bytes(20)).decode()
        user.groups.add(group)
        HrAssignment.objects.create(user=user, office=city)
        totp_activate(user, secret=secret)
        officers.append({"username": user.username, "secret": secret})
    return officers


def _analyze() -> None:
    """Planner statistics for the tables just loaded, as autovacuum gathers them in
    production. Without them PostgreSQL guesses, e.g. a hash join over every step
    completion in the city for one learner's progress (6 ms instead of 0.06 ms); this
    machine's server runs with autovacuum off, so nothing else would gather them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def build(*, learners: int, hr: int, remaining: int, quiz_left: int, seed: int = 7) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from learners import people_create, sessions_for

    from netra.campaigns import progress
    from netra.campaigns.models import ElectionPeriod
    from netra.people.models import Office

    rng = random.Random(seed)
    started = time.perf_counter()
    pact, version, course, modules, quiz = _course()
    password_hash = make_password(PASSWORD)
    officers = _hr_officers(hr, rng, password_hash)
    users, employees = people_create(learners, rng, password_hash=password_hash)
    _enrol(users, course=course, modules=modules, remaining=remaining)
    _quiz_started(users, quiz=quiz, left=quiz_left)
    progress.employees_sync([e.pk for e in employees])
    call_command("reconcile_rollups", "--rebuild", "--fix", verbosity=0)
    _analyze()
    cookies = sessions_for([u.pk for u in users])
    period = ElectionPeriod.objects.filter(tracked=True).order_by("-pk").first()
    city = Office.objects.get(code="WRT")
    offices = sorted({e.office_id for e in employees})
    plan = {
        "password": PASSWORD,
        "course": {"id": course.pk, "url": course.get_url()},
        "modules": [{"id": m.pk, "url": m.get_url()} for m in modules[-remaining:]],
        "quiz": {"id": quiz.pk, "url": quiz.get_url(), "answers": _answers(quiz)},
        "pact": {"url": pact.get_url(), "version_id": version.pk},
        "period_id": period.pk if period else None,
        "city_office_id": city.pk,
        "offices": offices,
        "learners": [
            {"cookie": cookie, "name": employee.name, "user_id": user.pk}
            for user, employee, cookie in zip(users, employees, cookies, strict=True)
        ],
        "hr": officers,
    }
    print(
        f"plan: {learners} learners ({len(modules) - remaining} of {len(modules)} modules "
        f"done, {quiz_left} quiz stages left), {hr} HR officers, made in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--hr", type=int, default=10)
    parser.add_argument("--remaining", type=int, default=2, help="modules left to read")
    parser.add_argument("--quiz-left", type=int, default=3, help="quiz stages left to answer")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    _setup()
    plan = build(
        learners=args.learners, hr=args.hr, remaining=args.remaining, quiz_left=args.quiz_left
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(plan))


if __name__ == "__main__":
    main()
