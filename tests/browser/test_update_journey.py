"""A material regulation update from draft to re-signed pact, in Chromium: the editor
submits the draft for review in the Wagtail admin, the reviewer approves it (which
publishes it and applies its impact in the worker), and the learner it concerns sees the
notification, reads what changed in the pact and signs the new version."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from certificates import services
from certificates.models import PactRenewalRequest, PactSignature
from courses.factories import modules_of
from courses.models import Enrolment, RenewalRequest
from netra.notifications.models import Notification
from netra.people.factories import EmployeeFactory
from netra.updates import editorial
from netra.updates.factories import RegulationUpdateIndexPageFactory, RegulationUpdatePageFactory
from netra.updates.models import ChangeKind, RegulationUpdatePage, UpdateImpact
from tests.certificates import conftest as certificate_fixtures
from tests.certificates.test_pact_renewal import NEW_CLAUSE, new_version
from tests.certificates.test_pact_services import sign
from tests.conftest import PASSWORD, login_with_mfa

from .test_quiz_feed import _session_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

course = certificate_fixtures.course
pact_index = certificate_fixtures.pact_index
pact = certificate_fixtures.pact
signer = certificate_fixtures.signer

REASON = "SE baru: menyiarkan langsung kegiatan kampanye juga termasuk pelanggaran."


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _staff(city, group_name):
    user = EmployeeFactory(office=city["pemkot"], with_account=True).user
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _mfa_cookie(live_server, user):
    """A session past both sign-in steps (the admin needs the second factor)."""
    from django.conf import settings

    client = login_with_mfa(Client(), user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}]


@pytest.fixture
def newsroom(home, city, course, pact, signer):
    """The learner finished the course and signed version 1 of the pact; the admin has
    published version 2; an editor has drafted the update that asks for both again."""
    sign(signer, services.current_version(pact))
    new_version(pact)
    index = RegulationUpdateIndexPageFactory(parent=home)
    editorial.editorial_setup()
    editor = _staff(city, editorial.EDITORS)
    reviewer = _staff(city, editorial.REVIEWERS)
    draft = RegulationUpdatePageFactory(
        parent=index,
        title="Siaran langsung kampanye dilarang",
        change_kind=ChangeKind.MATERIAL,
        impact_reason=REASON,
        courses=[course],
        modules=modules_of(course)[:1],
        pacts=[pact],
        publish=False,
        user=editor,
    )
    return {"editor": editor, "reviewer": reviewer, "draft": draft}


def test_editor_submits_reviewer_approves_learner_rereads_and_resigns(
    desk, phone, live_server, newsroom, signer, pact, course
):
    draft = newsroom["draft"]
    edit_url = f"{live_server.url}/admin/pages/{draft.pk}/edit/"

    # The editor cannot publish: the edit page offers submitting for review instead.
    desk.context.add_cookies(_mfa_cookie(live_server, newsroom["editor"]))
    desk.goto(edit_url)
    assert desk.locator('button[name="action-publish"]').count() == 0
    desk.eval_on_selector('button[name="action-submit"]', "button => button.click()")
    desk.wait_for_load_state("networkidle")
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    assert not UpdateImpact.objects.exists()

    # The reviewer approves from the same page; approving publishes the update.
    desk.context.clear_cookies()
    desk.context.add_cookies(_mfa_cookie(live_server, newsroom["reviewer"]))
    desk.goto(edit_url)
    desk.eval_on_selector(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])',
        "button => button.click()",
    )
    desk.wait_for_load_state("networkidle")
    update = RegulationUpdatePage.objects.get(pk=draft.pk)
    assert update.live
    impact = UpdateImpact.objects.get()
    assert impact.applied_at is not None and impact.renewed_count == 1

    # What the impact asked of the learner: re-take the course part, re-sign the pact.
    assert RenewalRequest.objects.get(user=signer).reason == REASON
    assert Enrolment.objects.get(user=signer, course=course).completed_at is None
    assert PactRenewalRequest.objects.get(user=signer).resolved_at is None

    # The learner sees the notification in the header and opens it.
    page = phone
    page.context.add_cookies(_session_cookie(live_server, signer))
    page.goto(f"{live_server.url}/notifikasi/")
    assert page.locator("[data-unread]").inner_text() == "1"
    assert "Siaran langsung kampanye dilarang" in page.inner_text(".notification-list")
    page.get_by_role("button", name="Buka").click()
    page.wait_for_url(f"**{update.url}")
    assert Notification.objects.get(recipient=signer).read_at is not None

    # "Kursus saya" says the course needs renewing, and why.
    page.goto(f"{live_server.url}/kursus-saya/")
    assert "Perlu diperbarui" in page.inner_text("main")
    assert REASON in page.inner_text("main")

    # The pact page shows what changed since the version signed; signing waits for the
    # course, which the learner re-takes (the changed module and the quiz; the learner
    # journey drives those pages in the browser).
    page.goto(f"{live_server.url}{pact.url}")
    assert NEW_CLAUSE in page.locator(".pact-diff").inner_text()
    assert page.locator(".pact-blocked").count() == 1
    certificate_fixtures.finish_course(signer, course)
    page.reload()
    page.get_by_label("Ketik nama lengkap Anda").fill(signer.employee.full_name)
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Tanda tangani pakta").click()
    page.wait_for_url("**/akun/reauthenticate/**")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form").locator("button[type=submit]").click()
    page.wait_for_url("**/pakta/tanda-tangan/*/")

    latest = services.current_version(pact)
    assert PactSignature.objects.filter(user=signer, version=latest).exists()
    assert PactRenewalRequest.objects.get(user=signer).resolved_at is not None
    # The earlier signature stays in the history.
    assert PactSignature.objects.filter(user=signer).count() == 2
