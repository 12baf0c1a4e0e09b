"""Every URL refuses a POST without a CSRF token from a signed-in person.

Django's CsrfViewMiddleware checks every unsafe request before the view runs, so the test
posts to one sample URL of every pattern the project serves (ours, Wagtail's, allauth's),
as a signed-in admin with their second factor (so no sign-in or MFA redirect answers
first), and expects 403 from the CSRF check. Views marked `csrf_exempt` must be listed in
CSRF_EXEMPT with the reason; there are none of ours.
"""

import pytest
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve, reverse

from netra.people.factories import UserFactory
from tests.conftest import login_with_mfa
from tests.home.test_access import _name, _walk

pytestmark = pytest.mark.django_db

# Django REST framework views (Wagtail's admin API) are csrf_exempt for Django's middleware
# because DRF's SessionAuthentication makes the same check itself for session users: the
# POSTs below get DRF's "CSRF Failed" 403.
CSRF_EXEMPT = {
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


def sample_urls():
    """(url, pattern) for every pattern whose sample URL resolves back to it."""
    for url, pattern in _walk(get_resolver().url_patterns):
        url = "/" + url.lstrip("/")
        try:
            match = resolve(url)
        except Resolver404:
            continue
        if match.func is pattern.callback:
            yield url, pattern


def test_only_listed_views_are_csrf_exempt():
    exempt = {
        _name(p)
        for _, p in _walk(get_resolver().url_patterns)
        if getattr(p.callback, "csrf_exempt", False)
    }
    assert exempt == CSRF_EXEMPT


@pytest.fixture
def strict_admin(home):
    """An admin signed in with their second factor, whose client checks CSRF like a browser."""
    client = Client(enforce_csrf_checks=True)
    return login_with_mfa(client, UserFactory(is_superuser=True, is_staff=True))


def test_every_url_refuses_a_post_without_a_csrf_token(strict_admin):
    accepted, checked = [], 0
    for url, pattern in sample_urls():
        response = strict_admin.post(url, {"x": "1"})
        refused = response.status_code == 403 and b"CSRF" in response.content
        if not refused:
            accepted.append(f"{url} ({_name(pattern)}): {response.status_code}")
        checked += 1
    assert accepted == []
    assert (
        checked > 300
    )  # every pattern of ours, Wagtail's and allauth's; a tiny number: broken walk


def test_the_same_post_with_the_token_gets_through(strict_admin, learner):
    """The refusals above are the missing token's doing: with it, the views answer."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    client.get(reverse("notifications:list"))  # sets the CSRF cookie, as a page view does
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("notifications:read_all"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 403


def test_sign_in_itself_needs_the_token():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("account_login"), {"login": "x", "password": "y"})
    assert response.status_code == 403
