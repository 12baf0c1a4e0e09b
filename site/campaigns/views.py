"""HR compliance dashboard: thin views over `selectors.py`.

Every view resolves the user's scope first (`people.selectors.hr_scope`) and answers 404 for
anything outside it, so an officer cannot even learn that another office's ids exist.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from netra.people.models import EmploymentType
from netra.people.selectors import scope_top_offices, scoped_office

from . import rules, selectors
from .access import period_or_404, scope_or_404

PAGE_SIZE = 50


def _context(request, period, scope, **extra):
    today = selectors.today()
    courses = selectors.course_choices(period)
    filters = selectors.Filters.parse(request.GET, courses)
    context = {
        "period": period,
        "periods": selectors.tracked_periods(),
        "courses": courses,
        "filters": filters,
        "employment_types": EmploymentType.choices,
        "statuses": [(s.value, s.label) for s in rules.Status],
        "days_left": rules.days_left(period.deadline, today),
        "overdue": period.is_overdue(today),
        "today": today,
        "scope": scope,
    }
    context.update(extra)
    return context, filters, today


@require_GET
@never_cache
def dashboard(request):
    """The campaign HR most likely means, starting at their own offices."""
    scope_or_404(request)
    periods = selectors.tracked_periods()
    chosen = selectors.period_or_none(request.GET.get("periode", ""))
    period = chosen or selectors.default_period(periods, selectors.today())
    if period is None:
        return render(request, "campaigns/no_campaign.html", status=200)
    return redirect("campaigns:overview", period_id=period.pk)


@require_GET
@never_cache
def overview(request, period_id):
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    context, filters, today = _context(request, period, scope)
    tops = list(scope_top_offices(scope))
    if len(tops) == 1 and not scope.everything:
        return redirect(_office_url(period, tops[0], request))
    rows = selectors.office_rows(period, tops, filters, today=today)
    context.update(rows=rows, total=selectors.total_of(rows, context["overdue"]), office=None)
    return render(request, "campaigns/dashboard.html", context)


def _office_url(period, office, request) -> str:
    url = reverse("campaigns:office", args=[period.pk, office.pk])
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


@require_GET
@never_cache
def office(request, period_id, office_id):
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    office = scoped_office(scope, office_id)
    if office is None:
        raise Http404
    context, filters, today = _context(request, period, scope)
    drill = selectors.drilldown(period, office, filters, today=today)
    context.update(
        office=office,
        rows=drill.rows,
        total=drill.total,
        breadcrumbs=selectors.breadcrumbs(office, scope),
    )
    return render(request, "campaigns/dashboard.html", context)


@require_GET
@never_cache
def employees(request, period_id, office_id):
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    office = scoped_office(scope, office_id)
    if office is None:
        raise Http404
    context, filters, today = _context(request, period, scope)
    direct = request.GET.get("langsung") == "1"
    rows = selectors.employees(period, office, scope, filters, direct=direct, today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context.update(
        office=office,
        direct=direct,
        page=page,
        rows=selectors.employee_rows(
            period, page.object_list, filters, today=today, with_renewals=True
        ),
        breadcrumbs=selectors.breadcrumbs(office, scope),
        query=filters.as_query() | ({"langsung": "1"} if direct else {}),
    )
    return render(request, "campaigns/employees.html", context)


@require_GET
@never_cache
def employee(request, period_id, employee_id):
    scope = scope_or_404(request)
    period = period_or_404(period_id)
    progress = selectors.employee_progress(period, scope, employee_id)
    if progress is None:
        raise Http404
    context, _filters, _today = _context(request, period, scope)
    req = selectors.requirements_of(period)
    state = rules.State(
        progress.started_mask, progress.completed_mask, progress.pact_signed_at is not None
    )
    context.update(
        progress=progress,
        status=rules.status(state, req),
        course_rows=[
            (course, rules.course_status(state, course.scope - 1)) for course in context["courses"]
        ],
        reminders=selectors.reminders_of(period, scope).filter(employee=progress.employee)[:20],
        renewals=selectors.renewals_for([progress.employee.user_id]).get(
            progress.employee.user_id, ()
        ),
        breadcrumbs=selectors.breadcrumbs(progress.office, scope),
        title=_("Kepatuhan pegawai"),
    )
    return render(request, "campaigns/employee.html", context)
