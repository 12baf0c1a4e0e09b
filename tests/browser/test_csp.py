"""The Content-Security-Policy breaks nothing: Chromium opens one page of every kind (home,
course, module, the quiz feed, the pact signing page, the public verification page, the HR
dashboard, the roster import's progress, the regulation library, search, the admin
dashboard and the page editor with its preview) as the person who uses it, and the test
fails on any violation the browser reports, whether as a `securitypolicyviolation` event in
the page (or a frame) or as a console message.

The pages' own scripts (feed double-tap, pact form, PDF hash check) still run under the
policy: each kind of page checks one thing its script does.
"""

import pytest
from django.test import Client
from django.urls import reverse

from netra.people import roster_load
from tests.certificates.conftest import finish_course
from tests.conftest import login_with_mfa
from tests.security.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Runs in every page and frame before the page's own scripts (Playwright injects it, so the
# policy does not apply to it): it keeps every violation the document reports.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} ` +
                    `at ${e.sourceFile || document.location.pathname}:${e.lineNumber}`);
});
"""


@pytest.fixture
def world(city, learner, home, course_index, django_capture_on_commit_callbacks):
    return build_world(
        city=city,
        owner=learner,
        home=home,
        course_index=course_index,
        capture=django_capture_on_commit_callbacks,
    )


def _recorded(frame) -> list[str]:
    from playwright.sync_api import Error

    try:
        return frame.evaluate("window.__csp || []")
    except Error:  # a frame navigating away has no window to ask
        return []


# A form posted to this answer leaves the page as it is (HTTP 204), so the test can look at
# what the page's script did before the request went out.
def _stay(route):
    route.fulfill(status=204)


@pytest.fixture
def browse(browser, live_server):
    """`browse(user, mfa=False)`: a desktop page signed in as `user` (anonymous for None),
    with every CSP violation recorded; `.violations()` lists them, frames included."""
    contexts = []

    def open_as(user=None, *, mfa=False):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
        contexts.append(context)
        context.add_init_script(RECORD_VIOLATIONS)
        if user is not None:
            client = Client()
            login_with_mfa(client, user) if mfa else client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
        page = context.new_page()
        page.set_default_timeout(15_000)
        console: list[str] = []
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and console.append(m.text),
        )

        def violations() -> list[str]:
            page.wait_for_timeout(200)  # reports arrive asynchronously
            found = list(console)
            for frame in page.frames:
                found += _recorded(frame)
            return found

        page.violations = violations
        page.visit = lambda path: page.goto(f"{live_server.url}{path}")
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_learner_pages_run_under_the_policy(browse, world):
    page = browse(world.users["owner"])
    checked = {}
    for kind, path in {
        "home": "/",
        "my courses": reverse("courses:my_courses"),
        "course": world.course.url,
        "module": world.module.url,
        "quiz": world.quiz.url,
        "my certificates": reverse("certificates:my_certificates"),
        "certificate": reverse("certificates:certificate", args=[world.certificate.reference]),
        "pact receipt": reverse("certificates:receipt", args=[world.signature.reference]),
        "notifications": reverse("notifications:list"),
        "search": "/cari/?q=netralitas",
        "regulation library": world.regulation.get_parent().url,
        "regulation": world.regulation.url,
    }.items():
        response = page.visit(path)
        assert response.status == 200, kind
        checked[kind] = page.violations()
    assert checked == {kind: [] for kind in checked}


def test_the_quiz_feed_and_its_script_run_under_the_policy(browse, world):
    page = browse(world.users["owner"])
    page.visit(reverse("quizzes:attempt_play", args=[world.open_attempt().pk]))
    assert page.locator("[data-feed-card]").first.is_visible()
    assert page.locator(".progress__svg rect").count() == 1  # drawn without a style attribute
    assert page.violations() == []
    # feed.js holds the like for a short "pop" before it submits.
    page.route("**/jawab/", _stay)
    page.locator('[data-feed-card] button[data-feed-action="like"]').first.click()
    page.wait_for_timeout(600)
    assert page.locator("[data-feed-card].is-liking").count() == 1
    assert page.violations() == []


def test_the_pact_signing_page_and_its_script_run_under_the_policy(browse, world):
    signer = world.users["other_learner"]
    finish_course(signer, world.course)
    page = browse(signer)
    page.visit(world.pact.url)
    form = page.locator("form[data-once]")
    assert form.count() == 1
    assert page.violations() == []
    # pact.js marks the form sent on the first submit, so a second tap does nothing.
    page.route("**/tandatangani/", _stay)
    form.locator("input[type=text]").first.fill(signer.employee.name)
    form.locator("input[type=checkbox]").first.check()
    form.get_by_role("button").click()
    page.wait_for_timeout(300)
    assert form.get_attribute("data-sent") == "1"
    assert page.violations() == []


def test_the_public_verification_page_and_its_hash_check_run_under_the_policy(browse, world):
    page = browse()
    page.visit(reverse("certificates:verify", args=[world.certificate.verification_code]))
    assert page.violations() == []
    # verify.js reveals the drop zone and hashes the chosen PDF in the browser.
    box = page.locator("[data-hash-check]")
    assert box.is_visible()
    world.certificate.pdf.open("rb")
    pdf = world.certificate.pdf.read()
    box.locator("[data-hash-input]").set_input_files(
        {"name": "sertifikat.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.wait_for_selector("[data-hash-result].hash-check__result--ok")
    assert page.violations() == []


def test_hr_pages_run_under_the_policy(browse, world, city):
    hr = world.users["hr_parent_office"]
    page = browse(hr, mfa=True)
    for path in (
        reverse("campaigns:office", args=[world.period.pk, city["pemkot"].pk]),
        reverse("campaigns:employees", args=[world.period.pk, city["dinas"].pk]),
        reverse("certificates:hr_certificates"),
        reverse("people:roster_imports"),
    ):
        assert page.visit(path).status == 200, path
        assert page.violations() == [], path
    # A queued import shows the progress bar that roster_import.js keeps up to date.
    queued = roster_load.roster_import_create(
        uploaded_by=hr,
        file_name="siasn.csv",
        content=b"NIP Baru;Nama;Unor Id\n",
        scope=city["dinas"],
        enqueue=False,
    )
    page.visit(reverse("people:roster_import", args=[queued.pk]))
    assert page.locator("[data-roster-status] .progress__bar").count() == 1
    assert page.violations() == []


def test_the_admin_and_the_page_editor_run_under_their_policy(browse, world):
    page = browse(world.users["admin"], mfa=True)
    assert page.visit("/admin/").status == 200
    assert page.violations() == []
    assert page.visit(f"/admin/pages/{world.module.pk}/edit/").status == 200
    page.get_by_role("button", name="Pratinjau").or_(
        page.get_by_role("button", name="Preview")
    ).first.click()
    # The preview panel frames the page itself, rendered under our own policy. (Waiting
    # with a JavaScript predicate would need 'unsafe-eval', which no policy here allows.)
    page.wait_for_selector("iframe[src*=preview]", state="attached")
    preview = page.frame_locator("iframe[src*=preview]").first
    preview.locator("h1").wait_for()
    preview = next(f for f in page.frames if "preview" in f.url)
    assert world.module.title in preview.inner_text("h1")
    assert page.violations() == []
    assert page.visit(reverse("wagtailsnippets_people_employee:list")).status == 200
    assert page.violations() == []
    # On the site itself an editor gets Wagtail's userbar, under the site's strict policy.
    assert page.visit(world.module.url).status == 200
    page.locator("wagtail-userbar").wait_for(state="attached")
    assert page.violations() == []
