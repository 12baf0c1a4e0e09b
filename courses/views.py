"""Thin views: the learner dashboard and the "mark as done" action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.people.selectors import employee_for_user

from . import selectors, services
from .models import ModulePage


@require_GET
def my_courses(request):
    """ "Kursus saya": every course assigned to the learner, with progress and deadline."""
    employee = employee_for_user(request.user)
    return render(
        request,
        "courses/my_courses.html",
        {
            "employee": employee,
            "cards": selectors.course_cards_for_learner(
                user=request.user, employee=employee, request=request
            ),
        },
    )


@require_POST
def module_complete(request, module_id: int):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    try:
        result = services.module_complete(user=request.user, module=module)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(module.get_url(request))
    if result.course_completed:
        messages.success(request, _("Selamat! Semua modul kursus ini sudah Anda selesaikan."))
    elif result.created:
        messages.success(request, _("Modul ditandai selesai."))
    else:
        messages.info(request, _("Modul ini sudah ditandai selesai sebelumnya."))
    return redirect(selectors.url_after_step(module) or "courses:my_courses")
