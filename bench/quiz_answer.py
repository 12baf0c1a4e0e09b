"""Benchmark: submitting one quiz answer, against a bare view behind the same stack.

Builds its own data in a throw-away test database: a city's worth of earlier answers
(7,000 learners x 20 answers by default), then one learner answers a 200-question quiz
through the real HTTP view. The baseline, measured in the same run, is a bare
login-required POST view behind the same middleware, session and authentication, so the
ratio shows what the answer path itself costs. Also reports queries per submit and
checks that no answer was lost or duplicated.

    make bench                      # SQLite, the default database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netra make bench
    BENCH_LEARNERS=700 .venv/bin/python bench/quiz_answer.py   # smaller, faster
"""

import os
import statistics
import time
import warnings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings.test")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from courses import services as course_services  # noqa: E402
from courses.factories import CourseIndexPageFactory, course_with_modules, modules_of  # noqa: E402
from netra import urls  # noqa: E402
from netra.home.models import HomePage  # noqa: E402
from netra.people.factories import EmployeeFactory, OfficeFactory, UserFactory  # noqa: E402
from quizzes import services  # noqa: E402
from quizzes.factories import QuizPageFactory, single_choice_question  # noqa: E402
from quizzes.models import Answer, Attempt  # noqa: E402

QUESTIONS = 200
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "7000"))
EARLIER_ANSWERS = 20


def _bare(request):
    return HttpResponse(str(request.user.pk))


def _history(quiz, version):
    """Earlier attempts and answers of a whole city, so the answer table has real size."""
    users = UserFactory.create_batch(LEARNERS)
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(
            user=user,
            quiz=quiz,
            version=version,
            number=1,
            status="submitted",
            seed=1,
            started_at=now,
            finished_at=now,
        )
        for user in users
    )
    keys = [q["key"] for q in version.spec["questions"]][:EARLIER_ANSWERS]
    Answer.objects.bulk_create(
        (
            Answer(
                attempt=attempt,
                question_key=key,
                stage=0,
                choice_keys=["x"],
                choice="x",
                points=0,
                max_points=1,
                is_correct=False,
                answered_at=now,
            )
            for attempt in attempts
            for key in keys
        ),
        batch_size=5000,
    )


def _time(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main():
    setup_test_environment()
    # Before Wagtail's catch-all page route.
    urls.urlpatterns.insert(0, path("_bench/bare/", _bare))
    clear_url_caches()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda", hero_title="N"))
        Site.objects.update(root_page=home, hostname="testserver")
        course = course_with_modules(parent=CourseIndexPageFactory(parent=home), modules=1)
        quiz = QuizPageFactory(
            parent=course,
            max_attempts=0,
            questions=[single_choice_question(prompt=f"Soal {i}") for i in range(QUESTIONS)],
        )
        office = OfficeFactory(name="Pemkot Bench", code="BENCH")
        user = EmployeeFactory(office=office, with_account=True).user
        for module in modules_of(course):
            course_services.module_complete(user=user, module=module)
        attempt = services.attempt_start(user=user, quiz=quiz).attempt
        started = time.perf_counter()
        _history(quiz, attempt.version)
        print(
            f"data: {LEARNERS} earlier attempts, {Answer.objects.count()} answers "
            f"({time.perf_counter() - started:.1f}s to build) on {connection.vendor}"
        )
        client = Client()
        client.force_login(user)
        questions = attempt.version.spec["questions"]
        url = f"/kuis/percobaan/{attempt.pk}/jawab/"

        def submit(question):
            response = client.post(
                url,
                {"question": question["key"], "stage": 0, "choice": question["options"][1]["key"]},
            )
            assert response.status_code == 302, response.status_code

        submit(questions[0])  # warm up
        with CaptureQueriesContext(connection) as ctx:
            submit(questions[1])
        answer_queries = len(ctx)
        with CaptureQueriesContext(connection) as ctx:
            client.post("/_bench/bare/")
        bare_queries = len(ctx)

        # Interleave the two so drift (cache, disk) hits both alike.
        answer_times, bare_times = [], []
        for question in questions[2:]:
            answer_times.append(_time(lambda q=question: submit(q)))
            bare_times.append(_time(lambda: client.post("/_bench/bare/")))
        # Every question once more: each is a duplicate and must change nothing.
        for question in questions[:20]:
            submit(question)
        recorded = Answer.objects.filter(attempt=attempt).count()
        assert recorded == QUESTIONS, f"lost or duplicated answers: {recorded}"

        answer_ms = statistics.median(answer_times) * 1000
        bare_ms = statistics.median(bare_times) * 1000
        print(f"{'endpoint':>14} {'queries':>8} {'median ms':>10} {'req/s':>8} {'ratio':>6}")
        print(
            f"{'bare view':>14} {bare_queries:>8} {bare_ms:>10.2f} {1000 / bare_ms:>8.0f} {1:>6.2f}"
        )
        print(
            f"{'answer submit':>14} {answer_queries:>8} {answer_ms:>10.2f} "
            f"{1000 / answer_ms:>8.0f} {bare_ms / answer_ms:>6.2f}"
        )
        print(f"answers recorded: {recorded} of {QUESTIONS}, duplicates refused: 20")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
