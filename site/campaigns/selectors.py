"""Reads for HR's compliance dashboard. Every office these functions accept has already
passed the HR scope (`netra.people.selectors.scoped_office`); lists of employees are
additionally filtered by the scope here, so a wrong office id can never widen what an
officer sees. Counters come from `OfficeRollup` (O(offices shown)), never from a count of
employees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from netra.people.models import EmploymentType, Office
from netra.people.selectors import Scope

from . import rollups, rules, sources
from .models import CampaignCourse, CampaignProgress, ElectionPeriod, OfficeRollup, ReminderLog


def tracked_periods() -> list[ElectionPeriod]:
    return list(ElectionPeriod.objects.filter(tracked=True).order_by("-voting_day"))


def default_period(periods: list[ElectionPeriod], today: dt.date) -> ElectionPeriod | None:
    """The campaign HR most likely means: the next deadline still ahead, else the latest."""
    ahead = [p for p in periods if p.deadline and p.deadline >= today]
    if ahead:
        return min(ahead, key=lambda p: p.deadline)
    return periods[0] if periods else None


def period_or_none(period_id) -> ElectionPeriod | None:
    if not str(period_id).isdigit():
        return None
    return ElectionPeriod.objects.filter(pk=period_id, tracked=True).first()


@dataclass(frozen=True)
class CourseChoice:
    scope: int
    title: str


def course_choices(period: ElectionPeriod) -> list[CourseChoice]:
    rows = (
        CampaignCourse.objects.filter(period=period)
        .select_related("course")
        .order_by("sort_order", "slot")
    )
    return [CourseChoice(row.slot + 1, row.course.title) for row in rows]


@dataclass(frozen=True)
class Filters:
    """Dashboard filters, parsed from the query string and checked against real values."""

    employment_types: tuple[str, ...] = ()
    scope: int = rules.OVERALL
    status: str = ""
    sort: str = "nama"

    @classmethod
    def parse(cls, params, courses: list[CourseChoice]) -> Filters:
        kinds = tuple(k for k in params.getlist("jenis") if k in EmploymentType.values)
        scope = params.get("kursus", "")
        scopes = {str(c.scope): c.scope for c in courses}
        status = params.get("status", "")
        return cls(
            employment_types=kinds,
            scope=scopes.get(scope, rules.OVERALL),
            status=status if status in rules.Status.__members__.values() else "",
            sort=params.get("urut") if params.get("urut") in SORTS else "nama",
        )

    def as_query(self) -> dict:
        query = {"jenis": list(self.employment_types)}
        if self.scope:
            query["kursus"] = self.scope
        if self.status:
            query["status"] = self.status
        if self.sort != "nama":
            query["urut"] = self.sort
        return query


SORTS = {"nama", "terburuk", "terbaik", "jumlah"}


@dataclass(frozen=True)
class OfficeRow:
    office: Office
    summary: rules.Summary
    direct: bool = False  # the employees placed directly in the office, not in a child

    @property
    def has_children(self) -> bool:
        return self.office.numchild > 0 and not self.direct


def _counts(period: ElectionPeriod, office_ids: list[int], filters: Filters) -> dict:
    qs = OfficeRollup.objects.filter(period=period, office_id__in=office_ids, scope=filters.scope)
    if filters.employment_types:
        qs = qs.filter(employment_type__in=filters.employment_types)
    sums = qs.values("office_id").annotate(
        h=Sum("headcount"), s=Sum("started"), c=Sum("completed"), p=Sum("pact_signed")
    )
    return {r["office_id"]: rules.Counts(r["h"], r["s"], r["c"], r["p"]) for r in sums}


def office_rows(
    period: ElectionPeriod, offices: list[Office], filters: Filters, *, today: dt.date
) -> list[OfficeRow]:
    counts = _counts(period, [o.pk for o in offices], filters)
    overdue = period.is_overdue(today)
    rows = [
        OfficeRow(o, rules.summarise(counts.get(o.pk, rules.Counts()), overdue=overdue))
        for o in offices
    ]
    return sort_rows(rows, filters.sort)


def sort_rows(rows: list[OfficeRow], sort: str) -> list[OfficeRow]:
    if sort == "terburuk":
        return sorted(rows, key=lambda r: (r.summary.percent_complete, -r.summary.headcount))
    if sort == "terbaik":
        return sorted(rows, key=lambda r: (-r.summary.percent_complete, r.office.name))
    if sort == "jumlah":
        return sorted(rows, key=lambda r: (-r.summary.headcount, r.office.name))
    return sorted(rows, key=lambda r: r.office.name)


def total_of(rows: list[OfficeRow], overdue: bool) -> rules.Summary:
    """The sum of some office rows (offices side by side, none inside another)."""
    counts = rules.Counts()
    for row in rows:
        s = row.summary
        counts = counts + rules.Counts(
            s.headcount, s.headcount - s.not_started, s.completed, s.pact_signed
        )
    return rules.summarise(counts, overdue=overdue)


@dataclass(frozen=True)
class Drilldown:
    office: Office
    total: rules.Summary
    rows: list[OfficeRow]


def drilldown(
    period: ElectionPeriod, office: Office, filters: Filters, *, today: dt.date
) -> Drilldown:
    """An office's total and one row per child office, plus a row for the employees placed
    directly in the office (its total minus its children's)."""
    children = list(
        Office.objects.filter(
            path__startswith=office.path, depth=office.depth + 1, is_active=True
        ).order_by("name")
    )
    counts = _counts(period, [office.pk, *(c.pk for c in children)], filters)
    overdue = period.is_overdue(today)
    total = counts.get(office.pk, rules.Counts())
    below = rules.Counts()
    rows = []
    for child in children:
        c = counts.get(child.pk, rules.Counts())
        below = below + c
        rows.append(OfficeRow(child, rules.summarise(c, overdue=overdue)))
    rows = sort_rows(rows, filters.sort)
    direct = total + below.scaled(-1)
    if direct.headcount:
        rows.append(OfficeRow(office, rules.summarise(direct, overdue=overdue), direct=True))
    return Drilldown(office, rules.summarise(total, overdue=overdue), rows)


def breadcrumbs(office: Office, scope: Scope) -> list[Office]:
    """The office's ancestors the user may see (an HR officer's trail starts at their own
    assigned office), then the office."""
    paths = [p for p in office.ancestor_paths() if scope.covers(p)]
    return list(Office.objects.filter(path__in=paths).order_by("depth"))


@dataclass(frozen=True)
class Renewal:
    """An open "perlu diperbarui": a regulation update sent the employee back to a course
    or asked them to sign a pact again (`what` names it), and why."""

    what: str
    reason: str


@dataclass(frozen=True)
class EmployeeRow:
    progress: CampaignProgress
    status: rules.Status
    overdue: bool
    renewals: tuple[Renewal, ...] = ()


def employees(
    period: ElectionPeriod,
    office: Office,
    scope: Scope,
    filters: Filters,
    *,
    direct: bool = False,
    today: dt.date,
) -> QuerySet[CampaignProgress]:
    """Progress rows of the active employees under (or `direct`ly in) the office, in the
    scope, filtered; the status filter is applied in SQL from the state columns."""
    qs = CampaignProgress.objects.filter(period=period, is_active=True).filter(
        scope.q("office_path")
    )
    qs = qs.filter(office=office) if direct else qs.filter(office_path__startswith=office.path)
    if filters.employment_types:
        qs = qs.filter(employment_type__in=filters.employment_types)
    qs = _filter_status(qs, filters)
    return qs.select_related("employee", "office").order_by("employee__name", "employee_id")


def _filter_status(qs, filters: Filters):
    if not filters.status:
        return qs
    if filters.scope:
        bit = 1 << (filters.scope - 1)
        qs = qs.annotate(
            _done=F("completed_mask").bitand(bit),
            _began=F("started_mask").bitor(F("completed_mask")).bitand(bit),
        )
        done, started = Q(_done__gt=0), Q(_began__gt=0)
    else:
        done = Q(completed_at__isnull=False)
        started = ~Q(started_mask=0) | ~Q(completed_mask=0) | Q(pact_signed_at__isnull=False)
    wanted = {
        rules.Status.COMPLETED: done,
        rules.Status.IN_PROGRESS: started & ~done,
        rules.Status.NOT_STARTED: ~started,
    }[rules.Status(filters.status)]
    return qs.filter(wanted)


def requirements_of(period: ElectionPeriod) -> rules.Requirements:
    return rollups.requirements(period.pk)


def renewals_for(user_ids) -> dict[int, tuple[Renewal, ...]]:
    """Open renewals per user id, for rows already in the viewer's scope: one query per
    app that records them (`sources.renewal_facts`), whatever the number of rows."""
    found: dict[int, list[Renewal]] = {}
    for user_id, what, reason in sources.renewal_facts([u for u in user_ids if u]):
        found.setdefault(user_id, []).append(Renewal(what, reason))
    return {user_id: tuple(items) for user_id, items in found.items()}


def employee_rows(
    period: ElectionPeriod,
    progress_rows,
    filters: Filters,
    *,
    today: dt.date,
    with_renewals: bool = False,
) -> list[EmployeeRow]:
    """Status per employee; `with_renewals` adds their open "perlu diperbarui" (the HR
    list and its exports show it: one query per recording app per call)."""
    req = requirements_of(period)
    overdue = period.is_overdue(today)
    progress_rows = list(progress_rows)
    renewals = renewals_for(row.employee.user_id for row in progress_rows) if with_renewals else {}
    out = []
    for row in progress_rows:
        state = rules.State(row.started_mask, row.completed_mask, row.pact_signed_at is not None)
        status = (
            rules.course_status(state, filters.scope - 1)
            if filters.scope
            else rules.status(state, req)
        )
        out.append(
            EmployeeRow(
                row,
                status,
                overdue and status != rules.Status.COMPLETED,
                renewals.get(row.employee.user_id, ()),
            )
        )
    return out


def employee_progress(period: ElectionPeriod, scope: Scope, employee_id) -> CampaignProgress | None:
    if not str(employee_id).isdigit():
        return None
    return (
        CampaignProgress.objects.filter(period=period, employee_id=employee_id)
        .filter(scope.q("office_path"))
        .select_related("employee", "office", "employee__user")
        .first()
    )


def reminders_of(period: ElectionPeriod, scope: Scope, *, office: Office | None = None):
    qs = ReminderLog.objects.filter(period=period).filter(scope.q("office_path"))
    if office is not None:
        qs = qs.filter(office_path__startswith=office.path)
    return qs.select_related("employee", "office", "requested_by")


def today() -> dt.date:
    return timezone.localdate()
