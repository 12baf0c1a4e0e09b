from pathlib import Path

import pytest

from courses.factories import course_with_modules
from courses.models import StepCompletion
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_learner_signs_in_with_nip_and_completes_a_module(
    live_server, phone, course_index, learner
):
    course = course_with_modules(parent=course_index, modules=2, title="Netralitas ASN")
    nip = learner.username
    page = phone

    page.goto(f"{live_server.url}/akun/login/")
    page.fill("input[name=login]", f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/kursus-saya/")
    card = page.locator("article.course-card", has_text="Netralitas ASN")
    assert "0 dari 2 langkah selesai" in card.inner_text()
    # Phone width: nothing overflows sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    card.get_by_role("link", name="Mulai").click()
    page.wait_for_url(f"**{course.url}")
    page.get_by_role("link", name="Mulai: Modul").click()
    page.get_by_role("button", name="Tandai selesai").click()

    page.wait_for_selector("text=Modul ditandai selesai.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "learner-module-done.png"), full_page=True)
    page.goto(f"{live_server.url}{course.url}")
    assert "1 dari 2 langkah selesai (50%)" in page.inner_text("main")
    assert StepCompletion.objects.filter(enrolment__user=learner).count() == 1


def test_wrong_password_shows_the_generic_message(live_server, phone, course_index, learner):
    phone.goto(f"{live_server.url}/akun/login/")
    phone.fill("input[name=login]", learner.username)
    phone.fill("input[name=password]", "bukan-sandinya")
    phone.locator("main").get_by_role("button", name="Masuk").click()
    assert "NIP/email atau kata sandi tidak sesuai." in phone.inner_text(".form-error")
