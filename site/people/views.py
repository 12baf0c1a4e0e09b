"""Thin views for the roster import (HR officers and administrators): upload and history,
one import's report with its progress and the apply form, and the progress as JSON.

Everyone else gets a 404, as does an HR officer asking for someone else's import. The
work happens in `roster_load` (services) and the worker job; reads go through selectors.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import roster_load, roster_plan, selectors
from .forms import RosterApplyForm, RosterUploadForm
from .models import RosterImport

# How the report names the employee fields an update changes.
CHANGE_LABELS = {
    "name": _("nama"),
    "front_title": _("gelar depan"),
    "back_title": _("gelar belakang"),
    "employment_type": _("jenis pegawai"),
    "golongan": _("golongan"),
    "jabatan": _("jabatan"),
    "office_id": _("unit kerja"),
    "registration_number": _("nomor registrasi"),
    "is_active": _("diaktifkan kembali"),
    "user_id": _("akun baru"),
}


def _require_importer(request) -> None:
    if not selectors.roster_import_allowed(request.user):
        raise Http404


def _import_or_404(request, import_id: int) -> RosterImport:
    _require_importer(request)
    record = selectors.roster_import_for_user(request.user, import_id)
    if record is None:
        raise Http404
    return record


@require_http_methods(["GET", "POST"])
@never_cache
def roster_imports(request):
    """Upload a roster for a dry run, and the history of the user's imports."""
    _require_importer(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = roster_load.roster_import_create(
                uploaded_by=request.user,
                file_name=form.cleaned_data["file"].name,
                content=form.content,
                scope=form.cleaned_data["scope"],
                allow_errors=form.cleaned_data["allow_errors"],
            )
        except PermissionError:
            raise Http404 from None
        return redirect("people:roster_import", import_id=record.pk)
    page = Paginator(selectors.roster_imports_for_user(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "people/roster_imports.html", {"form": form, "page": page})


@require_GET
@never_cache
def roster_import_detail(request, import_id: int):
    """One import: progress while it runs, then what it would change (dry run) or changed,
    every rejected row, and the apply form when it may be applied."""
    record = _import_or_404(request, import_id)
    report = record.report or {}
    updated = [
        {**item, "labels": [CHANGE_LABELS.get(name, name) for name in item["changes"]]}
        for item in report.get("updated", [])
    ]
    # The file is kept until the import is applied, so these two states can still apply.
    can_apply = record.status in (RosterImport.Status.CHECKED, RosterImport.Status.BLOCKED)
    form = RosterApplyForm(
        initial={
            "allow_errors": record.allow_errors,
            "confirm_deactivation": record.confirm_deactivation,
        }
    )
    return render(
        request,
        "people/roster_import.html",
        {
            "record": record,
            "report": report,
            "updated": updated,
            "can_apply": can_apply,
            "form": form,
            "needs_confirmation": report.get("deactivation_share", 0)
            > roster_plan.CONFIRM_DEACTIVATION_SHARE,
            "share_percent": round(100 * report.get("deactivation_share", 0)),
            "sample": roster_plan.REPORT_SAMPLE,
        },
    )


@require_GET
@never_cache
def roster_import_status(request, import_id: int):
    """Progress for the import page's bar (polled every second while the job runs)."""
    record = _import_or_404(request, import_id)
    return JsonResponse(
        {"status": record.status, "progress": record.progress, "finished": record.is_finished}
    )


@require_POST
def roster_import_apply(request, import_id: int):
    """Queue the apply of a checked import with the choices ticked on its page."""
    record = _import_or_404(request, import_id)
    form = RosterApplyForm(request.POST)
    if form.is_valid():
        roster_load.roster_import_apply(
            roster_import=record,
            allow_errors=form.cleaned_data["allow_errors"],
            confirm_deactivation=form.cleaned_data["confirm_deactivation"],
        )
    return redirect("people:roster_import", import_id=record.pk)
