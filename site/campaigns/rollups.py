"""Per-office counters: fold the append-only deltas in, recount from scratch, reconcile.

Writers (`progress.py`) never update a counter: each change of an employee's state
appends two `ProgressDelta` rows (-1 old state, +1 new state) in the writer's own
transaction. `fold` runs every few seconds in the task worker: it sums the pending deltas,
turns states into counters with `rules.contribution`, adds them to the office and every
ancestor (read from the office tree at fold time, so a moved office counts where it is now)
and deletes what it folded. `recount` computes the same counters in SQL from the progress
rows; `reconcile` compares the two and can replace the counters.

Folds, reconciles and office moves serialise on one lock (an advisory lock on
PostgreSQL; SQLite serialises writers anyway).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from netra.people.models import Office

from . import rules
from .models import CampaignCourse, ElectionPeriod, OfficeRollup, ProgressDelta

log = logging.getLogger(__name__)

FOLD_SECONDS = 5  # deltas wait at most this long (plus one fold) before HR sees them
_FOLD_SCHEDULED = "campaigns:fold-scheduled"
_LOCK_KEY = 0x4E7472  # "Ntr": the advisory lock shared by folds, reconciles and moves
_STEP = Office.steplen

RollupKey = tuple[int, int, str, int]  # period, office, employment type, scope


def requirements(period_id: int) -> rules.Requirements:
    period = ElectionPeriod.objects.only("pact").get(pk=period_id)
    slots = CampaignCourse.objects.filter(period_id=period_id).values_list("slot", flat=True)
    return rules.Requirements(tuple(sorted(slots)), period.pact_required)


def lock() -> None:
    """Take the rollup lock until the end of the current transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _ancestors(office_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each office's id and its ancestors' ids, from the current tree."""
    paths = dict(Office.objects.filter(pk__in=set(office_ids)).values_list("pk", "path"))
    prefixes = {p[:i] for p in paths.values() for i in range(_STEP, len(p) + 1, _STEP)}
    ids = dict(Office.objects.filter(path__in=prefixes).values_list("path", "pk"))
    return {
        office_id: [ids[path[:i]] for i in range(_STEP, len(path) + 1, _STEP)]
        for office_id, path in paths.items()
    }


_UPSERT_TAIL = (
    "ON CONFLICT (period_id, office_id, employment_type, scope) DO UPDATE SET "
    "headcount = {t}.headcount + excluded.headcount, "
    "started = {t}.started + excluded.started, "
    "completed = {t}.completed + excluded.completed, "
    "pact_signed = {t}.pact_signed + excluded.pact_signed"
)


def _add(counters: dict[RollupKey, rules.Counts]) -> None:
    """Add counters to the rollup rows, creating the missing ones. `+ excluded` adds to
    what is there, so nothing is read first. PostgreSQL takes a batch as arrays in one
    statement; SQLite one row per execution."""
    table = OfficeRollup._meta.db_table
    columns = "period_id, office_id, employment_type, scope, headcount, started, completed, "
    columns += "pact_signed"
    tail = _UPSERT_TAIL.format(t=table)
    rows = [
        (*key, c.headcount, c.started, c.completed, c.pact_signed)
        for key, c in sorted(counters.items())
        if not c.is_zero
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = (
                f"INSERT INTO {table} ({columns}) SELECT * FROM unnest("  # noqa: S608  # nosec B608
                "%s::bigint[], %s::bigint[], %s::varchar[], %s::smallint[], %s::int[], "
                f"%s::int[], %s::int[], %s::int[]) {tail}"
            )
            for start in range(0, len(rows), 10_000):
                batch = rows[start : start + 10_000]
                # nosemgrep: netra-sql-string-formatting (model metadata only)
                cursor.execute(sql, [list(column) for column in zip(*batch, strict=True)])
        else:
            sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) {tail}"  # noqa: S608  # nosec B608
            # nosemgrep: netra-sql-string-formatting (model metadata only)
            cursor.executemany(sql, rows)


@dataclass(frozen=True)
class FoldResult:
    deltas: int
    rows: int


_GROUP = ("period_id", "office_id", "employment_type", "started_mask", "completed_mask")
_GROUP += ("pact_signed",)


def fold(*, limit: int = 50_000) -> FoldResult:
    """Fold up to `limit` pending deltas of every campaign into the counters."""
    with transaction.atomic():
        lock()
        if connection.vendor == "postgresql":
            return _fold_sql(limit)
        groups, taken = _take_pending(limit)
        if not taken:
            return FoldResult(0, 0)
        counters = _counters(groups)
        _add(counters)
        return FoldResult(taken, len(counters))


# The counters one group of employees in one state adds to a scope: the SQL twin of
# `rules.contribution` (tests compare the two after random events on PostgreSQL).
_STARTED_SQL = (
    "CASE WHEN s.scope = 0 THEN "
    "CASE WHEN g.started_mask <> 0 OR g.completed_mask <> 0 OR g.pact = 1 THEN 1 ELSE 0 END "
    "ELSE ((g.started_mask | g.completed_mask) >> (s.scope - 1)) & 1 END"
)
_COMPLETED_SQL = (
    "CASE WHEN s.scope = 0 THEN CASE WHEN (g.completed_mask & s.full_mask) = s.full_mask "
    "AND (g.pact = 1 OR s.pact_required = 0) THEN 1 ELSE 0 END "
    "ELSE (g.completed_mask >> (s.scope - 1)) & 1 END"
)


def _scopes_sql(periods: dict[int, rules.Requirements]) -> str:
    rows = [
        f"SELECT {int(pk)} AS period_id, {scope} AS scope, {req.full_mask} AS full_mask, "
        f"{int(req.pact_required)} AS pact_required"
        for pk, req in periods.items()
        for scope in req.scopes
    ]
    return " UNION ALL ".join(rows)


def _levels_sql() -> str:
    depth = Office.objects.order_by("-depth").values_list("depth", flat=True).first() or 1
    return " UNION ALL ".join(f"SELECT {n} AS n" for n in range(1, depth + 1))


def _fold_sql(limit: int) -> FoldResult:
    """The whole fold in one PostgreSQL statement: delete the oldest deltas, sum them by
    state, spread them over each office's ancestors (paths read now) and the campaign's
    scopes, and add the sums to the counters. Nothing travels to Python."""
    periods = {pk: requirements(pk) for pk in ElectionPeriod.objects.values_list("pk", flat=True)}
    if not periods:
        return FoldResult(0, 0)
    delta, rollup = ProgressDelta._meta.db_table, OfficeRollup._meta.db_table
    columns = "period_id, office_id, employment_type, scope, headcount, started, completed, "
    columns += "pact_signed"
    statement = f"""
        WITH gone AS (
            DELETE FROM {delta} WHERE id IN (SELECT id FROM {delta} ORDER BY id LIMIT %s)
            RETURNING period_id, office_id, employment_type, started_mask, completed_mask,
                      pact_signed, weight, from_started_mask, from_completed_mask,
                      from_pact_signed
        ), moves AS (
            SELECT period_id, office_id, employment_type, started_mask, completed_mask,
                   pact_signed, weight FROM gone
            UNION ALL
            SELECT period_id, office_id, employment_type, from_started_mask,
                   from_completed_mask, from_pact_signed, -weight
            FROM gone WHERE from_started_mask IS NOT NULL
        ), g AS (
            SELECT period_id, office_id, employment_type, started_mask, completed_mask,
                   CASE WHEN pact_signed THEN 1 ELSE 0 END AS pact, SUM(weight) AS n
            FROM moves GROUP BY 1, 2, 3, 4, 5, 6
        ), s AS ({_scopes_sql(periods)}),
        levels AS ({_levels_sql()}),
        -- What each office's own employees add, per scope, zeros dropped before they are
        -- spread: most changes move the counters of one course, not of every scope.
        own AS (
            SELECT * FROM (
                SELECT g.period_id, g.office_id, g.employment_type, s.scope,
                       SUM(g.n) AS headcount, SUM(g.n * ({_STARTED_SQL})) AS started,
                       SUM(g.n * ({_COMPLETED_SQL})) AS completed,
                       SUM(g.n * g.pact) AS pact_signed
                FROM g JOIN s ON s.period_id = g.period_id
                GROUP BY g.period_id, g.office_id, g.employment_type, s.scope
            ) x
            WHERE headcount <> 0 OR started <> 0 OR completed <> 0 OR pact_signed <> 0
        ),
        -- Each office's ancestors (itself included), read once per office.
        anc AS MATERIALIZED (
            SELECT o.id AS office_id, a.id AS ancestor_id
            FROM (SELECT DISTINCT office_id FROM own) d
            JOIN people_office o ON o.id = d.office_id
            JOIN levels l ON l.n * {_STEP} <= LENGTH(o.path)
            JOIN people_office a ON a.path = SUBSTR(o.path, 1, l.n * {_STEP})
        ),
        sums AS (
            SELECT own.period_id, anc.ancestor_id AS office_id, own.employment_type, own.scope,
                   SUM(own.headcount) AS headcount, SUM(own.started) AS started,
                   SUM(own.completed) AS completed, SUM(own.pact_signed) AS pact_signed
            FROM own JOIN anc ON anc.office_id = own.office_id
            GROUP BY own.period_id, anc.ancestor_id, own.employment_type, own.scope
        ), ins AS (
            INSERT INTO {rollup} ({columns})
            SELECT * FROM sums
            WHERE headcount <> 0 OR started <> 0 OR completed <> 0 OR pact_signed <> 0
            {_UPSERT_TAIL.format(t=rollup)}
            RETURNING 1
        )
        SELECT (SELECT COUNT(*) FROM gone), (SELECT COUNT(*) FROM ins)
    """  # noqa: S608 - table names and integers computed here, the limit is a parameter  # nosec B608
    with connection.cursor() as cursor:
        # nosemgrep: netra-sql-string-formatting (model metadata only)
        cursor.execute(statement, [limit])
        taken, rows = cursor.fetchone()
    return FoldResult(taken, rows)


_FROM = ("from_started_mask", "from_completed_mask", "from_pact_signed")


def _moves(rows: Iterable[dict]) -> list[dict]:
    """Delta rows summed by group (with their `from_*` state) as plain groups: the
    employees entering each state count +weight, those leaving a `from_*` state -weight."""
    sums: dict[tuple, int] = defaultdict(int)
    for row in rows:
        sums[tuple(row[c] for c in _GROUP)] += row["weight"]
        if row["from_started_mask"] is not None:
            left = (*(row[c] for c in _GROUP[:3]), *(row[c] for c in _FROM))
            sums[left] -= row["weight"]
    return [{**dict(zip(_GROUP, key, strict=True)), "weight": n} for key, n in sums.items()]


def _grouped(deltas) -> list[dict]:
    return _moves(deltas.values(*_GROUP, *_FROM).annotate(weight=Sum("weight")))


def _take_pending(limit: int) -> tuple[list[dict], int]:
    """Delete the oldest pending deltas and return them summed by group, reading exactly
    the rows deleted (the ORM fold; PostgreSQL folds in one statement, `_fold_sql`).
    This transaction took SQLite's write lock at BEGIN (IMMEDIATE), so no writer commits
    between the read and the delete."""
    ids = list(ProgressDelta.objects.order_by("id").values_list("id", flat=True)[:limit])
    if not ids:
        return [], 0
    pending = ProgressDelta.objects.filter(id__lte=ids[-1])
    groups = _grouped(pending)
    pending.delete()
    return groups, len(ids)


def _counters(groups: Iterable[dict]) -> dict[RollupKey, rules.Counts]:
    groups = [g for g in groups if g["weight"]]
    reqs = {pid: requirements(pid) for pid in {g["period_id"] for g in groups}}
    chains = _ancestors(g["office_id"] for g in groups)
    counters: dict[RollupKey, rules.Counts] = defaultdict(rules.Counts)
    for g in groups:
        req = reqs[g["period_id"]]
        state = rules.State(g["started_mask"], g["completed_mask"], g["pact_signed"])
        for scope in req.scopes:
            change = rules.contribution(state, req, scope).scaled(g["weight"])
            # An office deleted since the delta was written has no chain: nothing to count.
            for office_id in chains.get(g["office_id"], ()):
                key = (g["period_id"], office_id, g["employment_type"], scope)
                counters[key] = counters[key] + change
    return counters


def move_counters(office: Office, old_parent_ids: list[int], new_parent_ids: list[int]) -> None:
    """Carry an office's subtree counters from its old ancestors to its new ones. Call
    inside the move's transaction, after `fold` under the same lock."""
    counters: dict[RollupKey, rules.Counts] = defaultdict(rules.Counts)
    rows = OfficeRollup.objects.filter(office=office).values_list(
        "period_id", "employment_type", "scope", "headcount", "started", "completed", "pact_signed"
    )
    for period_id, kind, scope, *numbers in rows:
        counts = rules.Counts(*numbers)
        for ancestor in old_parent_ids:
            key = (period_id, ancestor, kind, scope)
            counters[key] = counters[key] + counts.scaled(-1)
        for ancestor in new_parent_ids:
            key = (period_id, ancestor, kind, scope)
            counters[key] = counters[key] + counts
    _add(counters)


_local = {"checked_until": 0.0}


def schedule_fold() -> None:
    """Queue one fold a few seconds from now unless one is already queued. Call after the
    transaction that wrote deltas commits."""
    from .tasks import fold_rollups

    deferred = fold_rollups.get_backend().supports_defer
    now = time.monotonic()
    if deferred and now < _local["checked_until"]:
        return  # this process saw a fold queued a moment ago: spare the cache a round trip
    _local["checked_until"] = now + 1.0
    if not cache.add(_FOLD_SCHEDULED, 1, timeout=FOLD_SECONDS):
        return
    if deferred:
        fold_rollups.using(run_after=timezone.now() + dt.timedelta(seconds=FOLD_SECONDS)).enqueue()
    else:
        fold_rollups.enqueue()


def pending() -> bool:
    return ProgressDelta.objects.exists()


def fold_scheduled_done() -> None:
    cache.delete(_FOLD_SCHEDULED)


# -- recount ----------------------------------------------------------------------------


def _recount_sql(period_id: int, req: rules.Requirements) -> tuple[str, list]:
    """Counters of one campaign computed from the progress rows, in SQL that runs on
    PostgreSQL and SQLite: group the rows by office and state first, then spread each
    group over its office's ancestors (by path prefix) and over the scopes."""
    progress = "campaigns_campaignprogress"
    sql = f"""
        WITH g AS (
            SELECT p.office_id, p.employment_type, p.started_mask, p.completed_mask,
                   CASE WHEN p.pact_signed_at IS NULL THEN 0 ELSE 1 END AS pact,
                   COUNT(*) AS n
            FROM {progress} p
            WHERE p.period_id = %s AND p.is_active
            GROUP BY 1, 2, 3, 4, 5
        ),
        levels AS ({_levels_sql()}),
        s AS ({_scopes_sql({period_id: req})})
        SELECT a.id, g.employment_type, s.scope,
               SUM(g.n), SUM(g.n * ({_STARTED_SQL})), SUM(g.n * ({_COMPLETED_SQL})),
               SUM(g.n * g.pact)
        FROM g
        JOIN people_office o ON o.id = g.office_id
        JOIN levels l ON l.n * {_STEP} <= LENGTH(o.path)
        JOIN people_office a ON a.path = SUBSTR(o.path, 1, l.n * {_STEP})
        CROSS JOIN s
        GROUP BY a.id, g.employment_type, s.scope
    """  # noqa: S608 - table names and integers computed here, values are parameters  # nosec B608
    return sql, [period_id]


def recount(period_id: int) -> dict[RollupKey, rules.Counts]:
    if not Office.objects.exists():
        return {}
    sql, params = _recount_sql(period_id, requirements(period_id))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            (period_id, office_id, kind, scope): rules.Counts(*numbers)
            for office_id, kind, scope, *numbers in cursor.fetchall()
        }


def stored(period_id: int) -> dict[RollupKey, rules.Counts]:
    rows = OfficeRollup.objects.filter(period_id=period_id).values_list(
        "office_id", "employment_type", "scope", "headcount", "started", "completed", "pact_signed"
    )
    return {
        (period_id, office_id, kind, scope): rules.Counts(*numbers)
        for office_id, kind, scope, *numbers in rows
        if any(numbers)
    }


@dataclass(frozen=True)
class Reconciliation:
    period_id: int
    rows: int
    mismatches: list[tuple[RollupKey, rules.Counts | None, rules.Counts | None]]
    fixed: bool


def reconcile(period_id: int, *, fix: bool = False) -> Reconciliation:
    """Fold, recount, compare; with `fix`, replace the counters by the recount. Runs under
    the rollup lock so no fold interleaves; on PostgreSQL the recount sees one snapshot."""
    fold()
    outermost = not connection.in_atomic_block
    postgres = connection.vendor == "postgresql"
    if postgres and outermost:
        # Hold the lock before the snapshot is taken: a repeatable-read transaction that
        # waited for a fold would see the counters as they were before it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_LOCK_KEY])
    try:
        return _reconcile(period_id, fix=fix, snapshot=postgres and outermost)
    finally:
        if postgres and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])


def _reconcile(period_id: int, *, fix: bool, snapshot: bool) -> Reconciliation:
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SET LOCAL work_mem = '256MB'")  # the recount's GROUP BY
        else:
            lock()
        pending = ProgressDelta.objects.filter(period_id=period_id).exists()
        expected = recount(period_id)
        have = stored(period_id)
        if pending:
            # Changes written since the fold above: count them in before comparing.
            extra = _counters(_grouped(ProgressDelta.objects.filter(period_id=period_id)))
            for key, counts in extra.items():
                have[key] = have.get(key, rules.Counts()) + counts
        mismatches = [
            (key, have.get(key), expected.get(key))
            for key in sorted(set(have) | set(expected))
            if have.get(key, rules.Counts()) != expected.get(key, rules.Counts())
        ]
        if fix and (mismatches or pending):
            OfficeRollup.objects.filter(period_id=period_id).delete()
            ProgressDelta.objects.filter(period_id=period_id).delete()
            _add(expected)
        return Reconciliation(period_id, len(expected), mismatches, fix and bool(mismatches))
