"""Wagtail admin view: "Terapkan ulang dampak" (re-apply a recorded impact)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rules, services
from .models import UpdateImpact


@require_POST
def impact_reapply(request, pk):
    if not rules.can_reapply_impact(request.user):
        raise PermissionDenied
    impact = get_object_or_404(UpdateImpact.objects.select_related("update"), pk=pk)
    services.impact_reapply(impact=impact, user=request.user)
    messages.success(
        request,
        _("Dampak “%(title)s” diterapkan ulang di latar belakang.")
        % {"title": impact.update.title},
    )
    return redirect(reverse("update_impacts:inspect", args=[impact.pk]))
