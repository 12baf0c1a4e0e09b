"""Writes for learner records. The only code that creates enrolments and completions."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CoursePage, Enrolment, ModuleCompletion, ModulePage


@dataclass(frozen=True)
class CompletionResult:
    completion: ModuleCompletion
    created: bool
    course_completed: bool


@transaction.atomic
def module_complete(*, user, module: ModulePage) -> CompletionResult:
    """Mark `module` as done for `user`.

    Rules: the module must be live; modules are taken in order, so every earlier live module
    of the course must be done first; marking twice is harmless (a double submit returns the
    existing record). When the last live module is done the enrolment is completed.
    """
    if not module.live:
        raise ValidationError(_("Modul ini sudah tidak tersedia."), code="not_live")
    course = CoursePage.objects.live().filter(path=module.path[: -ModulePage.steplen]).first()
    if course is None:
        raise ValidationError(_("Kursus untuk modul ini sudah tidak tersedia."), code="no_course")
    module_ids = list(
        ModulePage.objects.live().child_of(course).order_by("path").values_list("pk", flat=True)
    )
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    # Lock the enrolment so two tabs finishing the last module complete the course once.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    done = set(enrolment.completions.values_list("module_id", flat=True))
    earlier = module_ids[: module_ids.index(module.pk)]
    if any(pk not in done for pk in earlier):
        raise ValidationError(
            _("Selesaikan modul sebelumnya terlebih dahulu."), code="out_of_order"
        )
    completion, created = ModuleCompletion.objects.get_or_create(enrolment=enrolment, module=module)
    done.add(module.pk)
    course_completed = False
    if enrolment.completed_at is None and set(module_ids) <= done:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        course_completed = True
    return CompletionResult(completion, created, course_completed)
