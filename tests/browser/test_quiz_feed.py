"""The signature scenario in a phone-sized Chromium: the accidental like, played through
the feed card to its feedback."""

import pytest

from courses import services as course_services
from courses.factories import course_with_modules, modules_of
from quizzes.factories import QuizPageFactory, feed_like_question, single_choice_question
from quizzes.models import Answer

from .test_learner_journey import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_learner_undoes_an_accidental_like_and_reads_the_feedback(
    live_server, phone, course_index, learner
):
    course = course_with_modules(parent=course_index, modules=1, title="Netralitas ASN")
    quiz = QuizPageFactory(
        parent=course,
        title="Kuis linimasa",
        questions=[feed_like_question(), single_choice_question()],
    )
    for module in modules_of(course):
        course_services.module_complete(user=learner, module=module)
    page = phone
    page.context.add_cookies(_session_cookie(live_server, learner))

    page.goto(f"{live_server.url}{quiz.url}")
    page.locator("main").get_by_role("button", name="Mulai kuis").click()
    page.wait_for_url("**/kuis/percobaan/*/")

    card = page.locator("[data-feed-card]")
    assert "Anda menyukai ini" in card.inner_text()
    assert "Paslon 02" in card.inner_text()
    # Nothing on the question screen gives the answer away.
    assert "hentikan interaksinya" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "quiz-accidental-like.png"), full_page=True)

    # The heart on the card is the answer: "Batal suka" undoes the like.
    card.get_by_role("button", name="Batal suka").click()
    page.wait_for_url("**/umpan-balik/**")
    feedback = page.locator(".quiz-feedback")
    text = feedback.inner_text()
    assert "Tepat" in text
    assert "Tepat: hentikan interaksinya dan laporkan dengan jujur." in text
    assert "SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6" in text
    assert "Sanksi moral (PP 42/2004) – Hukuman disiplin berat" in text
    page.screenshot(path=str(ARTIFACTS / "quiz-accidental-like-feedback.png"), full_page=True)

    answer = Answer.objects.get()
    assert answer.is_correct and answer.points == 2
    page.get_by_role("link", name="Pertanyaan berikutnya").click()
    assert "Pertanyaan 2 dari 2" in page.inner_text("main")


def _session_cookie(live_server, user):
    """Sign in without the form (the login journey has its own test)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }
    ]
