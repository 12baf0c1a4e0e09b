"""Reads for learners: "Kursus saya", a course page and a module page.

Each function costs a fixed number of queries whatever the number of courses or modules
(asserted in tests/courses/test_views.py and tests/perf/test_query_budgets.py). Module
navigation is cached per course and dropped by `signals.py` when a page of the course is
published, unpublished, moved or deleted; a module's rendered body is cached per published
version under the pages generation (netra.home.page_cache).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from netra.home.page_cache import generation
from netra.people.selectors import employee_for_user

from .models import (
    CourseAudienceOffice,
    CoursePage,
    CourseStepMixin,
    Enrolment,
    RenewalRequest,
    StepCompletion,
)
from .progress import DeadlineState, Progress, course_progress, deadline_state


@dataclass(frozen=True)
class CourseCard:
    course: CoursePage
    progress: Progress
    deadline: DeadlineState
    is_assigned: bool
    # Open "perlu diperbarui" requests (a material regulation update), newest first.
    renewals: tuple[RenewalRequest, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class _CatalogEntry:
    course: CoursePage
    url: str
    step_ids: frozenset[int]  # its live steps (child pages)
    targets_offices: bool


_LOOK_UP = object()


def _catalog(request=None) -> list[_CatalogEntry]:
    """Every live course, ordered by deadline then title, with its URL, its live steps
    and whether it targets offices: the same for every learner, so cached under the pages
    generation (any page saved, published, moved or deleted replaces it). Which of these a
    learner sees, and their progress, is read per request (`course_cards_for_learner`)."""
    key = f"netra:course-catalog:{generation(request)}"
    catalog = cache.get(key)
    if catalog is not None:
        return catalog
    courses = list(
        CoursePage.objects.live()
        .annotate(
            targets_offices=Exists(
                CourseAudienceOffice.objects.filter(
                    **{CourseAudienceOffice.audience_parent: OuterRef("pk")}
                )
            )
        )
        .order_by("deadline", "title")
    )
    steps: dict[str, set[int]] = {}
    if courses:
        by_path = {course.path: course for course in courses}
        depths = {course.depth + 1 for course in courses}
        children = Page.objects.live().filter(depth__in=depths)
        for pk, path, depth in children.values_list("pk", "path", "depth"):
            parent = path[: -Page.steplen]
            if parent in by_path and by_path[parent].depth + 1 == depth:
                steps.setdefault(parent, set()).add(pk)
    catalog = [
        _CatalogEntry(
            course=course,
            url=course.get_url(),
            step_ids=frozenset(steps.get(course.path, ())),
            targets_offices=course.targets_offices,
        )
        for course in courses
    ]
    cache.set(key, catalog, settings.NETRA_COURSE_NAV_TIMEOUT)
    return catalog


def _progress_sql() -> str:
    completion, enrolment = StepCompletion._meta.db_table, Enrolment._meta.db_table
    return f"""
        SELECT e.course_id, c.step_id FROM {enrolment} e
        LEFT JOIN {completion} c ON c.enrolment_id = e.id
        WHERE e.user_id = %s
    """  # noqa: S608 - table names come from model meta, values are parameters  # nosec B608


def _learner_progress(user) -> dict[int, set[int]]:
    """The courses the learner is enrolled in, each with the steps they completed."""
    found: dict[int, set[int]] = {}
    if not user.is_authenticated:
        return found
    with connection.cursor() as cursor:
        cursor.execute(_progress_sql(), [user.pk])
        for course_id, step_id in cursor.fetchall():
            done = found.setdefault(course_id, set())
            if step_id is not None:
                done.add(step_id)
    return found


def _targeting_me(catalog: list[_CatalogEntry], employee) -> set[int]:
    """Ids of the courses that target one of the employee's offices (or one above). No
    query when no course targets offices, the usual case."""
    targeting = [entry.course.pk for entry in catalog if entry.targets_offices]
    if not targeting or employee is None:
        return set()
    return set(
        CourseAudienceOffice.objects.filter(
            course_id__in=targeting, office__path__in=employee.office.ancestor_paths()
        ).values_list("course_id", flat=True)
    )


def course_cards_for_learner(
    *, user, assigned_only: bool = True, employee=_LOOK_UP, request=None
) -> list[CourseCard]:
    """The courses a learner must take (their audience matches) plus any they started,
    with progress and deadline. `assigned_only=False` lists the whole live catalogue.
    A caller that already read the learner's employee record (or None) passes it.

    On a warm cache two queries (the learner's enrolments with their completions, the
    open renewals), and one more when some course targets offices; the employee too
    unless passed. The catalogue of courses is shared by every learner (`_catalog`):
    building this page from one annotated query per learner cost more in the ORM than
    in the database."""
    if employee is _LOOK_UP:
        employee = employee_for_user(user)
    catalog = _catalog(request)
    progress = _learner_progress(user)
    targeting_me = _targeting_me(catalog, employee)
    type_field = CoursePage.AUDIENCE_FIELD[employee.employment_type] if employee else None
    today = timezone.localdate()
    renewals = open_renewals_for_learner(user)
    cards = []
    for entry in catalog:
        course = entry.course
        is_assigned = bool(
            type_field
            and getattr(course, type_field)
            and (not entry.targets_offices or course.pk in targeting_me)
        )
        if assigned_only and not (is_assigned or course.pk in progress):
            continue
        done = progress.get(course.pk, set())
        cards.append(
            CourseCard(
                course=course,
                progress=course_progress(
                    total_modules=len(entry.step_ids),
                    completed_modules=len(done & entry.step_ids),
                ),
                deadline=deadline_state(course.deadline, today=today),
                is_assigned=is_assigned,
                renewals=tuple(renewals.get(course.pk, ())),
                url=entry.url,
            )
        )
    # Open work first, soonest deadline first; finished courses sink to the bottom.
    return sorted(cards, key=lambda c: c.progress.status == "completed")


def open_renewals_for_learner(user, *, course_id: int | None = None) -> dict[int, list]:
    """The learner's open renewal requests ("perlu diperbarui": a material regulation
    update sent them back), newest first, per course id. One query."""
    if not user.is_authenticated:
        return {}
    qs = RenewalRequest.objects.filter(user=user, resolved_at__isnull=True)
    if course_id is not None:
        qs = qs.filter(course_id=course_id)
    found: dict[int, list] = {}
    for request in qs.order_by("-created_at", "-pk"):
        found.setdefault(request.course_id, []).append(request)
    return found


def _nav_key(course_path: str) -> str:
    return f"netra:course-nav:{course_path}"


def course_navigation(*, course_path: str) -> dict | None:
    """Course title, URL, deadline and its live steps (modules and quizzes) in order,
    cached (no query on a hit). Returns None when the course is not live."""
    key = _nav_key(course_path)
    nav = cache.get(key)
    if nav is not None:
        return nav
    course = CoursePage.objects.live().filter(path=course_path).first()
    if course is None:
        return None
    steps = Page.objects.live().child_of(course).order_by("path").specific()
    nav = {
        "course": {
            "id": course.pk,
            "title": course.title,
            "url": course.get_url(),
            "deadline": course.deadline,
            "revision": course.live_revision_id,
        },
        "modules": [
            {
                "id": step.pk,
                "title": step.title,
                "url": step.get_url(),
                "minutes": step.estimated_minutes,
                "kind": step.step_kind,
            }
            for step in steps
            if isinstance(step, CourseStepMixin)
        ],
    }
    cache.set(key, nav, settings.NETRA_COURSE_NAV_TIMEOUT)
    return nav


def drop_course_navigation(*course_paths: str) -> None:
    keys = [_nav_key(p) for p in course_paths if p]
    cache.delete_many(keys)
    # Again once the change is committed: a request that read the pages between the signal
    # and the commit may have cached the navigation as it was.
    transaction.on_commit(lambda: cache.delete_many(keys))


def _body_key(module, request) -> str | None:
    """Where the module's rendered body is cached, or None when it must be rendered afresh
    (a preview of a draft, a page never published)."""
    if getattr(request, "is_preview", True) or module.live_revision_id is None:
        return None
    # The pages generation also changes when a page, document or image the body links to
    # does: the body shows their titles and URLs.
    return (
        f"netra:module-body:{generation(request)}:{module.pk}:{module.live_revision_id}:"
        f"{get_language()}"
    )


def _render_body(module, request) -> str:
    # A SafeString, and still one when read back from the (pickling) cache.
    return render_to_string("courses/includes/module_body.html", {"page": module}, request)


def _completions_sql() -> str:
    completion, enrolment = StepCompletion._meta.db_table, Enrolment._meta.db_table
    return f"""
        SELECT c.step_id FROM {completion} c JOIN {enrolment} e ON e.id = c.enrolment_id
        WHERE e.user_id = %s AND e.course_id = %s
    """  # noqa: S608 - table names come from model meta, values are parameters  # nosec B608


def _completed_ids(user, course_id: int) -> set[int]:
    """The steps of a course the learner has done. Every step page reads it, so it is one
    plain statement: the ORM would spend longer building the join than the database
    answering it."""
    if not user.is_authenticated:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(_completions_sql(), [user.pk, course_id])
        return {step_id for (step_id,) in cursor.fetchall()}


def _steps(nav: dict, completed: set[int]) -> list[dict]:
    steps, unlocked = [], True
    for number, module in enumerate(nav["modules"], start=1):
        done = module["id"] in completed
        steps.append({**module, "number": number, "done": done, "unlocked": unlocked or done})
        unlocked = unlocked and done
    return steps


def course_detail_for_learner(*, user, course: CoursePage) -> dict:
    """Context for a course page: modules with done/locked state, progress, next step."""
    nav = course_navigation(course_path=course.path) or {"modules": []}
    completed = _completed_ids(user, course.pk)
    renewals = open_renewals_for_learner(user, course_id=course.pk).get(course.pk, [])
    changed = {pk for request in renewals for pk in request.step_ids}
    steps = [{**s, "changed": s["id"] in changed and not s["done"]} for s in _steps(nav, completed)]
    progress = course_progress(
        total_modules=len(steps), completed_modules=sum(s["done"] for s in steps)
    )
    next_step = next((s for s in steps if not s["done"]), None)
    return {
        "renewals": renewals,
        "steps": steps,
        "progress": progress,
        "next_step": next_step,
        "deadline": deadline_state(course.deadline, today=timezone.localdate()),
    }


def step_context_for_learner(*, user, step: CourseStepMixin) -> dict:
    """Context for a step page (module or quiz) in one query on a warm cache: the
    learner's completions.

    The course is found from the step's tree path, never loaded: the navigation cache
    holds what the page shows of it.
    """
    return _step_context(user, step, course_navigation(course_path=step.course_path))


# Navigation and body of the modules this process served, by body key. The key carries
# the pages generation, which every request reads afresh, and any page change replaces it:
# a copy kept here is exactly as fresh as the shared cache's. Cleared when full.
_SERVED: dict[str, tuple[dict | None, str]] = {}
_SERVED_MAX = 512


def module_context_for_learner(*, user, module, request) -> dict:
    """Context for a module page: `step_context_for_learner` plus the module's body as HTML,
    with one query (the learner's completions) and, once this process has served the
    module, no cache round trip (else one for the course navigation and the body).

    The body holds no per-learner state (progress and locks are in the navigation around
    it), so it is rendered once per published version and language and then shared.
    """
    body_key = _body_key(module, request)
    nav, body = _SERVED.get(body_key, (None, None)) if body_key else (None, None)
    if body is None:
        nav_key = _nav_key(module.course_path)
        found = cache.get_many([nav_key, body_key] if body_key else [nav_key])
        nav = found.get(nav_key) or course_navigation(course_path=module.course_path)
        body = found.get(body_key)
        if body is None:
            body = _render_body(module, request)
            if body_key:
                cache.set(body_key, body, settings.NETRA_COURSE_NAV_TIMEOUT)
        if body_key:
            if len(_SERVED) >= _SERVED_MAX:
                _SERVED.clear()
            _SERVED[body_key] = (nav, body)
    return {**_step_context(user, module, nav), "body_html": body}


def url_after_step(step: CourseStepMixin) -> str | None:
    """Where a learner goes once `step` is done: the next step of the course, else the
    course page; None when the course is not live. No query on a warm cache."""
    nav = course_navigation(course_path=step.course_path)
    if nav is None:
        return None
    ids = [module["id"] for module in nav["modules"]]
    index = ids.index(step.pk) if step.pk in ids else len(ids)
    following = nav["modules"][index + 1] if index + 1 < len(ids) else None
    return following["url"] if following else nav["course"]["url"]


def _step_context(user, step: CourseStepMixin, nav: dict | None) -> dict:
    if nav is None:
        return {"steps": [], "progress": course_progress(total_modules=0, completed_modules=0)}
    completed = _completed_ids(user, nav["course"]["id"])
    steps = _steps(nav, completed)
    index = next((i for i, s in enumerate(steps) if s["id"] == step.pk), None)
    current = steps[index] if index is not None else None
    return {
        "course_nav": nav["course"],
        "steps": steps,
        "current_step": current,
        "previous_step": steps[index - 1] if index else None,
        "next_step": steps[index + 1] if index is not None and index + 1 < len(steps) else None,
        "progress": course_progress(
            total_modules=len(steps), completed_modules=sum(s["done"] for s in steps)
        ),
        "deadline": deadline_state(nav["course"]["deadline"], today=timezone.localdate()),
    }


def campaign_renewal_facts(user_ids: list[int]):
    """(user id, course title, reason) for each open renewal request of these learners:
    the "perlu diperbarui" HR sees beside an employee (registered in `apps.py`)."""
    rows = (
        RenewalRequest.objects.filter(user_id__in=user_ids, resolved_at__isnull=True)
        .order_by("created_at", "pk")
        .values_list("user_id", "course__title", "reason")
    )
    return list(rows)


def campaign_course_facts(course_ids: list[int]):
    """(user id, course id, completed?) for everyone who started one of these courses: the
    facts a newly set-up campaign starts from (registered in `apps.py`)."""
    rows = Enrolment.objects.filter(course_id__in=course_ids).values_list(
        "user_id", "course_id", "completed_at"
    )
    for user_id, course_id, completed_at in rows.iterator(chunk_size=5000):
        yield user_id, course_id, completed_at is not None
