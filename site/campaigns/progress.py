"""Writes for campaign progress: the only code that changes `CampaignProgress` rows.

The course and pact apps call `course_progress` and `pact_progress` when a learner starts
or completes a course, or signs a pact (or loses either: renewal, revocation); the people
app's `employees_changed` and `office_moved` signals keep the copied office and employment
type in step. Every change of state appends its deltas in the same transaction and queues a
fold after commit, so HR's counters follow within seconds without a shared counter row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from netra.home.db import prepared_cursor
from netra.people.models import Employee, Office

from . import rollups, rules
from .models import CampaignCourse, CampaignProgress, ElectionPeriod, ProgressDelta


@dataclass(frozen=True)
class Change:
    """What to do to a state: OR these bits in, keep only `keep` of the completed bits,
    and set (True), clear (False) or leave (None) the pact."""

    started: int = 0
    completed: int = 0
    keep: int = -1
    pact: bool | None = None

    def apply(self, state: rules.State) -> rules.State:
        return rules.State(
            state.started_mask | self.started | self.completed,
            (state.completed_mask & self.keep) | self.completed,
            state.pact_signed if self.pact is None else self.pact,
        )


def _tracked_requirements(period_ids: Iterable[int]) -> dict[int, rules.Requirements]:
    period_ids = set(period_ids)
    pacts = dict(
        ElectionPeriod.objects.filter(pk__in=period_ids, tracked=True).values_list("pk", "pact_id")
    )
    slots: dict[int, list[int]] = {pk: [] for pk in pacts}
    for period_id, slot in CampaignCourse.objects.filter(period_id__in=pacts).values_list(
        "period_id", "slot"
    ):
        slots[period_id].append(slot)
    return {pk: rules.Requirements(tuple(sorted(slots[pk])), pacts[pk] is not None) for pk in pacts}


def _employee_ids(user_ids: Iterable[int]) -> list[int]:
    return list(
        Employee.objects.filter(user_id__in=list(user_ids), is_active=True).values_list(
            "pk", flat=True
        )
    )


def course_progress(*, user_id: int, course_id: int, completed: bool) -> int:
    """The learner started (`completed=False`) or completed a course; or, after a renewal,
    has it to do again (`completed=False` clears the completion). Returns the number of
    campaign rows changed."""
    return course_progress_many(user_ids=[user_id], course_id=course_id, completed=completed)


def course_progress_many(*, user_ids: Iterable[int], course_id: int, completed: bool) -> int:
    """`course_progress` for many learners of one course (a renewal of thousands after a
    regulation update): the employees, slots and requirements are read once, then one
    statement per employee and campaign on PostgreSQL."""
    employees = _employee_ids(user_ids)
    if not employees:
        return 0
    slots = dict(
        CampaignCourse.objects.filter(course_id=course_id, period__tracked=True).values_list(
            "period_id", "slot"
        )
    )
    changed = 0
    for period_id, req in _tracked_requirements(slots).items():
        bit = 1 << slots[period_id]
        change = Change(completed=bit) if completed else Change(started=bit, keep=~bit)
        for employee_id in employees:
            changed += _apply(period_id, req, employee_id, change)
    return changed


def pact_progress_many(*, user_ids: Iterable[int], pact_id: int, signed: bool) -> int:
    """`pact_progress` for many learners of one pact (a new version after a regulation
    update asks thousands to sign again)."""
    employees = _employee_ids(user_ids)
    if not employees:
        return 0
    periods = ElectionPeriod.objects.filter(pact_id=pact_id, tracked=True).values_list(
        "pk", flat=True
    )
    changed = 0
    for period_id, req in _tracked_requirements(periods).items():
        for employee_id in employees:
            changed += _apply(period_id, req, employee_id, Change(pact=signed))
    return changed


def pact_progress(*, user_id: int, pact_id: int, signed: bool) -> int:
    """The learner signed the current version of a pact (or lost that signature)."""
    return pact_progress_many(user_ids=[user_id], pact_id=pact_id, signed=signed)


def apply_change(period_id: int, employee_id: int, change: Change) -> int:
    """Apply a change to one employee's row directly (demo seed, benchmarks, tests); the
    product's own paths go through `course_progress` and `pact_progress`."""
    req = _tracked_requirements([period_id]).get(period_id)
    return 0 if req is None else _apply(period_id, req, employee_id, change)


def _apply(period_id: int, req: rules.Requirements, employee_id: int, change: Change) -> int:
    if connection.vendor == "postgresql":
        # One statement is atomic by itself: no BEGIN/COMMIT (or savepoint) around it.
        written = _apply_sql(period_id, req, employee_id, change)
        if written is not None:
            if written:
                transaction.on_commit(rollups.schedule_fold)
            return int(written)
    with transaction.atomic():
        written = _apply_orm(period_id, req, employee_id, change)
        if written is None:  # no row yet: the employee joined after the campaign was set up
            _ensure_rows(period_id, [employee_id])
            written = _apply_orm(period_id, req, employee_id, change)
        if written:
            transaction.on_commit(rollups.schedule_fold)
        return int(bool(written))


def _move_delta(period_id: int, row, old: rules.State, new: rules.State) -> ProgressDelta:
    """One employee leaving state `old` for `new` at the row's office."""
    return ProgressDelta(
        period_id=period_id,
        office_id=row.office_id,
        employment_type=row.employment_type,
        started_mask=new.started_mask,
        completed_mask=new.completed_mask,
        pact_signed=new.pact_signed,
        weight=1,
        from_started_mask=old.started_mask,
        from_completed_mask=old.completed_mask,
        from_pact_signed=old.pact_signed,
    )


def _apply_orm(period_id, req, employee_id, change) -> bool | None:
    row = (
        CampaignProgress.objects.select_for_update()
        .filter(period_id=period_id, employee_id=employee_id)
        .first()
    )
    if row is None:
        return None
    old = rules.State(row.started_mask, row.completed_mask, row.pact_signed_at is not None)
    new = change.apply(old)
    if new == old:
        return False
    now = timezone.now()
    row.started_mask, row.completed_mask = new.started_mask, new.completed_mask
    if new.pact_signed != old.pact_signed:
        row.pact_signed_at = now if new.pact_signed else None
    row.started_at = row.started_at or now
    complete = rules.is_complete(new, req)
    row.completed_at = (row.completed_at or now) if complete else None
    row.updated_at = now
    row.save()
    if row.is_active:
        _move_delta(period_id, row, old, new).save()
    return True


# One statement on PostgreSQL, in one round trip (bench/rollup.py compares it with the
# bare UPDATE), and no row lock taken before it: the UPDATE copies the old state into the
# row's prev_* columns while it writes the new one, so RETURNING has both (an UPDATE's SET
# reads the row version it updates, also after waiting for a concurrent writer), and one
# delta moves the employee from the old state to the new one. A change that changes
# nothing writes nothing.
_NEW_PACT_SQL = """CASE %(pact)s::int WHEN 1 THEN COALESCE(pact_signed_at, %(now)s::timestamptz)
                        WHEN 0 THEN NULL ELSE pact_signed_at END"""
_APPLY_SQL = f"""
WITH upd AS (
    UPDATE campaigns_campaignprogress
    SET prev_started_mask = started_mask,
        prev_completed_mask = completed_mask,
        prev_pact_signed = pact_signed_at IS NOT NULL,
        started_mask = started_mask | %(started)s::int | %(completed)s::int,
        completed_mask = (completed_mask & %(keep)s::int) | %(completed)s::int,
        pact_signed_at = {_NEW_PACT_SQL},
        started_at = COALESCE(started_at, %(now)s::timestamptz),
        completed_at = CASE
            WHEN (((completed_mask & %(keep)s::int) | %(completed)s::int) & %(full)s::int)
                 = %(full)s::int
                 AND ({_NEW_PACT_SQL} IS NOT NULL OR NOT %(pact_required)s::boolean)
            THEN COALESCE(completed_at, %(now)s::timestamptz) END,
        updated_at = %(now)s::timestamptz
    WHERE period_id = %(period)s::bigint AND employee_id = %(employee)s::bigint
      AND (started_mask | %(started)s::int | %(completed)s::int,
           (completed_mask & %(keep)s::int) | %(completed)s::int,
           {_NEW_PACT_SQL} IS NOT NULL)
          IS DISTINCT FROM (started_mask, completed_mask, pact_signed_at IS NOT NULL)
    RETURNING office_id, employment_type, is_active, prev_started_mask, prev_completed_mask,
              prev_pact_signed, started_mask, completed_mask, pact_signed_at IS NOT NULL AS pact
), ins AS (
    INSERT INTO campaigns_progressdelta
        (period_id, office_id, employment_type, started_mask, completed_mask, pact_signed,
         weight, from_started_mask, from_completed_mask, from_pact_signed)
    SELECT %(period)s::bigint, office_id, employment_type, started_mask, completed_mask,
           pact, 1,
           prev_started_mask, prev_completed_mask, prev_pact_signed
    FROM upd WHERE is_active
)
SELECT COUNT(*) FROM upd
"""  # noqa: S608 - interpolates only the constant above  # nosec B608
_EXISTS_SQL = (
    "SELECT EXISTS (SELECT 1 FROM campaigns_campaignprogress "
    "WHERE period_id = %s AND employee_id = %s)"
)


def _apply_sql(period_id, req, employee_id, change) -> bool | None:
    params = {
        "period": period_id,
        "employee": employee_id,
        "started": change.started,
        "completed": change.completed,
        "keep": change.keep,
        "pact": None if change.pact is None else int(change.pact),
        "now": timezone.now(),
        "full": req.full_mask,
        "pact_required": req.pact_required,
    }
    with prepared_cursor() as cursor:
        # nosemgrep: netra-sql-string-formatting (model metadata only)
        cursor.execute(_APPLY_SQL, params)
        (updated,) = cursor.fetchone()
        if updated:
            return True
        # Nothing changed: a change already made, or no row yet (None: the caller adds it).
        cursor.execute(_EXISTS_SQL, [period_id, employee_id])
        (found,) = cursor.fetchone()
    return False if found else None


# -- roster and office changes ------------------------------------------------------------


def _ensure_rows(period_id: int, employee_ids: list[int]) -> int:
    """Create the missing progress rows (zero state) for active employees, with their
    headcount deltas."""
    have = set(
        CampaignProgress.objects.filter(
            period_id=period_id, employee_id__in=employee_ids
        ).values_list("employee_id", flat=True)
    )
    employees = Employee.objects.filter(pk__in=set(employee_ids) - have, is_active=True).values(
        "pk", "office_id", "office__path", "employment_type"
    )
    rows, deltas = [], []
    now = timezone.now()
    for e in employees:
        rows.append(
            CampaignProgress(
                period_id=period_id,
                employee_id=e["pk"],
                office_id=e["office_id"],
                office_path=e["office__path"],
                employment_type=e["employment_type"],
                updated_at=now,
            )
        )
        deltas.append(_zero_delta(period_id, e["office_id"], e["employment_type"], 1))
    CampaignProgress.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    ProgressDelta.objects.bulk_create(deltas, batch_size=2000)
    return len(rows)


def _zero_delta(period_id, office_id, employment_type, weight, state=None):
    state = state or rules.State()
    return ProgressDelta(
        period_id=period_id,
        office_id=office_id,
        employment_type=employment_type,
        started_mask=state.started_mask,
        completed_mask=state.completed_mask,
        pact_signed=state.pact_signed,
        weight=weight,
    )


def employees_sync(employee_ids: Iterable[int], *, chunk: int = 2000) -> int:
    """Bring the progress rows of these employees in line with the roster: office, path,
    employment type, active or not. A change moves the employee's state out of the old
    counters and into the new ones. Returns the number of rows written."""
    employee_ids = sorted(set(employee_ids))
    periods = list(ElectionPeriod.objects.filter(tracked=True).values_list("pk", flat=True))
    written = 0
    for start in range(0, len(employee_ids), chunk):
        ids = employee_ids[start : start + chunk]
        with transaction.atomic():
            for period_id in periods:
                written += _sync_chunk(period_id, ids)
        transaction.on_commit(rollups.schedule_fold)
    return written


def _sync_chunk(period_id: int, ids: list[int]) -> int:
    employees = {
        e["pk"]: e
        for e in Employee.objects.filter(pk__in=ids).values(
            "pk", "office_id", "office__path", "employment_type", "is_active"
        )
    }
    rows = CampaignProgress.objects.select_for_update().filter(
        period_id=period_id, employee_id__in=ids
    )
    changed, deltas = [], []
    seen = set()
    for row in rows:
        seen.add(row.employee_id)
        e = employees.get(row.employee_id)
        if e is None:
            continue
        now = (row.office_id, row.office_path, row.employment_type, row.is_active)
        then = (e["office_id"], e["office__path"], e["employment_type"], e["is_active"])
        if now == then:
            continue
        state = rules.State(row.started_mask, row.completed_mask, row.pact_signed_at is not None)
        if row.is_active:
            deltas.append(_zero_delta(period_id, row.office_id, row.employment_type, -1, state))
        row.office_id, row.office_path, row.employment_type, row.is_active = then
        row.updated_at = timezone.now()
        if row.is_active:
            deltas.append(_zero_delta(period_id, row.office_id, row.employment_type, 1, state))
        changed.append(row)
    CampaignProgress.objects.bulk_update(
        changed, ["office_id", "office_path", "employment_type", "is_active", "updated_at"]
    )
    ProgressDelta.objects.bulk_create(deltas, batch_size=2000)
    created = _ensure_rows(period_id, [pk for pk in employees if pk not in seen])
    return len(changed) + created


def office_moving() -> None:
    """Call inside the move's transaction, before the tree changes: fold what is pending
    under the old paths and hold the rollup lock until the move commits."""
    rollups.lock()
    rollups.fold()


def office_moved(*, office_id: int, old_path: str, new_path: str) -> None:
    """Call inside the move's transaction, after the tree changed (and after
    `office_moving`): carry the subtree's counters from the old ancestors to the new ones
    and rewrite the copied paths."""
    step = Office.steplen
    old_prefixes = [old_path[:i] for i in range(step, len(old_path), step)]
    new_prefixes = [new_path[:i] for i in range(step, len(new_path), step)]
    # The old ancestors keep their paths (a move only renames the moved subtree).
    ids = dict(
        Office.objects.filter(path__in=old_prefixes + new_prefixes).values_list("path", "pk")
    )
    office = Office.objects.get(pk=office_id)
    rollups.move_counters(office, [ids[p] for p in old_prefixes], [ids[p] for p in new_prefixes])
    table = CampaignProgress._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            # nosemgrep: netra-sql-string-formatting (model metadata only)
            f"UPDATE {table} SET office_path = %s || SUBSTR(office_path, %s) "  # noqa: S608  # nosec B608
            "WHERE office_path LIKE %s",
            [new_path, len(old_path) + 1, old_path.replace("%", r"\%") + "%"],
        )


def period_setup(period_id: int) -> int:
    """Create the progress rows of every active employee for a campaign (idempotent); the
    facts already recorded (courses done, pacts signed) are filled in by `rebuild`."""
    table = CampaignProgress._meta.db_table
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            # nosemgrep: netra-sql-string-formatting (model metadata only)
            f"INSERT INTO {table} (period_id, employee_id, office_id, office_path, "  # noqa: S608  # nosec B608
            "employment_type, is_active, started_mask, completed_mask, updated_at) "
            "SELECT %s, e.id, e.office_id, o.path, e.employment_type, TRUE, 0, 0, %s "
            "FROM people_employee e JOIN people_office o ON o.id = e.office_id "
            f"WHERE e.is_active AND NOT EXISTS (SELECT 1 FROM {table} p "
            "WHERE p.period_id = %s AND p.employee_id = e.id)",
            [period_id, now, period_id],
        )
        return cursor.rowcount
