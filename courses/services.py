"""Writes for learner records. The only code that creates enrolments and step completions."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from netra.campaigns import progress as campaign_progress

from .events import course_completed
from .models import (
    ArchivedStepCompletion,
    CoursePage,
    CourseStepMixin,
    Enrolment,
    ModulePage,
    RenewalRequest,
    StepCompletion,
)
from .selectors import course_navigation


@dataclass(frozen=True)
class CompletionResult:
    completion: StepCompletion
    created: bool
    course_completed: bool


def _course_steps(step: CourseStepMixin) -> tuple[int, list[int]] | None:
    """(course id, ids of its live steps in order) for `step`, or None when its course is
    not live: from the cached course navigation (dropped whenever a page of the course is
    published, unpublished, moved or deleted), read from the database when that does not
    list `step` yet."""
    nav = course_navigation(course_path=step.course_path)
    if nav is not None:
        step_ids = [module["id"] for module in nav["modules"]]
        if step.pk in step_ids:
            return nav["course"]["id"], step_ids
    course = CoursePage.objects.live().filter(path=step.course_path).only("pk").first()
    if course is None:
        return None
    step_ids = list(
        Page.objects.live().child_of(course).order_by("path").values_list("pk", flat=True)
    )
    return course.pk, step_ids


def _locked_enrolment(user, course_id: int) -> Enrolment:
    """The learner's enrolment in the course, created if need be, locked for this
    transaction: two tabs finishing the last step complete the course once."""
    locked = Enrolment.objects.select_for_update()
    enrolment = locked.filter(user=user, course_id=course_id).first()
    if enrolment is None:
        Enrolment.objects.get_or_create(user=user, course_id=course_id)
        enrolment = locked.get(user=user, course_id=course_id)
    return enrolment


@transaction.atomic
def step_complete(*, user, step: CourseStepMixin) -> CompletionResult:
    """Record that `user` finished `step` (a module read, a quiz passed).

    Rules: the step and its course must be live; steps are taken in order, so every earlier
    live step of the course must be done first; recording twice is harmless (a double submit
    returns the existing record). When the last live step is done the enrolment is
    completed, exactly once even when two requests finish it together.

    Every learner marks modules done on deadline day, so the common case is a handful of
    statements: the course and its steps come from the cached navigation, and the
    completion is inserted plainly since the enrolment's lock already serialises the
    learner's requests.
    """
    if not step.live:
        raise ValidationError(_("Modul ini sudah tidak tersedia."), code="not_live")
    found = _course_steps(step)
    if found is None:
        raise ValidationError(_("Kursus untuk modul ini sudah tidak tersedia."), code="no_course")
    course_id, step_ids = found
    enrolment = _locked_enrolment(user, course_id)
    done = set(enrolment.completions.values_list("step_id", flat=True))
    earlier = step_ids[: step_ids.index(step.pk)] if step.pk in step_ids else step_ids
    if any(pk not in done for pk in earlier):
        raise ValidationError(
            _("Selesaikan modul sebelumnya terlebih dahulu."), code="out_of_order"
        )
    created = step.pk not in done
    if created:
        completion = StepCompletion.objects.create(enrolment=enrolment, step_id=step.pk)
        done.add(step.pk)
    else:
        completion = StepCompletion.objects.get(enrolment=enrolment, step_id=step.pk)
    finished = False
    if enrolment.completed_at is None and set(step_ids) <= done:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        finished = True
        # A renewal asked of this learner (regulation update) is answered by this completion.
        RenewalRequest.objects.filter(enrolment=enrolment, resolved_at__isnull=True).update(
            resolved_at=enrolment.completed_at
        )
        # For the signal's receivers (certificates): the course's settings, not its content.
        course = CoursePage.objects.defer_streamfields().get(pk=course_id)
        transaction.on_commit(
            lambda: course_completed.send(
                sender=CoursePage, user=user, course=course, enrolment=enrolment
            )
        )
    if created:
        # HR's compliance counters: the course is started, or now complete.
        campaign_progress.course_progress(
            user_id=user.pk, course_id=course_id, completed=enrolment.completed_at is not None
        )
    return CompletionResult(completion, created, finished)


def module_complete(*, user, module: ModulePage) -> CompletionResult:
    """The learner marks a reading module as done. Only modules can be marked by hand; a
    quiz step is completed by passing it (`quizzes.services`)."""
    if not isinstance(module, ModulePage):
        raise ValidationError(_("Hanya modul bacaan yang dapat ditandai selesai."), code="kind")
    return step_complete(user=user, step=module)


@dataclass(frozen=True)
class RenewResult:
    enrolment: Enrolment
    archived: int
    renewed: bool


@transaction.atomic
def enrolment_renew(*, user, course: CoursePage, reason: str, steps=None) -> RenewResult:
    """Start a course again (recertification): the learner's completions of `steps` (all
    steps when None) move to `ArchivedStepCompletion` under the current cycle number, the
    course is no longer completed, and quiz attempts from before now no longer count.

    Only a completed enrolment is renewed, so a second call (double click, a re-run
    command) while the learner is re-taking the course changes nothing.
    """
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None or enrolment.completed_at is None:
        return RenewResult(enrolment, 0, renewed=False)
    archived = enrolments_renew(course=course, enrolments=[enrolment], reason=reason, steps=steps)
    return RenewResult(enrolment, archived, renewed=True)


def enrolments_renew(*, course: CoursePage, enrolments: list[Enrolment], reason: str, steps=None):
    """What renewal means, for many learners of one course at once (a material regulation
    update sends thousands back): archive their completions of `steps` (all when None)
    under the current cycle, un-complete the enrolments, start the next cycle, and take
    the completion back from HR's counters. A few statements per call, not per learner.

    The caller holds the enrolments locked (`select_for_update`, in this transaction) and
    passes only completed ones of `course`; `enrolment_renew` does that for one learner,
    `recertification` for a chunk. The objects passed are updated in place. Returns the
    number of completions archived.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enrolments_renew needs the enrolments locked in a transaction")
    enrolments = [e for e in enrolments if e.completed_at is not None]
    if not enrolments:
        return 0
    now = timezone.now()
    by_id = {e.pk: e for e in enrolments}
    completions = StepCompletion.objects.filter(enrolment_id__in=by_id)
    if steps is not None:
        completions = completions.filter(step_id__in=[getattr(s, "pk", s) for s in steps])
    archived = ArchivedStepCompletion.objects.bulk_create(
        (
            ArchivedStepCompletion(
                enrolment_id=enrolment_id,
                cycle=by_id[enrolment_id].cycle,
                step_id=step_id,
                completed_at=completed_at,
                course_completed_at=by_id[enrolment_id].completed_at,
                archived_at=now,
                reason=reason[:255],
            )
            for enrolment_id, step_id, completed_at in completions.values_list(
                "enrolment_id", "step_id", "completed_at"
            )
        ),
        batch_size=2000,
    )
    completions.delete()
    Enrolment.objects.filter(pk__in=by_id).update(
        completed_at=None, cycle=F("cycle") + 1, renewed_at=now
    )
    for enrolment in enrolments:
        enrolment.completed_at, enrolment.renewed_at = None, now
        enrolment.cycle += 1
    campaign_progress.course_progress_many(
        user_ids=[e.user_id for e in enrolments], course_id=course.pk, completed=False
    )
    return len(archived)
