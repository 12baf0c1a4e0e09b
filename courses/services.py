"""Writes for learner records. The only code that creates enrolments and step completions."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import CoursePage, CourseStepMixin, Enrolment, ModulePage, StepCompletion


@dataclass(frozen=True)
class CompletionResult:
    completion: StepCompletion
    created: bool
    course_completed: bool


@transaction.atomic
def step_complete(*, user, step: CourseStepMixin) -> CompletionResult:
    """Record that `user` finished `step` (a module read, a quiz passed).

    Rules: the step and its course must be live; steps are taken in order, so every earlier
    live step of the course must be done first; recording twice is harmless (a double submit
    returns the existing record). When the last live step is done the enrolment is
    completed, exactly once even when two requests finish it together.
    """
    if not step.live:
        raise ValidationError(_("Modul ini sudah tidak tersedia."), code="not_live")
    course = CoursePage.objects.live().filter(path=step.course_path).first()
    if course is None:
        raise ValidationError(_("Kursus untuk modul ini sudah tidak tersedia."), code="no_course")
    step_ids = list(
        Page.objects.live().child_of(course).order_by("path").values_list("pk", flat=True)
    )
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    # Lock the enrolment so two tabs finishing the last step complete the course once.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    done = set(enrolment.completions.values_list("step_id", flat=True))
    earlier = step_ids[: step_ids.index(step.pk)]
    if any(pk not in done for pk in earlier):
        raise ValidationError(
            _("Selesaikan modul sebelumnya terlebih dahulu."), code="out_of_order"
        )
    completion, created = StepCompletion.objects.get_or_create(enrolment=enrolment, step_id=step.pk)
    done.add(step.pk)
    course_completed = False
    if enrolment.completed_at is None and set(step_ids) <= done:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        course_completed = True
    return CompletionResult(completion, created, course_completed)


def module_complete(*, user, module: ModulePage) -> CompletionResult:
    """The learner marks a reading module as done. Only modules can be marked by hand; a
    quiz step is completed by passing it (`quizzes.services`)."""
    if not isinstance(module, ModulePage):
        raise ValidationError(_("Hanya modul bacaan yang dapat ditandai selesai."), code="kind")
    return step_complete(user=user, step=module)
