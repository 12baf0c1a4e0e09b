"""Deny by default, checked over every URL pattern the project serves.

A new view fails `test_every_public_view_is_allow_listed` until it is either protected (the
default, by LoginRequiredMiddleware) or added to PUBLIC_VIEWS below on purpose.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.models import PageViewRestriction, get_page_models

from courses.factories import course_with_modules
from courses.models import ModulePage

pytestmark = pytest.mark.django_db

PUBLIC_VIEWS = {
    "netra.urls:healthz",  # load-balancer probe
    "django.views.i18n:set_language",  # switch UI language before signing in
    # Pages apply their own rule: netra.home.wagtail_hooks.require_login. Wagtail's serve
    # view behind the cached page routing of netra.home.routing.
    "netra.home.routing:wagtail_serve",
    "wagtail.views:wagtailcore_authenticate_with_password",  # Wagtail password-protected pages
    "django.views.generic.base:wagtailcore_login",  # redirect to allauth
    "django.views.generic.base:wagtailadmin_login",  # redirect to allauth
    # allauth: signing in, password reset and the pages around them
    "allauth.account.views:account_login",
    "allauth.account.views:account_logout",  # GET shows a confirmation; only POST signs out
    "allauth.account.views:account_signup",  # answers "sign-up closed"
    "allauth.account.views:account_reset_password",
    "allauth.account.views:account_reset_password_done",
    "allauth.account.views:account_reset_password_from_key",
    "allauth.account.views:account_reset_password_from_key_done",
    "allauth.account.views:account_confirm_email",
    "allauth.account.views:account_email_verification_sent",
    "allauth.account.views:account_inactive",
    "allauth.account.views:account_confirm_login_code",
    "allauth.account.views:account_reauthenticate",
    # allauth MFA: the TOTP step of signing in, between password and session
    "allauth.mfa.base.views:mfa_authenticate",
    # Anyone who scans a document's QR code; rate-limited, masked name, never the NIP.
    "certificates.views:verify",
    # Open Badges: the issuer profile, the seal's public key and the revocation status
    # lists, which wallets and verifiers fetch without an account (no personal data).
    "certificates.certificate_views:badge_issuer",
    "certificates.certificate_views:badge_key",
    "certificates.certificate_views:badge_status",
    # The regulation library is public: the site search (anonymous visitors see only public
    # pages), a stable link to a regulation, and its official document (collection privacy
    # still applies, through Wagtail's serve view).
    "netra.regulations.views:search",
    "netra.regulations.views:link",
    "netra.regulations.views:document",
}
# Marked public by their library but guarded by Wagtail's own `require_admin_access`
# (checked below: anonymous visitors never get a 200).
ADMIN_GUARDED = {
    # Shadowed by netra.urls' redirect to allauth (see test_admin_login_goes_to_allauth).
    "wagtail.admin.views.account:wagtailadmin_login",
    "wagtail.admin.api.views:listing",
    "wagtail.admin.api.views:detail",
    "wagtail.admin.api.views:find",
    "wagtail.admin.api.views:action",
    "wagtail.documents.api.admin.views:listing",
    "wagtail.documents.api.admin.views:detail",
    "wagtail.documents.api.admin.views:find",
    "wagtail.images.api.admin.views:listing",
    "wagtail.images.api.admin.views:detail",
    "wagtail.images.api.admin.views:find",
}
PUBLIC_PAGE_TYPES = {
    "home.HomePage",
    "regulations.RegulationIndexPage",  # the rules that bind civil servants are public
    "regulations.RegulationPage",
    # News of rule changes and their feeds (served by the index's routes) are public too.
    "updates.RegulationUpdateIndexPage",
    "updates.RegulationUpdatePage",
}
APPS_WITH_PAGES = {"home", "courses", "quizzes", "certificates", "regulations", "updates"}

SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + _sample(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + _sample(p.pattern), p


def _sample(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex.pattern.lstrip("^").rstrip("$").replace(r"\Z", "")
        regex = re.sub(r"\(\?P<\w+>[^)]*\)\)?\*?", "1", regex)
        return regex.replace("\\", "")
    return ""


def _name(pattern: URLPattern) -> str:
    return f"{pattern.callback.__module__}:{pattern.name or pattern.callback.__qualname__}"


def _is_public(pattern: URLPattern) -> bool:
    # The same test LoginRequiredMiddleware applies: any falsy marker lets visitors through.
    return not getattr(pattern.callback, "login_required", True)


def test_every_public_view_is_allow_listed():
    public = {_name(p) for _, p in _walk(get_resolver().url_patterns) if _is_public(p)}
    unlisted = public - PUBLIC_VIEWS - ADMIN_GUARDED
    assert unlisted == set(), "new public views: protect them or list them here"


def test_allow_list_has_no_stale_entries():
    names = {_name(p) for _, p in _walk(get_resolver().url_patterns)}
    assert (PUBLIC_VIEWS | ADMIN_GUARDED) - names == set()


def test_admin_views_marked_public_by_libraries_still_refuse_anonymous_visitors(client):
    seen = 0
    for url, pattern in _walk(get_resolver().url_patterns):
        if _name(pattern) in ADMIN_GUARDED:
            response = client.get("/" + url.lstrip("/"))
            assert response.status_code in (302, 403, 404), url
            if response.status_code == 302:
                assert "login" in response["Location"], url
            seen += 1
    assert seen >= len(ADMIN_GUARDED) - 1  # the shadowed login view is never reached


def test_every_protected_view_redirects_anonymous_visitors_to_login(client):
    checked = 0
    for url, pattern in _walk(get_resolver().url_patterns):
        if _is_public(pattern):
            continue
        url = "/" + url.lstrip("/")
        try:
            match = resolve(url)
        except Resolver404:  # a sample URL that does not resolve is skipped
            continue
        if match.func is not pattern.callback:
            continue
        response = client.get(url)
        assert response.status_code == 302, url
        # Wagtail's admin sends people to its login URL, which is our redirect to allauth.
        assert response["Location"].startswith(("/akun/login/", "/admin/login/")), url
        checked += 1
    # Wagtail's admin alone has hundreds of views; a tiny number means the walk broke.
    assert checked > 200


def test_admin_login_goes_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/login/?next=/admin/"


def test_public_views_answer_anonymous_visitors(client, home):
    assert client.get("/healthz").status_code == 200
    assert client.get("/akun/login/").status_code == 200
    assert client.get("/").status_code == 200


class PageAccessTests:
    def test_only_allow_listed_page_types_are_public(self):
        ours = [m for m in get_page_models() if m._meta.app_label in APPS_WITH_PAGES]
        public = {m._meta.label for m in ours if not getattr(m, "login_required", True)}
        assert public == PUBLIC_PAGE_TYPES

    def test_course_pages_need_login_when_anonymous(self, client, course_index):
        course = course_with_modules(parent=course_index, modules=1)
        module = ModulePage.objects.child_of(course).get()
        for url in (course_index.url, course.url, module.url):
            response = client.get(url)
            assert response.status_code == 302 and "/akun/login/" in response["Location"], url

    def test_wagtail_privacy_still_applies_when_restrictions_are_cached(
        self, learner_client, course_index
    ):
        course = course_with_modules(parent=course_index, modules=1)
        module = ModulePage.objects.child_of(course).get()
        assert learner_client.get(module.url).status_code == 200  # warms the cache
        restriction = PageViewRestriction.objects.create(
            page=course, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Editor saja"))
        assert learner_client.get(module.url).status_code == 302
        restriction.delete()
        assert learner_client.get(module.url).status_code == 200
