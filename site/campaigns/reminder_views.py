"""HR's reminders: a confirmation page saying how many people would be emailed, the POST
that queues the run (`reminders.reminders_request`), and the reminder log. Same scope rule
as the pages in `views.py`: every office asked about must lie in the officer's scope, or
the answer is 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from netra.people.selectors import scope_top_offices, scoped_office

from . import reminders, selectors
from .access import period_or_404, scope_or_404

PAGE_SIZE = 50
# More offices than this in one request is not a click on the dashboard.
MAX_OFFICES = 50


def _offices_or_404(scope, office_ids: list[str]):
    """The offices asked about (`unit=` repeated), each inside the scope; none means the
    dashboard's first page: the officer's assigned offices (every agency for a
    superuser)."""
    if not office_ids:
        return list(scope_top_offices(scope))
    office_ids = list(dict.fromkeys(office_ids))
    if len(office_ids) > MAX_OFFICES:
        raise Http404
    offices = []
    for office_id in office_ids:
        office = scoped_office(scope, office_id)
        if office is None:
            raise Http404
        offices.append(office)
    return offices


def _log_url(period, offices, unit_ids) -> str:
    url = reverse("campaigns:reminders", args=[period.pk])
    return f"{url}?{urlencode({'unit': offices[0].pk})}" if len(unit_ids) == 1 else url


@require_GET
@never_cache
def remind_confirm(request, period_id):
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    unit_ids = request.GET.getlist("unit")
    offices = _offices_or_404(scope, unit_ids)
    audience = reminders.reminders_preview(period=period, offices=offices, scope=scope)
    return render(
        request,
        "campaigns/remind_confirm.html",
        {
            "period": period,
            "offices": offices,
            "audience": audience,
            "breadcrumbs": (selectors.breadcrumbs(offices[0], scope) if len(offices) == 1 else []),
            "back_url": _back_url(period, offices, unit_ids),
        },
    )


def _back_url(period, offices, unit_ids) -> str:
    if len(unit_ids) == 1:
        return reverse("campaigns:office", args=[period.pk, offices[0].pk])
    return reverse("campaigns:overview", args=[period.pk])


@require_POST
@never_cache
def remind(request, period_id):
    """Queue the reminders. A second click finds nobody due (the first run claimed them)
    or the same request still queued, sends nothing, and says so."""
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    unit_ids = request.POST.getlist("unit")
    offices = _offices_or_404(scope, unit_ids)
    audience = reminders.reminders_preview(period=period, offices=offices, scope=scope)
    if not audience.due:
        messages.info(
            request,
            _(
                "Tidak ada pengingat baru yang dikirim: semua yang belum selesai sudah "
                "diingatkan dalam 24 jam terakhir atau tidak memiliki alamat email."
            ),
        )
    elif not reminders.reminders_request(period=period, offices=offices, requested_by=request.user):
        messages.info(
            request,
            _("Pengingat untuk unit ini sudah diminta dan sedang dikirim; tidak dikirim dua kali."),
        )
    else:
        messages.success(
            request,
            ngettext(
                "Pengingat sedang dikirim kepada %(n)d pegawai…",
                "Pengingat sedang dikirim kepada %(n)d pegawai…",
                audience.due,
            )
            % {"n": audience.due},
        )
    return redirect(_log_url(period, offices, unit_ids))


@require_GET
@never_cache
def reminder_log(request, period_id):
    """Who was reminded when, newest first, limited to the scope (and to one office's
    subtree with `unit=`)."""
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    office = None
    if "unit" in request.GET:
        office = scoped_office(scope, request.GET.get("unit"))
        if office is None:
            raise Http404
    entries = (
        selectors.reminders_of(period, scope, office=office)
        .select_related("requested_by__employee")
        .order_by("-sent_at", "-pk")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "campaigns/reminders.html",
        {
            "period": period,
            "office": office,
            "page": page,
            "breadcrumbs": selectors.breadcrumbs(office, scope) if office else [],
        },
    )
