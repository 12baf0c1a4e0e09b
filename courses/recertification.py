"""What a published regulation update does to the learners of the courses it affects.

`netra.updates` builds an `Impact` for every published update and calls the handler
registered here (`apps.py`), whatever the path: the publish hook, the admin action or the
management command. The rule, in one place:

- a material update sends back everyone whose enrolment of an affected course is
  completed: their completions of the modules marked changed and of every quiz of the
  course are archived (`services.enrolments_renew`, history kept), and a `RenewalRequest`
  records what was asked, why, and by which update ("perlu diperbarui" on their pages);
- a minor update resets nothing; the enrolled learners are only notified.

Idempotent: a learner is sent back at most once per (course, update), so publishing the
same update twice, re-running the command or two workers at once change nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from netra.updates.impact import Impact, Outcome

from . import services
from .models import CoursePage, Enrolment, RenewalRequest

logger = logging.getLogger(__name__)

# Learners renewed per transaction: short locks on a city's 7,000 enrolments of a course.
CHUNK = 500


def renewal_steps(*, course: CoursePage, changed_step_ids: Iterable[int]) -> list[int]:
    """The steps a learner re-takes after a material update: the course's modules marked
    changed, and every quiz of the course (the quiz is where the new rule is tested). A
    course with neither is taken again whole: renewing nothing would leave the learner
    with every step done and the course not completed."""
    changed = set(changed_step_ids)
    children = list(Page.objects.child_of(course).order_by("path").specific(defer=True))
    steps = [
        page.pk
        for page in children
        if page.pk in changed or getattr(page, "step_kind", None) == "quiz"
    ]
    return steps or [page.pk for page in children]


def apply_impact(impact: Impact) -> Outcome:
    """The courses side of an update's impact (the handler `netra.updates` calls).

    `affected_user_ids`: everyone enrolled in an affected course (notified); for a
    material update, `renewed_user_ids`: the learners sent back by this call.
    """
    outcome = Outcome()
    courses = list(CoursePage.objects.filter(pk__in=impact.course_ids))
    for course in courses:
        enrolled = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))
        outcome.affected_user_ids |= enrolled
        if impact.material:
            renewed = course_recertify(course=course, impact=impact)
            outcome.renewed_user_ids |= renewed
            logger.info(
                "update %s: %d of %d learners of course %s sent back to re-learn",
                impact.update_page_id,
                len(renewed),
                len(enrolled),
                course.pk,
            )
    return outcome


def course_recertify(*, course: CoursePage, impact: Impact) -> set[int]:
    """Send back the learners who completed `course` and were not yet sent back for this
    update. One transaction per chunk of learners; returns the user ids renewed."""
    steps = renewal_steps(course=course, changed_step_ids=impact.changed_step_ids)
    done_already = RenewalRequest.objects.filter(
        course=course, update_page_id=impact.update_page_id
    ).values("user_id")
    candidates = list(
        Enrolment.objects.filter(course=course, completed_at__isnull=False)
        .exclude(user_id__in=done_already)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    renewed: set[int] = set()
    for start in range(0, len(candidates), CHUNK):
        renewed |= _recertify_chunk(course, impact, steps, candidates[start : start + CHUNK])
    return renewed


@transaction.atomic
def _recertify_chunk(course, impact: Impact, steps: list[int], user_ids: list[int]) -> set[int]:
    # Lock first, then read the requests: a concurrent call that renewed some of these
    # learners has committed by the time the locks are ours, so both checks below see it
    # (its enrolments are no longer completed, its requests exist).
    enrolments = list(
        Enrolment.objects.select_for_update()
        .filter(course=course, user_id__in=user_ids, completed_at__isnull=False)
        .order_by("pk")
    )
    asked = set(
        RenewalRequest.objects.filter(
            course=course, update_page_id=impact.update_page_id, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )
    enrolments = [e for e in enrolments if e.user_id not in asked]
    if not enrolments:
        return set()
    cycles = {e.pk: e.cycle for e in enrolments}
    services.enrolments_renew(
        course=course, enrolments=enrolments, reason=impact.title, steps=steps
    )
    now = timezone.now()
    RenewalRequest.objects.bulk_create(
        [
            RenewalRequest(
                user_id=e.user_id,
                course=course,
                enrolment=e,
                cycle=cycles[e.pk],
                update_page_id=impact.update_page_id,
                impact_id=impact.impact_id,
                update_title=impact.title[:255],
                update_url=impact.url[:500],
                reason=impact.reason,
                step_ids=steps,
                created_at=now,
            )
            for e in enrolments
        ],
        batch_size=1000,
    )
    return {e.user_id for e in enrolments}
