"""Set a campaign up from what is already recorded: progress rows for every active
employee, their course and pact facts, then counters recounted from scratch. Idempotent;
run when a campaign is created or its required courses or pact change."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from netra.people.models import Employee

from . import progress, rollups, rules, sources
from .models import CampaignCourse, CampaignProgress, ElectionPeriod

CHUNK = 5000


@dataclass(frozen=True)
class RebuildResult:
    period_id: int
    rows_created: int
    rows_changed: int
    counters: int

    def as_dict(self) -> dict:
        return asdict(self)


def _states(period: ElectionPeriod) -> dict[int, rules.State]:
    """Each employee's state from the facts, keyed by employee id (employees with no fact
    are absent: zero state)."""
    slots = dict(CampaignCourse.objects.filter(period=period).values_list("course_id", "slot"))
    by_user: dict[int, list] = {}
    for user_id, course_id, completed in sources.course_facts(list(slots)):
        started, done = by_user.setdefault(user_id, [0, 0, False])[:2]
        bit = 1 << slots[course_id]
        by_user[user_id][0] = started | bit
        by_user[user_id][1] = done | (bit if completed else 0)
    if period.pact_id:
        for user_id in sources.pact_facts(period.pact_id):
            by_user.setdefault(user_id, [0, 0, False])[2] = True
    employees = dict(
        Employee.objects.filter(user_id__in=list(by_user), is_active=True).values_list(
            "user_id", "pk"
        )
    )
    return {
        employees[user_id]: rules.State(*facts)
        for user_id, facts in by_user.items()
        if user_id in employees
    }


def rebuild(period_id: int) -> RebuildResult:
    period = ElectionPeriod.objects.get(pk=period_id)
    created = progress.period_setup(period_id)
    req = rollups.requirements(period_id)
    states = _states(period)
    changed = 0
    now = timezone.now()
    rows = CampaignProgress.objects.filter(period_id=period_id).only(
        "pk",
        "employee_id",
        "started_mask",
        "completed_mask",
        "pact_signed_at",
        "started_at",
        "completed_at",
    )
    pending = []
    for row in rows.iterator(chunk_size=CHUNK):
        want = states.get(row.employee_id, rules.State())
        have = rules.State(row.started_mask, row.completed_mask, row.pact_signed_at is not None)
        if want == have:
            continue
        row.started_mask, row.completed_mask = want.started_mask, want.completed_mask
        if want.pact_signed != have.pact_signed:
            row.pact_signed_at = now if want.pact_signed else None
        complete = rules.is_complete(want, req)
        row.completed_at = (row.completed_at or now) if complete else None
        row.started_at = (row.started_at or now) if rules.is_started(want) else None
        row.updated_at = now
        pending.append(row)
        if len(pending) >= CHUNK:
            changed += _save(pending)
            pending = []
    changed += _save(pending)
    result = rollups.reconcile(period_id, fix=True)
    return RebuildResult(period_id, created, changed, result.rows)


def _save(rows) -> int:
    fields = ["started_mask", "completed_mask", "pact_signed_at", "completed_at"]
    fields += ["started_at", "updated_at"]
    with transaction.atomic():
        CampaignProgress.objects.bulk_update(rows, fields, batch_size=1000)
    return len(rows)
