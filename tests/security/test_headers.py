"""Security headers on every kind of page, and `Cache-Control: no-store` on everything
personal.

Every response carries HSTS (under production's settings, over HTTPS), a
Content-Security-Policy with `frame-ancestors`, `X-Content-Type-Options: nosniff` and a
Referrer-Policy. Our pages get the strict policy (no inline script or style); only the
Wagtail admin gets its relaxations. Whatever a signed-in person receives, and the public
verification page, is never stored by a cache (netra.home.middleware).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from netra.updates.models import RegulationUpdateIndexPage

pytestmark = pytest.mark.django_db

# (who asks, the URL): one of each kind of page and personal file.
PAGES = {
    "public page": ("anonymous", lambda w: "/"),
    "public library page": ("anonymous", lambda w: w.regulation.url),
    "sign-in page": ("anonymous", lambda w: reverse("account_login")),
    "verification page": (
        "anonymous",
        lambda w: reverse("certificates:verify", args=[w.certificate.verification_code]),
    ),
    "feed": ("anonymous", lambda w: f"{RegulationUpdateIndexPage.objects.get().url}feed/atom/"),
    "error 404": ("anonymous", lambda w: "/tidak-ada-halaman-ini/"),
    "signed-in 404": ("owner", lambda w: "/tidak-ada-halaman-ini/"),
    "learner page": ("owner", lambda w: reverse("courses:my_courses")),
    "course page": ("owner", lambda w: w.course.url),
    "quiz page": ("owner", lambda w: reverse("quizzes:attempt_play", args=[w.open_attempt().pk])),
    "certificate page": (
        "owner",
        lambda w: reverse("certificates:certificate", args=[w.certificate.reference]),
    ),
    "certificate PDF": (
        "owner",
        lambda w: reverse("certificates:certificate_pdf", args=[w.certificate.reference]),
    ),
    "pact PDF": (
        "owner",
        lambda w: reverse("certificates:receipt_pdf", args=[w.signature.reference]),
    ),
    "Open Badges JSON": (
        "owner",
        lambda w: (
            reverse("certificates:certificate_badge", args=[w.certificate.reference])
            + "?format=json"
        ),
    ),
    "HR page": (
        "hr_parent_office",
        lambda w: reverse("campaigns:office", args=[w.period.pk, w.city["dinas"].pk]),
    ),
    "HR export": (
        "hr_parent_office",
        lambda w: reverse(
            "campaigns:employees_export", args=[w.period.pk, w.city["dinas"].pk, "csv"]
        ),
    ),
    "HR certificates ZIP": (
        "hr_parent_office",
        lambda w: reverse("certificates:hr_certificates_zip", args=[w.city["dinas"].pk]),
    ),
    "admin page": ("admin", lambda w: reverse("wagtailadmin_home")),
    "admin page editor": (
        "admin",
        lambda w: reverse("wagtailadmin_pages:edit", args=[w.course.pk]),
    ),
}
ADMIN_PAGES = {"admin page", "admin page editor"}
# Public, the same for every anonymous visitor: caches may keep them.
CACHEABLE = {"public page", "public library page", "feed", "error 404"}


@pytest.fixture
def production_https(settings, production_settings):
    """HTTPS behind the proxy with production's header settings."""
    for name in (
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "SECURE_PROXY_SSL_HEADER",
    ):
        setattr(settings, name, production_settings[name])
    return production_settings


@pytest.fixture
def responses(world, production_https):
    clients = {}
    found = {}
    for kind, (actor, url) in PAGES.items():
        client = clients.setdefault(actor, world.client(actor))
        found[kind] = client.get(url(world), HTTP_X_FORWARDED_PROTO="https")
    return found


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_page_answers_as_expected(responses):
    """The pages exist as described (a 200, a 404 where meant), so the header tests below
    look at real pages rather than redirects."""
    statuses = {kind: r.status_code for kind, r in responses.items()}
    expected = {kind: 404 if "404" in kind else 200 for kind in PAGES}
    assert statuses == expected


def test_hsts_on_every_page(responses, production_https):
    seconds = production_https["SECURE_HSTS_SECONDS"]
    assert seconds >= 60 * 60 * 24 * 365
    for kind, response in responses.items():
        assert response["Strict-Transport-Security"] == (
            f"max-age={seconds}; includeSubDomains; preload"
        ), kind


def test_nosniff_and_referrer_policy_on_every_page(responses):
    for kind, response in responses.items():
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["Referrer-Policy"] == "same-origin", kind


def test_content_security_policy_on_every_page(responses):
    for kind, response in responses.items():
        directives = _directives(response)
        assert directives["object-src"] == ["'none'"], kind
        assert directives["base-uri"] == ["'self'"], kind
        if kind in ADMIN_PAGES:
            # The preview panel frames the admin's own preview view; nothing else may.
            assert directives["frame-ancestors"] == ["'self'"], kind
        else:
            assert directives["frame-ancestors"] == ["'none'"], kind
            assert directives["script-src"] == ["'self'"], kind
            assert directives["style-src"] == ["'self'"], kind
            assert directives["default-src"] == ["'self'"], kind
            assert directives["form-action"] == ["'self'"], kind


def test_pages_are_not_framed(responses):
    for kind, response in responses.items():
        assert response["X-Frame-Options"] == "DENY", kind


def test_no_store_on_everything_personal(responses):
    for kind, response in responses.items():
        cache_control = response.get("Cache-Control", "")
        if kind in CACHEABLE:
            assert "no-store" not in cache_control and "private" not in cache_control, kind
        else:
            assert "no-store" in cache_control, kind


def test_public_files_stay_cacheable_for_signed_in_people(world):
    """The Open Badges issuer profile is the same for everyone; a signed-in wallet user
    fetching it does not make it private."""
    response = world.client("owner").get(reverse("certificates:badge_issuer"))
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_signed_in_persons_view_of_a_public_page_is_not_stored(world):
    """The header shows their name and notifications: a shared cache must not keep it."""
    response = world.client("owner").get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_page_preview_keeps_our_policy_and_only_the_admin_may_frame_it(world):
    """The admin's preview panel frames the page rendered through a dummy request with the
    page's own path (Wagtail's `make_preview_request`)."""
    response = world.regulation.make_preview_request()
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
