"""Who may open what: every URL that names an object (a certificate, a signed pact, a quiz
attempt, an employee, an office's export, an admin record) asked for by each kind of
person, compared with what the product intends.

`MATRIX` holds one entry per URL pattern that takes an object id, code or reference and
whose view (or the model behind a Wagtail admin view) is ours. A new pattern of that kind
fails `test_every_url_naming_an_object_is_in_the_matrix` until an entry says who may open
it. Wagtail's and allauth's own views (pages, documents, sign-in keys) are theirs to test.

The people (tests/security/world.py): the *owner* (a learner at the Dinas Pendidikan, who
finished a course, signed the pact and holds a certificate), *other learner* (a colleague
at the same office), *HR of another office* (a kecamatan), *HR of the parent office* (the
city government, above the Dinas), an *admin* (superuser), and an *anonymous* visitor. HR
officers and the admin signed in with their second factor.

Refusals never tell whether the object exists: anyone refused gets exactly the answer they
get for an id that does not exist (404 on our pages; Wagtail's admin sends whoever lacks
admin access to the sign-in page either way). `test_refusals_do_not_reveal_existence`
compares the two.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from certificates import verification

from .world import ACTORS, World

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a 302 to the sign-in page
OURS = ("netra", "courses", "quizzes", "certificates")


# -- what each kind of person gets ----------------------------------------------------------


def personal(owner=200, *, hr=None):
    """The owner's record: the owner, HR over the owner's office (the parent office's
    officer) and admins open it; everyone else gets 404."""
    hr = owner if hr is None else hr
    return {
        "anonymous": LOGIN,
        "owner": owner,
        "other_learner": 404,
        "hr_other_office": 404,
        "hr_parent_office": hr,
        "admin": hr,
    }


def owner_only(owner=200):
    """Only the owner, not even HR or admins (a quiz attempt, their wallet credential)."""
    return dict.fromkeys(ACTORS, 404) | {"anonymous": LOGIN, "owner": owner}


def hr_scoped(ok=200, *, hr_other=404):
    """HR pages about the owner's office: the officer over it and admins; learners 404."""
    return {
        "anonymous": LOGIN,
        "owner": 404,
        "other_learner": 404,
        "hr_other_office": hr_other,
        "hr_parent_office": ok,
        "admin": ok,
    }


def admin_only(ok=200):
    """The Wagtail admin: whoever lacks admin access is sent to sign in."""
    return dict.fromkeys(ACTORS, LOGIN) | {"admin": ok}


def shared(status):
    """Content every signed-in person may act on (a module, a quiz, a pact text)."""
    return dict.fromkeys(ACTORS, status) | {"anonymous": LOGIN}


def public(status=200):
    return dict.fromkeys(ACTORS, status)


@dataclass(frozen=True)
class Case:
    args: Callable[[World], dict]
    expect: dict
    # The argument (URL or query string) naming the object; None: the last URL argument.
    key: str | None = None
    method: str = "get"
    data: dict | Callable[[World], dict] = field(default_factory=dict)
    query: Callable[[World], dict] | None = None


def _snippets(model: str, pk: Callable[[World], int]) -> dict[str, Case]:
    views = ("edit", "delete", "usage", "history", "history_results", "copy")
    cases = {
        f"wagtailsnippets_{model}:{v}": Case(lambda w: {"pk": pk(w)}, admin_only()) for v in views
    }
    cases[f"wagtailsnippetchoosers_{model}:chosen"] = Case(lambda w: {"pk": pk(w)}, admin_only())
    return cases


def _model_views(namespace: str, views, pk: Callable[[World], int], ok=200) -> dict[str, Case]:
    return {f"{namespace}:{v}": Case(lambda w: {"pk": pk(w)}, admin_only(ok)) for v in views}


def _period(w):
    return {"period_id": w.period.pk}


def _office(w):
    return {"period_id": w.period.pk, "office_id": w.city["dinas"].pk}


def _unit(w):
    return {"unit": w.city["dinas"].pk}


MATRIX: dict[str, Case] = {
    # -- certificates and pacts ---------------------------------------------------------
    "certificates:certificate": Case(lambda w: {"reference": w.certificate.reference}, personal()),
    "certificates:certificate_pdf": Case(
        lambda w: {"reference": w.certificate.reference}, personal()
    ),
    # Renewal re-opens the holder's own course: only the holder (refused here, as the
    # certificate is still valid, with a redirect to it).
    "certificates:certificate_renew": Case(
        lambda w: {"reference": w.certificate.reference}, owner_only(302), method="post"
    ),
    # HR over the holder's office and admins revoke; the holder cannot.
    "certificates:certificate_revoke": Case(
        lambda w: {"reference": w.certificate.reference}, personal(404, hr=200)
    ),
    "certificates:certificate_badge": Case(
        lambda w: {"reference": w.certificate.reference}, owner_only()
    ),
    "certificates:receipt": Case(lambda w: {"reference": w.signature.reference}, personal()),
    "certificates:receipt_pdf": Case(lambda w: {"reference": w.signature.reference}, personal()),
    # The pact text is for everyone; an empty form is refused for everyone alike.
    "certificates:sign": Case(lambda w: {"version_id": w.version.pk}, shared(400), method="post"),
    # Public by design: masked name, never the NIP (tests/certificates).
    "certificates:verify": Case(lambda w: {"code": w.certificate.verification_code}, public()),
    "certificates:badge_status": Case(lambda w: {"number": 1}, public()),
    "certificates:hr_certificates_zip": Case(
        lambda w: {"office_id": w.city["dinas"].pk}, hr_scoped()
    ),
    # No id in the path, one in the query string.
    "certificates:hr_certificates": Case(
        lambda w: {}, hr_scoped(), key="office", query=lambda w: {"office": w.city["dinas"].pk}
    ),
    # -- courses and quizzes -------------------------------------------------------------
    "courses:module_complete": Case(
        lambda w: {"module_id": w.module.pk}, shared(302), method="post"
    ),
    "quizzes:attempt_start": Case(lambda w: {"quiz_id": w.quiz.pk}, shared(302), method="post"),
    "quizzes:attempt_play": Case(lambda w: {"attempt_id": w.open_attempt().pk}, owner_only()),
    # An empty answer: the owner is sent back to the question with a message.
    "quizzes:answer_submit": Case(
        lambda w: {"attempt_id": w.open_attempt().pk}, owner_only(302), method="post"
    ),
    "quizzes:answer_feedback": Case(
        lambda w: {"attempt_id": w.passed_attempt.pk, "question_key": "x"},
        owner_only(302),
        key="attempt_id",
    ),
    "quizzes:attempt_finish": Case(
        lambda w: {"attempt_id": w.open_attempt().pk}, owner_only(302), method="post"
    ),
    "quizzes:attempt_result": Case(lambda w: {"attempt_id": w.passed_attempt.pk}, owner_only()),
    # -- HR: compliance, exports, reminders, roster imports ---------------------------------
    # The campaign itself is no secret to HR: each officer lands on their own offices.
    "campaigns:overview": Case(_period, hr_scoped(200, hr_other=302) | {"hr_parent_office": 302}),
    "campaigns:office": Case(_office, hr_scoped()),
    "campaigns:employees": Case(_office, hr_scoped()),
    "campaigns:employee": Case(
        lambda w: {"period_id": w.period.pk, "employee_id": w.employee.pk}, hr_scoped()
    ),
    "campaigns:overview_export": Case(
        lambda w: {"period_id": w.period.pk, "fmt": "csv"}, hr_scoped(hr_other=200), key="period_id"
    ),
    "campaigns:office_export": Case(
        lambda w: {**_office(w), "fmt": "xlsx"}, hr_scoped(), key="office_id"
    ),
    "campaigns:employees_export": Case(
        lambda w: {**_office(w), "fmt": "csv"}, hr_scoped(), key="office_id"
    ),
    "campaigns:reminders": Case(_period, hr_scoped(), key="unit", query=_unit),
    "campaigns:remind_confirm": Case(_period, hr_scoped(), key="unit", query=_unit),
    "campaigns:remind": Case(_period, hr_scoped(302), key="unit", method="post", data=_unit),
    # Uploaded by the parent office's officer: the uploader and admins see it.
    "people:roster_import": Case(lambda w: {"import_id": w.roster_import.pk}, hr_scoped()),
    "people:roster_import_status": Case(lambda w: {"import_id": w.roster_import.pk}, hr_scoped()),
    "people:roster_import_apply": Case(
        lambda w: {"import_id": w.roster_import.pk}, hr_scoped(302), method="post"
    ),
    # -- the learner's own notifications and the public library ----------------------------
    "notifications:open": Case(
        lambda w: {"notification_id": w.notification.pk}, owner_only(302), method="post"
    ),
    "regulations:link": Case(lambda w: {"page_id": w.regulation.pk}, public(302)),
    "regulations:document": Case(lambda w: {"page_id": w.regulation.pk}, public()),
    # -- our admin views and the admin's views of our records -----------------------------
    "certificates_certificate_revoke": Case(lambda w: {"pk": w.certificate.pk}, admin_only()),
    "certificates_signature_revoke": Case(lambda w: {"pk": w.signature.pk}, admin_only()),
    "quizzes_statistics": Case(lambda w: {"quiz_id": w.quiz.pk}, admin_only()),
    "updates_impact_reapply": Case(lambda w: {"pk": w.impact.pk}, admin_only(302), method="post"),
    # Anonymising a departed employee (netra.privacy): admins with the permission only.
    "privacy_anonymise_employee": Case(lambda w: {"pk": w.employee.pk}, admin_only()),
    **_model_views("issued_certificates", ("inspect",), lambda w: w.certificate.pk),
    **_model_views("pact_signatures", ("inspect",), lambda w: w.signature.pk),
    # Evidence is view-only (certificates.wagtail_hooks.ViewOnlyPolicy) and Wagtail's history
    # views ask for the change permission, which nobody holds: even admins are sent back to
    # the dashboard.
    **_model_views(
        "issued_certificates", ("history", "history_results"), lambda w: w.certificate.pk, 302
    ),
    **_model_views(
        "pact_signatures", ("history", "history_results"), lambda w: w.signature.pk, 302
    ),
    **_model_views("update_impacts", ("inspect",), lambda w: w.impact.pk),
    **_model_views(
        "wagtailusers_users",
        ("edit", "delete", "history", "history_results", "usage", "copy"),
        lambda w: w.users["owner"].pk,
    ),
    **_snippets("people_office", lambda w: w.city["dinas"].pk),
    **_snippets("people_employee", lambda w: w.employee.pk),
    **_snippets("people_hrassignment", lambda w: w.hr_assignment.pk),
    **_snippets("campaigns_electionperiod", lambda w: w.period.pk),
}


# -- finding every URL pattern that names an object -----------------------------------------


def _walk(patterns, namespace="", has_args=False):
    for p in patterns:
        args = has_args or _takes_arguments(p.pattern)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns, args)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}" if p.name else None, p, args


def _takes_arguments(pattern) -> bool:
    if isinstance(pattern, RoutePattern):
        return bool(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return pattern.regex.groups > 0
    return False


def _model_of(callback):
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or initkwargs.get("model_class")
    return apps.get_model(model) if isinstance(model, str) else model


def _is_ours(callback) -> bool:
    if callback.__module__.split(".")[0] in OURS:
        return True
    model = _model_of(callback)
    return model is not None and apps.get_app_config(model._meta.app_label).name.startswith(OURS)


# Patterns of ours that take an argument naming no object, with the reason.
NOT_OBJECTS = {
    # The page router (netra.home.routing): its argument is a page's path. Pages apply their
    # own rule per page type (netra.home.wagtail_hooks), tested in tests/home/test_access.py.
    "wagtail_serve",
}


def object_patterns() -> dict[str, URLPattern]:
    found = {}
    for name, pattern, has_args in _walk(get_resolver().url_patterns):
        if has_args and name not in NOT_OBJECTS and _is_ours(pattern.callback):
            assert name, f"name the URL pattern {pattern.pattern} so the matrix can list it"
            found[name] = pattern
    return found


def test_every_url_naming_an_object_is_in_the_matrix():
    unlisted = set(object_patterns()) - set(MATRIX)
    assert unlisted == set(), "say in MATRIX who may open these"


def test_matrix_has_no_stale_entries():
    names = {name for name, _p, _a in _walk(get_resolver().url_patterns) if name}
    assert set(MATRIX) - names == set()


def test_the_walk_finds_the_kinds_of_views_it_must():
    found = object_patterns()
    # A view of ours, a snippet, a model viewset and Wagtail's users (our User model).
    for name in (
        "certificates:certificate_pdf",
        "wagtailsnippets_people_employee:edit",
        "pact_signatures:inspect",
        "wagtailusers_users:edit",
    ):
        assert name in found
    assert "wagtailadmin_pages:edit" not in found  # Wagtail's own


# -- asking -----------------------------------------------------------------------------


def _ask(client, name: str, method: str, args: dict, query: dict, data: dict):
    url = reverse(name, kwargs=args)
    url = f"{url}?{urlencode(query)}" if query else url
    return client.get(url) if method == "get" else client.post(url, data)


def _outcome(response):
    """What a person learns from a response: its status and, for a redirect, where to."""
    if response.status_code in (301, 302):
        location = urlsplit(response["Location"]).path
        if location.startswith("/akun/login/"):
            return LOGIN, location
        return 302, location
    return response.status_code, None


def _missing(value):
    """An id, reference or code of the same shape that names nothing."""
    if isinstance(value, uuid.UUID):
        return uuid.uuid4()
    if isinstance(value, int):
        return 2_000_000_000
    if isinstance(value, str) and verification.is_well_formed(value):
        return verification.new_code()
    raise AssertionError(f"no missing-object value for {value!r}")


def _request(case: Case, w: World) -> dict[str, dict]:
    """The URL arguments, query string and form data that name `case`'s object in `w`."""
    return {
        "args": case.args(w),
        "query": case.query(w) if case.query else {},
        "data": case.data(w) if callable(case.data) else dict(case.data),
    }


def _without_object(name: str, case: Case, request: dict[str, dict]) -> dict[str, dict]:
    """The same request naming an object that does not exist."""
    key = case.key or list(object_patterns()[name].pattern.converters)[-1]
    absent = {part: dict(values) for part, values in request.items()}
    part = next(p for p in ("args", "query", "data") if key in absent[p])
    absent[part][key] = _missing(absent[part][key])
    return absent


def test_access_matrix(world):
    clients = {actor: world.client(actor) for actor in ACTORS}
    wrong = []
    for name, case in MATRIX.items():
        for actor in ACTORS:
            response = _ask(clients[actor], name, case.method, **_request(case, world))
            status, _where = _outcome(response)
            if status != case.expect[actor]:
                wrong.append(f"{name} as {actor}: {status}, expected {case.expect[actor]}")
    assert wrong == [], "\n".join(wrong)


def test_refusals_do_not_reveal_existence(world):
    """Anyone refused an object gets what they get for one that does not exist."""
    clients = {actor: world.client(actor) for actor in ACTORS}
    wrong = []
    for name, case in MATRIX.items():
        for actor in (a for a in ACTORS if case.expect[a] in (404, LOGIN)):
            request = _request(case, world)
            there = _outcome(_ask(clients[actor], name, case.method, **request))
            absent_request = _without_object(name, case, request)
            absent = _outcome(_ask(clients[actor], name, case.method, **absent_request))
            if there[0] != absent[0] or (there[0] == 302 and there[1] != absent[1]):
                wrong.append(f"{name} as {actor}: {there[0]} but {absent[0]} when absent")
    assert wrong == [], "\n".join(wrong)


def test_snippet_and_admin_entries_cover_each_of_our_models_views():
    """Guards the helpers above: a view added to a viewset shows up in the walk, so a
    typo in `_snippets`/`_model_views` would leave a stale entry or an uncovered view."""
    found = set(object_patterns())
    ours = {n for n in MATRIX if re.match(r"wagtail|pact_signatures|issued_|update_impacts", n)}
    assert ours <= found
