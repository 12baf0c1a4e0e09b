"""Benchmark: HR compliance counters at national scale (issue 6).

On its own throw-away PostgreSQL database (created here, dropped at the end, also on
Ctrl-C or an error) it generates, with set-based SQL, a national office tree (~96,000
offices: 38 provinces > ~550 pemda > OPD and kecamatan > kelurahan and UPT > bidang, valid
treebeard paths), 4.3 million employees (PNS, PPPK, non-ASN), one tracked election period
that requires two courses and a pact, one progress row per employee (30% not started, 40%
in progress, 30% complete, shifted per office), and the counters, recounted from scratch
by `rollups.reconcile(fix=True)`. Then, each beside its peer measured in the same run:

1. subtree total of a random office, read from `OfficeRollup` (scope 0, summed over the
   employment types) vs the naive GROUP BY over the subtree's progress rows;
2. drill-down: an office's children with their counters, one query over `OfficeRollup`
   joined to the children, vs the naive GROUP BY by child path;
3. the national table (every province) vs the naive GROUP BY over every progress row;
4. completion writes with counters on: WRITERS processes calling `progress._apply` (one
   transaction per call, the write path `course_progress` ends in) while a folder runs
   `rollups.fold()` every FOLD_SECONDS, vs the bare progress UPDATE with the same
   concurrency; the counters' staleness; and `rollups.reconcile` after the writers stop;
5. the roster import (bench/roster_import.py), when that file is there.

    .venv/bin/python -m bench.rollup                       # 4.3M employees, ~96k offices
    .venv/bin/python -m bench.rollup --employees 200000 --no-roster    # quick check
    .venv/bin/python bench/rollup.py --help                # the other knobs

DATABASE_URL names the server (default: the local PostgreSQL, user postgres, trust auth);
the database is always one whose name contains "bench" (`netra_bench_rollup`). The run
waits for the machine's load average to settle before each timed part and calls itself
DISTURBED when it stayed above 1.5 (someone else was using the CPUs).

Last quiet run (2 cores; 94,383 offices, generated in 92 s of which 31 s is the
recount): subtree p95 1.6 ms (naive 54 ms), drill-down p95 2.8 ms (naive 76 ms), national
table p95 7.9 ms (naive 0.50 s), `_apply` 4,165 writes/s against 6,021 for the bare UPDATE
prepared on the server (0.69x in each of the two rounds: PASS; 0.91x the bare UPDATE as
Django sends it, 4,568/s), counters at most 7.5 s stale, reconcile 0 differ.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import importlib.util
import multiprocessing
import os
import random
import signal
import statistics
import sys
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from psycopg import sql

# Django is set up in `configure()` (and in each writer process), so the project's and
# Django's imports live inside the functions below.

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throwaway import Database  # this folder, put on the path just above


def _bench_name(name):
    return name if "bench" in name else f"{name or 'netra'}_bench_rollup"


REPO = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/netra_bench_rollup"
)
PERIOD_NAME = "Pilkada Serentak 2024 (bench)"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node alphabet
STEP = 4  # treebeard steplen of Office
BUSY_LOAD = 1.5
SUBTREE_P95_MS = 5.0
DRILL_P95_MS = 5.0
NATIONAL_MS = 20.0
WRITE_RATIO = 0.67
STALE_SECONDS = 10.0
BARE_UPDATE = (
    "UPDATE campaigns_campaignprogress SET completed_mask = completed_mask | 1 "
    "WHERE period_id = %s AND employee_id = %s"
)


# --- Database -------------------------------------------------------------------------------


def configure(database: Database) -> None:
    """Development settings against the bench database, DEBUG off (no query log), quiet
    logs. Set in the environment, so the writer processes inherit them."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "netra.settings.dev",
            "DATABASE_URL": database.url,
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    _django()


def _django() -> None:
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


# --- Generation -----------------------------------------------------------------------------


def _b36(expr: str) -> str:
    """SQL for treebeard's 4-character step of the number `expr` (1 -> '0001')."""
    return " || ".join(
        f"SUBSTR('{ALPHABET}', (({expr}) / {36**k} % 36)::int + 1, 1)" for k in (3, 2, 1, 0)
    )


_HASH = "(o.id * 2654435761 % 1000003)"  # a stable pseudo-random number per parent office


def _fanout(lo: int, hi: int, scale: float) -> str:
    return f"FLOOR({scale} * ({lo} + {_HASH} % {hi - lo + 1}) + 0.5)::int"


def _children(cur, *, depth: int, where: str, first: str, second: str, kinds, names) -> None:
    """Give each office of `depth` matching `where` `first` children of kinds[0], then
    `second` of kinds[1], numbered from 1 as treebeard numbers them."""
    step = _b36("g")
    cur.execute(
        f"""
        INSERT INTO people_office (path, depth, numchild, name, code, kind, is_active)
        SELECT p.path || {step}, p.depth + 1, 0,
               CASE WHEN g <= p.n1 THEN '{names[0]} ' ELSE '{names[1]} ' END
                   || p.path || {step},
               'BENCH-' || p.path || {step},
               CASE WHEN g <= p.n1 THEN '{kinds[0]}' ELSE '{kinds[1]}' END,
               TRUE
        FROM (SELECT o.id, o.path, o.depth, {first} AS n1, {second} AS n2
              FROM people_office o WHERE o.depth = {depth} AND {where}) p
        CROSS JOIN LATERAL generate_series(1, p.n1 + p.n2) g
        """  # noqa: S608 - generated here from constants
    )


def _scale(target: int) -> float:
    """The factor on the fan-outs below the pemda that gives about `target` offices: at
    factor 1 the levels under the 589 provinces and pemda hold about 23,600 OPD and
    kecamatan, 70,000 kelurahan and UPT and 5,000 bidang (bisection on that estimate)."""
    low, high = 0.0, 10.0
    for _ in range(60):
        f = (low + high) / 2
        if 589 + 23_600 * f + 70_000 * f**2 + 5_000 * f**3 < target:
            low = f
        else:
            high = f
    return round(low, 4)


def offices_create(cur, target: int) -> int:
    """The national tree, level by level. Fan-outs are fixed per parent (hashed from its
    id) and scaled so the whole tree has about `target` offices."""
    scale = _scale(target)
    cur.execute(
        f"""
        INSERT INTO people_office (path, depth, numchild, name, code, kind, is_active)
        SELECT {_b36("g")}, 1, 0, 'Provinsi ' || g, 'BENCH-' || {_b36("g")}, 'pemda', TRUE
        FROM generate_series(1, 38) g
        """  # noqa: S608
    )
    # Depth 2: the provincial government itself (first child) and its kabupaten/kota.
    _children(
        cur,
        depth=1,
        where="TRUE",
        first="1",
        second=_fanout(2, 25, 1.0),
        kinds=("pemda", "pemda"),
        names=("Pemerintah Provinsi", "Pemerintah Kabupaten/Kota"),
    )
    provincial = f"RIGHT(o.path, {STEP}) = '0001'"
    _children(
        cur,
        depth=2,
        where="TRUE",
        first=f"CASE WHEN {provincial} THEN {_fanout(35, 45, scale)} "
        f"ELSE {_fanout(22, 38, scale)} END",
        second=f"CASE WHEN {provincial} THEN 0 ELSE {_fanout(5, 23, scale)} END",
        kinds=("opd", "kecamatan"),
        names=("Dinas", "Kecamatan"),
    )
    _children(
        cur,
        depth=3,
        where="o.kind = 'kecamatan'",
        first=_fanout(3, 13, scale),
        second="0",
        kinds=("kelurahan", "kelurahan"),
        names=("Kelurahan", "Kelurahan"),
    )
    _children(
        cur,
        depth=3,
        where="o.kind = 'opd'",
        first=f"CASE WHEN {_HASH} % 10 < 3 THEN {_fanout(1, 3, scale)} ELSE 0 END",
        second="0",
        kinds=("upt", "upt"),
        names=("UPT", "UPT"),
    )
    _children(
        cur,
        depth=4,
        where="o.kind = 'upt'",
        first=f"CASE WHEN {_HASH} % 3 = 0 THEN {_fanout(1, 2, scale)} ELSE 0 END",
        second="0",
        kinds=("bidang", "bidang"),
        names=("Bidang", "Bidang"),
    )
    cur.execute(
        f"""
        UPDATE people_office o SET numchild = c.n
        FROM (SELECT SUBSTR(path, 1, LENGTH(path) - {STEP}) AS parent, COUNT(*) AS n
              FROM people_office WHERE depth > 1 GROUP BY 1) c
        WHERE o.path = c.parent
        """  # noqa: S608
    )
    return cur.execute("SELECT COUNT(*) FROM people_office").fetchone()[0]


def _drop_indexes(cur, table: str) -> list[sql.Composable]:
    """Drop a table's secondary indexes and unique constraints (the primary key stays:
    other tables' foreign keys hang on it); return the statements that put them back."""
    constraints = cur.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'u'",
        [table],
    ).fetchall()
    indexes = cur.execute(
        "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
        "AND k.conrelid = i.indrelid)",
        [table],
    ).fetchall()
    again = []
    for name, definition in constraints:
        cur.execute(
            sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                sql.Identifier(table), sql.Identifier(name)
            )
        )
        again.append(
            sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(
                sql.Identifier(table), sql.Identifier(name)
            )
            + sql.SQL(definition)
        )
    for name, definition in indexes:
        cur.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        again.append(sql.SQL(definition))
    return again


def employees_create(cur, count: int) -> None:
    """`count` employees spread over the offices by a weight per kind of office (an OPD
    employs more than a kelurahan), varied per office; the allocation is exact. 70% PNS,
    18% PPPK, 12% non-ASN; ASN get a unique 18-digit NIP, non-ASN none."""
    cur.execute(
        f"""
        CREATE TEMP TABLE bench_alloc AS
        WITH w AS (
            SELECT o.id,
                   (CASE WHEN o.depth = 1 THEN 0 WHEN o.kind = 'pemda' THEN 60
                         WHEN o.kind = 'opd' THEN 120 WHEN o.kind = 'kecamatan' THEN 25
                         WHEN o.kind = 'kelurahan' THEN 10 WHEN o.kind = 'upt' THEN 60
                         ELSE 20 END * (50 + {_HASH} % 101))::numeric AS w
            FROM people_office o
        ), c AS (
            SELECT id, SUM(w) OVER (ORDER BY id) AS cum, w, SUM(w) OVER () AS total FROM w
        )
        SELECT id AS office_id,
               FLOOR((cum - w) * {int(count)} / total)::bigint + 1 AS first,
               FLOOR(cum * {int(count)} / total)::bigint AS last
        FROM c
        """  # noqa: S608
    )
    cur.execute(
        """
        INSERT INTO people_employee (user_id, nip, registration_number, front_title, name,
            back_title, employment_type, golongan, jabatan, office_id, is_active, created_at,
            updated_at)
        SELECT NULL,
               CASE WHEN t.kind <> 'NON_ASN' THEN (190000000000000000 + n)::text END,
               '', '', 'Pegawai ' || n, '', t.kind, '', '', a.office_id, TRUE, now(), now()
        FROM bench_alloc a
        CROSS JOIN LATERAL generate_series(a.first, a.last) n
        CROSS JOIN LATERAL (
            SELECT CASE WHEN h < 70 THEN 'PNS' WHEN h < 88 THEN 'PPPK' ELSE 'NON_ASN' END
                   AS kind
            FROM (SELECT ABS(hashtext('type' || n)) % 100 AS h) x
        ) t
        ORDER BY n
        """
    )


def progress_create(cur, period_id: int) -> None:
    """One progress row per employee, as `progress.period_setup` makes them, with a state
    drawn per employee: about 30% not started, 40% in progress (started a course, finished
    one, or finished both without signing), 30% complete; each office shifts the split by
    up to 10 points either way, so some offices lag."""
    cur.execute(
        """
        INSERT INTO campaigns_campaignprogress (period_id, employee_id, office_id,
            office_path, employment_type, is_active, started_mask, completed_mask,
            pact_signed_at, started_at, completed_at, last_reminded_at, updated_at)
        SELECT %(period)s, e.id, e.office_id, o.path, e.employment_type, TRUE,
               s.started, s.completed,
               CASE WHEN s.pact THEN s.at END,
               CASE WHEN s.started <> 0 THEN s.at - interval '3 days' END,
               CASE WHEN s.pact THEN s.at END,
               NULL, %(now)s
        FROM people_employee e
        JOIN people_office o ON o.id = e.office_id
        CROSS JOIN LATERAL (
            SELECT ABS(hashtext('state' || e.id)) %% 1000 + (o.id * 40503 %% 201) - 100 AS r,
                   %(now)s - (e.id %% 50) * interval '1 day' AS at
        ) d
        CROSS JOIN LATERAL (
            SELECT CASE WHEN d.r < 300 THEN 0 WHEN d.r < 420 THEN 1 ELSE 3 END AS started,
                   CASE WHEN d.r < 420 THEN 0 WHEN d.r < 520 THEN 1 WHEN d.r < 600 THEN 2
                        WHEN d.r < 650 THEN 0 ELSE 3 END AS completed,
                   d.r >= 700 AS pact,
                   d.at
        ) s
        ORDER BY e.id
        """,
        {"period": period_id, "now": dt.datetime.now(dt.UTC)},
    )


def campaign_create() -> tuple[int, object]:
    """The election period, its two required courses and its pact: three plain Wagtail
    pages under the root (the counters only need their ids)."""
    from wagtail.models import Page

    from netra.campaigns import rollups
    from netra.campaigns.models import CampaignCourse, ElectionPeriod

    root = Page.objects.get(depth=1)
    pages = [
        root.add_child(instance=Page(title=title, slug=f"bench-{n}"))
        for n, title in enumerate(
            ["Netralitas ASN (bench)", "Etika bermedia sosial (bench)", "Pakta (bench)"]
        )
    ]
    period = ElectionPeriod.objects.create(
        name=PERIOD_NAME,
        kind="pilkada",
        campaign_start=dt.date(2024, 9, 25),
        campaign_end=dt.date(2024, 11, 23),
        voting_day=dt.date(2024, 11, 27),
        deadline=dt.date(2024, 11, 20),
        pact=pages[2],
        tracked=True,
    )
    for page in pages[:2]:
        CampaignCourse.objects.create(period=period, course=page)
    return period.pk, rollups.requirements(period.pk)


def generate(database: Database, *, employees: int, offices: int) -> tuple[int, object, dict]:
    """Schema, campaign, tree, roster, progress rows, counters. Returns the period id, its
    requirements and the time each step took."""
    from django.core.management import call_command
    from django.db import connection

    from netra.campaigns import rollups

    times = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    period_id, req = campaign_create()
    connection.close()
    times["schema"] = time.perf_counter() - started

    with database.connect() as load, load.cursor() as cur:
        # Bulk loading: no foreign key triggers (the rows are consistent by construction),
        # no wait for the WAL flush, big sorts for the index builds.
        cur.execute("SET session_replication_role = replica")
        cur.execute("SET synchronous_commit = off")
        cur.execute("SET maintenance_work_mem = '512MB'")
        cur.execute("SET work_mem = '256MB'")
        step = time.perf_counter()
        times["offices_n"] = offices_create(cur, offices)
        times["offices"] = time.perf_counter() - step

        step = time.perf_counter()
        again = _drop_indexes(cur, "people_employee")
        again += _drop_indexes(cur, "campaigns_campaignprogress")
        employees_create(cur, employees)
        times["employees"] = time.perf_counter() - step

        step = time.perf_counter()
        progress_create(cur, period_id)
        times["progress"] = time.perf_counter() - step

        step = time.perf_counter()
        for statement in again:
            cur.execute(statement)
        times["indexes"] = time.perf_counter() - step

        step = time.perf_counter()
        cur.execute("VACUUM ANALYZE")
        times["vacuum"] = time.perf_counter() - step

    step = time.perf_counter()
    result = rollups.reconcile(period_id, fix=True)
    times["recount"] = time.perf_counter() - step
    times["counters"] = result.rows
    with database.connect() as conn:
        conn.execute("VACUUM ANALYZE campaigns_officerollup")
        conn.execute("CHECKPOINT")  # the load's dirty pages written now, not while timing
    times["total"] = time.perf_counter() - started
    return period_id, req, times


# --- Measuring ------------------------------------------------------------------------------


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def settle(seconds: float) -> float:
    """Wait (up to `seconds`) for the 1-minute load average to fall below BUSY_LOAD; the
    run's own loading keeps it up for a while. Returns the load average then."""
    deadline = time.monotonic() + seconds
    while os.getloadavg()[0] > BUSY_LOAD and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


@dataclass
class Row:
    what: str
    n: int | str
    median: str
    p95: str
    peer: str
    peer_median: str
    peer_p95: str
    ratio: str
    target: str
    ok: bool | None  # None: reported, no target


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def _explain(fn) -> str:
    """EXPLAIN ANALYZE of the last query `fn` runs through Django."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    query = captured.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
        return "\n".join(f"    {line}" for (line,) in cursor.fetchall())


_STARTED = (
    "COUNT(*) FILTER (WHERE p.started_mask <> 0 OR p.completed_mask <> 0 "
    "OR p.pact_signed_at IS NOT NULL)"
)
_COMPLETED = (
    "COUNT(*) FILTER (WHERE p.completed_mask & %(full)s = %(full)s "
    "AND (p.pact_signed_at IS NOT NULL OR NOT %(pact)s))"
)
_COUNTS = f"COUNT(*), {_STARTED}, {_COMPLETED}, COUNT(p.pact_signed_at)"

# The peers: what a dashboard would run without counters, on the progress rows' own copy
# of the office path (no join with the employees or offices needed: the cheapest naive).
NAIVE_SUBTREE = f"""
    SELECT p.employment_type, {_COUNTS}
    FROM campaigns_campaignprogress p
    WHERE p.period_id = %(period)s AND p.is_active AND p.office_path LIKE %(prefix)s
    GROUP BY p.employment_type
"""  # noqa: S608
NAIVE_CHILDREN = f"""
    SELECT o.id, o.name, n.headcount, n.started, n.completed, n.pact_signed
    FROM (
        SELECT SUBSTR(p.office_path, 1, %(length)s) AS child,
               {_COUNTS}
        FROM campaigns_campaignprogress p
        WHERE p.period_id = %(period)s AND p.is_active AND p.office_path LIKE %(prefix)s
          AND LENGTH(p.office_path) >= %(length)s
        GROUP BY 1
    ) n (child, headcount, started, completed, pact_signed)
    JOIN people_office o ON o.path = n.child
    ORDER BY o.name
"""  # noqa: S608
NAIVE_NATIONAL = f"""
    SELECT o.id, o.name, n.headcount, n.started, n.completed, n.pact_signed
    FROM (
        SELECT SUBSTR(p.office_path, 1, {STEP}) AS root, {_COUNTS}
        FROM campaigns_campaignprogress p
        WHERE p.period_id = %(period)s AND p.is_active
        GROUP BY 1
    ) n (root, headcount, started, completed, pact_signed)
    JOIN people_office o ON o.path = n.root
    ORDER BY o.name
"""  # noqa: S608


def _sums():
    from django.db.models import Sum

    return {name: Sum(name) for name in ("headcount", "started", "completed", "pact_signed")}


def subtree_total(period_id: int, office_id: int) -> tuple:
    """What the dashboard reads for one office: its counters for the whole campaign."""
    from netra.campaigns import rules
    from netra.campaigns.models import OfficeRollup

    row = OfficeRollup.objects.filter(
        period_id=period_id, office_id=office_id, scope=rules.OVERALL
    ).aggregate(**_sums())
    return tuple(row[k] or 0 for k in ("headcount", "started", "completed", "pact_signed"))


def children_counters(period_id: int, path: str, depth: int) -> list[tuple]:
    """One drill-down level: each child office with its counters, in one query."""
    from netra.campaigns import rules
    from netra.campaigns.models import OfficeRollup

    children = {"office__depth": depth + 1}
    if path:
        children["office__path__startswith"] = path
    rows = (
        OfficeRollup.objects.filter(period_id=period_id, scope=rules.OVERALL, **children)
        .values("office_id", "office__name")
        .annotate(**_sums())
        .order_by("office__name")
    )
    keys = ("office_id", "office__name", "headcount", "started", "completed", "pact_signed")
    return [tuple(r[k] for k in keys) for r in rows]


def _naive(query: str, params: dict) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _nonzero(rows: list[tuple]) -> list[tuple]:
    return [r for r in rows if any(r[2:])]


def reads(report: Report, period_id: int, req, rng: random.Random, per_depth: int) -> None:
    from django.db import connection

    from netra.people.models import Office

    offices = list(Office.objects.values_list("pk", "path", "depth", "numchild"))
    by_depth: dict[int, list] = {}
    for office in offices:
        by_depth.setdefault(office[2], []).append(office)
    base = {"period": period_id, "full": req.full_mask, "pact": req.pact_required}

    def sample(pool) -> list:
        return rng.sample(pool, min(per_depth, len(pool)))

    # Warm-up: connection, plan and catalogue caches, outside the measurement.
    for office in rng.sample(offices, 20):
        subtree_total(period_id, office[0])
        children_counters(period_id, office[1], office[2])
        _naive(NAIVE_SUBTREE, {**base, "prefix": office[1] + "%"})

    # 1. Subtree total.
    chosen = [o for depth in sorted(by_depth) for o in sample(by_depth[depth])]
    rng.shuffle(chosen)
    fast, slow, wrong, per_depth_ms = [], [], 0, {}
    for pk, path, depth, _numchild in chosen:
        ms, got = _timed(lambda pk=pk: subtree_total(period_id, pk))
        naive_ms, rows = _timed(
            lambda path=path: _naive(NAIVE_SUBTREE, {**base, "prefix": path + "%"})
        )
        want = tuple(sum(r[i] for r in rows) for i in range(1, 5))
        wrong += got != want
        fast.append((ms, pk))
        slow.append(naive_ms)
        per_depth_ms.setdefault(depth, ([], [], []))
        per_depth_ms[depth][0].append(ms)
        per_depth_ms[depth][1].append(naive_ms)
        per_depth_ms[depth][2].append(want[0])
    _read_row(
        report,
        "1. subtree total (OfficeRollup)",
        fast,
        slow,
        SUBTREE_P95_MS,
        "naive GROUP BY subtree",
        lambda pk: subtree_total(period_id, pk),
    )
    report.notes.append(
        f"subtree totals: {len(chosen)} offices, {wrong} differ from the naive recount"
    )
    report.notes.append("subtree by depth (rollup p50/p95 | naive p50/p95 | mean headcount):")
    for depth, (a, b, heads) in sorted(per_depth_ms.items()):
        report.notes.append(
            f"  depth {depth}: n={len(a):3d}  {_ms(statistics.median(a))} / "
            f"{_ms(percentile(a, 95))} | {_ms(statistics.median(b))} / "
            f"{_ms(percentile(b, 95))} | {statistics.mean(heads):,.0f}"
        )

    # 2. Drill-down: offices that have children.
    parents = {d: [o for o in pool if o[3]] for d, pool in by_depth.items()}
    chosen = [o for depth in sorted(parents) for o in sample(parents[depth])]
    rng.shuffle(chosen)
    fast, slow, wrong = [], [], 0
    for _pk, path, depth, _numchild in chosen:
        ms, got = _timed(lambda path=path, depth=depth: children_counters(period_id, path, depth))
        params = {**base, "prefix": path + "%", "length": len(path) + STEP}
        naive_ms, want = _timed(lambda params=params: _naive(NAIVE_CHILDREN, params))
        wrong += _nonzero(got) != _nonzero([tuple(r) for r in want])
        fast.append((ms, (path, depth)))
        slow.append(naive_ms)
    _read_row(
        report,
        "2. drill-down: children + counters",
        fast,
        slow,
        DRILL_P95_MS,
        "naive GROUP BY child path",
        lambda key: children_counters(period_id, *key),
    )
    report.notes.append(
        f"drill-down: {len(chosen)} offices with children, {wrong} differ from the naive"
    )

    # 3. National table: every province.
    fast = []
    for _ in range(200):
        ms, got = _timed(lambda: children_counters(period_id, "", 0))
        fast.append((ms, ("", 0)))
    slow, want = [], None
    for _ in range(3):
        naive_ms, want = _timed(lambda: _naive(NAIVE_NATIONAL, base))
        slow.append(naive_ms)
    _read_row(
        report,
        f"3. national table ({len(got)} provinces)",
        fast,
        slow,
        NATIONAL_MS,
        "naive GROUP BY all rows",
        lambda key: children_counters(period_id, *key),
    )
    same = _nonzero(got) == _nonzero([tuple(r) for r in want])
    report.notes.append(f"national table equals the naive recount: {same}")
    connection.close()


def _speedup(ratio: float) -> str:
    return f"p95 {ratio:,.0f}x lower" if ratio >= 10 else f"p95 {ratio:.1f}x lower"


def _read_row(report, what, fast, slow, target_ms, peer, again) -> None:
    times = [ms for ms, _ in fast]
    p95 = percentile(times, 95)
    ok = p95 <= target_ms
    report.rows.append(
        Row(
            what,
            len(times),
            _ms(statistics.median(times)),
            _ms(p95),
            peer,
            _ms(statistics.median(slow)),
            _ms(percentile(slow, 95)),
            _speedup(percentile(slow, 95) / p95),
            f"p95 <= {target_ms:.0f} ms",
            ok,
        )
    )
    if not ok:
        ms, key = max(fast)
        plan = _explain(lambda: again(key))
        report.notes.append(f"{what}: slowest sample {_ms(ms)}; its plan now:\n{plan}")


# --- Writes ---------------------------------------------------------------------------------


def _writer(pipe) -> None:
    """A writer process: Django set up from the inherited environment, then one job per
    message until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
    _django()
    from django.db import connection

    pipe.send("ready")
    try:
        while (job := pipe.recv()) is not None:
            pipe.send(_write_loop(**job))
    finally:
        connection.close()


def _write_loop(*, kind, period_id, req, items, start_at, seconds) -> dict:
    """Call the write of `kind` for these employees, round and round, from `start_at` for
    `seconds`. Each product call changes the employee's state (completes the first course
    not yet done, or, when all are done, takes the first one back as a renewal does), so
    every call writes its row and one delta; the bare UPDATE sets a bit already set."""
    from django.db import connection

    from netra.campaigns import progress
    from netra.home.db import prepared_cursor

    masks = dict(items)
    order = [employee for employee, _ in items]
    first = 1 << req.slots[0]
    latencies = []
    time.sleep(max(0.0, start_at - time.time()))
    stop = start_at + seconds
    n = 0
    while time.time() < stop:
        employee = order[n % len(order)]
        n += 1
        if kind in ("bare", "bare_prepared"):
            started = time.perf_counter()
            cursor = connection.cursor() if kind == "bare" else prepared_cursor()
            with cursor:
                cursor.execute(BARE_UPDATE, [period_id, employee])
        else:
            missing = req.full_mask & ~masks[employee]
            if missing:
                bit = missing & -missing
                change = progress.Change(completed=bit)
                masks[employee] |= bit
            else:
                change = progress.Change(started=first, keep=~first)
                masks[employee] &= ~first
            started = time.perf_counter()
            if kind == "apply":
                written = progress._apply(period_id, req, employee, change)
            else:
                written = progress._apply_sql(period_id, req, employee, change)
            assert written, (kind, employee, change)
        latencies.append(time.perf_counter() - started)
    return {"calls": n, "latencies": latencies, "seconds": seconds, "wrapped": n > len(order)}


class Sampler(threading.Thread):
    """Reads the delta id sequence every 20 ms: a delta with id X was written after the
    last sample that had not reached X, which bounds its age from above."""

    def __init__(self, database: Database):
        super().__init__(daemon=True)
        self.database = database
        self.times: list[float] = []
        self.values: list[int] = []
        self.done = threading.Event()
        with database.connect() as conn:
            self.sequence = conn.execute(
                "SELECT pg_get_serial_sequence('campaigns_progressdelta', 'id')"
            ).fetchone()[0]
        self.ready = threading.Event()

    def run(self) -> None:
        with self.database.connect() as conn:
            query = sql.SQL("SELECT last_value, is_called FROM {}").format(
                sql.Identifier(*self.sequence.split("."))
            )
            while not self.done.is_set():
                value, called = conn.execute(query).fetchone()
                self.times.append(time.time())
                self.values.append(value if called else 0)
                self.ready.set()
                time.sleep(0.02)

    def written_after(self, delta_id: int) -> float:
        i = bisect.bisect_left(self.values, delta_id) - 1
        return self.times[max(i, 0)]


class Folder(threading.Thread):
    """The worker's job: a fold starts every `seconds` (the task clears its "scheduled"
    flag as it starts, so the next write queues the next fold FOLD_SECONDS later, even
    while this one runs), and folds again at once while a fold hit its limit, as
    `tasks.fold_rollups` does. Records, at each fold, how old the oldest delta it folded
    was when its counters became visible."""

    def __init__(self, seconds: float, sampler: Sampler):
        super().__init__(daemon=True)
        self.seconds = seconds
        self.sampler = sampler
        self.done = threading.Event()
        self.folds: list[tuple[float, int, float]] = []  # duration, deltas, staleness
        self.error: BaseException | None = None

    def fold_all(self) -> None:
        from django.db import connection

        from netra.campaigns import rollups

        while True:
            asked = time.time()
            with connection.cursor() as cursor:
                cursor.execute("SELECT MIN(id) FROM campaigns_progressdelta")
                oldest = cursor.fetchone()[0]
            started = time.time()
            result = rollups.fold()
            finished = time.time()
            if result.deltas:
                # Nothing pending when asked: what it folded was written after that.
                since = self.sampler.written_after(oldest) if oldest else asked
                self.folds.append((finished - started, result.deltas, finished - since))
            if result.deltas < 50_000:
                return

    def run(self) -> None:
        from django.db import connection

        try:
            while not self.done.is_set():
                started = time.monotonic()
                self.fold_all()
                self.done.wait(max(0.0, self.seconds - (time.monotonic() - started)))
        except BaseException as error:  # reported by the main thread
            self.error = error
        finally:
            connection.close()


def _employees(period_id: int, where: str, percent: float, rng: random.Random) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT employee_id, completed_mask FROM campaigns_campaignprogress "  # noqa: S608
            f"TABLESAMPLE BERNOULLI ({percent}) REPEATABLE ({rng.randrange(1 << 30)}) "
            f"WHERE period_id = %s AND is_active AND {where}",
            [period_id],
        )
        rows = cursor.fetchall()
    rng.shuffle(rows)
    return rows


def _percent(want: int, rows: int) -> float:
    """Sample percentage that yields about `want` of the ~half of `rows` that qualify."""
    return min(100.0, round(100 * 2 * want / max(rows, 1), 2))


def writes(report: Report, database: Database, period_id: int, req, args, rng) -> None:
    from django.db import connections

    from netra.campaigns import rollups

    # Disjoint employees: the bare UPDATE's already have the bit it sets (so the counters
    # stay true), the product's have not; each writer and phase gets its own, so no phase
    # finds rows an earlier one just moved to hot pages. The pools are large enough that
    # no writer comes back to a row within a phase (about 30,000 calls per writer and
    # phase at most): a row written twice is in the cache the second time, which favoured
    # whichever phase went round its slice.
    total = args.employees
    pools = {
        "bare": _employees(period_id, "completed_mask & 1 = 1", _percent(600_000, total), rng),
        "product": _employees(period_id, "completed_mask & 1 = 0", _percent(400_000, total), rng),
    }
    connections.close_all()
    phases = ["bare", "bare_prepared", "apply"] * args.rounds + ["apply_sql"]
    pool_of = {phase: "bare" if phase.startswith("bare") else "product" for phase in phases}
    size = {
        name: len(pool) // (args.writers * sum(pool_of[p] == name for p in phases))
        for name, pool in pools.items()
    }
    used = dict.fromkeys(pools, 0)

    context = multiprocessing.get_context("spawn")
    pipes, children = [], []
    try:
        for _ in range(args.writers):
            parent, child = context.Pipe()
            process = context.Process(target=_writer, args=(child,), daemon=True)
            process.start()
            pipes.append(parent)
            children.append(process)
        for pipe in pipes:
            assert pipe.recv() == "ready"
        load = settle(args.settle)
        report.notes.append(f"load average before the writes: {load:.2f}")
        if load > BUSY_LOAD:
            report.notes.append("DISTURBED: load average above 1.5 before the writes")

        sampler = Sampler(database)
        sampler.start()
        sampler.ready.wait(10)
        results: dict[str, list[dict]] = {}
        folders = []
        for phase in phases:
            name = pool_of[phase]
            slices = []
            for _ in range(args.writers):
                slices.append(pools[name][used[name] : used[name] + size[name]])
                used[name] += size[name]
            # Each phase starts right after a checkpoint, so each pays the same full-page
            # writes in the WAL (the first change to a page after a checkpoint logs it whole).
            with database.connect() as conn:
                conn.execute("CHECKPOINT")
            folder = None
            if not phase.startswith("bare"):
                folder = Folder(args.fold_seconds, sampler)
                folder.start()
                folders.append(folder)
            start_at = time.time() + 0.5
            for pipe, items in zip(pipes, slices, strict=True):
                pipe.send(
                    {
                        "kind": phase,
                        "period_id": period_id,
                        "req": req,
                        "items": items,
                        "start_at": start_at,
                        "seconds": args.write_seconds,
                    }
                )
            got = [pipe.recv() for pipe in pipes]
            results.setdefault(phase, []).extend(got)
            calls = sum(g["calls"] for g in got)
            print(f"  {phase:9s} {calls / args.write_seconds:8,.0f} writes/s", flush=True)
            if folder is not None:
                folder.done.set()
                folder.join()
                if folder.error:
                    raise folder.error
                # The worker keeps folding: what the phase's last seconds wrote.
                folder.fold_all()
        for pipe in pipes:
            pipe.send(None)
        for process in children:
            process.join(timeout=30)
    finally:
        for process in children:
            if process.is_alive():
                process.terminate()
                process.join()

    # One last fold, then the proof: counters equal a recount.
    last = Folder(args.fold_seconds, sampler)
    last.fold_all()
    sampler.done.set()
    started = time.perf_counter()
    check = rollups.reconcile(period_id)
    check_seconds = time.perf_counter() - started
    connections.close_all()

    def rate(phase):
        got = results[phase]
        seconds = sum(g["seconds"] for g in got) / args.writers
        return sum(g["calls"] for g in got) / seconds

    def latencies(phase):
        return [x * 1000 for g in results[phase] for x in g["latencies"]]

    # The peer is the faster of the two bare UPDATEs: as Django sends it (the statement
    # text, values inlined, parsed and planned each time) and prepared on the server, as
    # `_apply_sql` is (netra.home.db).
    plain, prepared = rate("bare"), rate("bare_prepared")
    peer = "bare_prepared" if prepared >= plain else "bare"
    peer_label = "bare UPDATE, prepared" if peer == "bare_prepared" else "bare UPDATE, as Django"
    bare, apply, apply_sql = rate(peer), rate("apply"), rate("apply_sql")
    bare_ms, apply_ms, sql_ms = latencies(peer), latencies("apply"), latencies("apply_sql")
    folds = [f for folder in folders for f in folder.folds] + last.folds
    stale = [age for _, _, age in folds]
    report.rows.append(
        Row(
            f"4. completion writes/s, `_apply` + folder ({args.writers} procs)",
            len(apply_ms),
            f"{apply:,.0f}/s",
            "",
            f"{peer_label}, autocommit",
            f"{bare:,.0f}/s",
            "",
            f"{apply / bare:.2f}x",
            f">= {WRITE_RATIO}x",
            apply / bare >= WRITE_RATIO,
        )
    )
    report.rows.append(
        Row(
            "   latency per `_apply` call",
            len(apply_ms),
            _ms(statistics.median(apply_ms)),
            _ms(percentile(apply_ms, 95)),
            peer_label,
            _ms(statistics.median(bare_ms)),
            _ms(percentile(bare_ms, 95)),
            f"{statistics.median(apply_ms) / statistics.median(bare_ms):.2f}x",
            "",
            None,
        )
    )
    report.rows.append(
        Row(
            "   `_apply_sql` alone, autocommit + folder",
            len(sql_ms),
            f"{apply_sql:,.0f}/s",
            f"p95 {_ms(percentile(sql_ms, 95))}",
            f"{peer_label}, autocommit",
            f"{bare:,.0f}/s",
            f"p95 {_ms(percentile(bare_ms, 95))}",
            f"{apply_sql / bare:.2f}x",
            "",
            None,
        )
    )
    wrapped = sorted({phase for phase, got in results.items() if any(g["wrapped"] for g in got)})
    if wrapped:
        report.notes.append(f"writers came back to rows they had written in: {wrapped}")
    other = "bare" if peer == "bare_prepared" else "bare_prepared"
    report.notes.append(
        f"bare UPDATE as Django sends it {plain:,.0f}/s, prepared {prepared:,.0f}/s; "
        f"`_apply` against the {other.replace('_', ' ')} one: {apply / rate(other):.2f}x"
    )
    report.rows.append(
        Row(
            f"   counters staleness (fold every {args.fold_seconds:g} s)",
            len(stale),
            f"{statistics.median(stale):.1f} s" if stale else "-",
            f"max {max(stale):.1f} s" if stale else "-",
            "",
            "",
            "",
            "",
            f"<= {STALE_SECONDS:.0f} s",
            bool(stale) and max(stale) <= STALE_SECONDS,
        )
    )
    report.rows.append(
        Row(
            "   reconcile after the writes",
            f"{check.rows:,}",
            f"{len(check.mismatches)} differ",
            f"{check_seconds:.1f} s",
            "",
            "",
            "",
            "",
            "0 differ",
            not check.mismatches,
        )
    )
    written = len(apply_ms) + len(sql_ms)  # one delta per change
    counted = sum(d for _, d, _ in folds)
    durations = [d for d, _, _ in folds]
    report.notes.append(
        f"writes: {written:,} deltas written, folds reported {counted:,} in {len(folds)} "
        f"folds (fold p50 {statistics.median(durations):.2f} s, max {max(durations):.2f} s)"
        if folds
        else "writes: no fold ran"
    )
    for key, have, want in check.mismatches[:5]:
        report.notes.append(f"  mismatch {key}: stored {have}, recount {want}")


# --- Roster import (another engineer's bench) ------------------------------------------------


def roster_rows(report: Report, server_url: str) -> None:
    path = REPO / "bench" / "roster_import.py"
    if not path.exists():
        print("roster import: see bench/roster_import.py")
        report.notes.append("roster import: see bench/roster_import.py (not there yet)")
        return
    try:
        spec = importlib.util.spec_from_file_location("bench_roster_import", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        # Its own throw-away database on the same server, never this run's.
        rows = module.run(urlsplit(server_url)._replace(path="/netra_bench_roster").geturl())
    except Exception:  # another engineer's work in progress: report it, go on
        print("roster import: see bench/roster_import.py (it failed here:)")
        traceback.print_exc(limit=3)
        report.notes.append("roster import: see bench/roster_import.py (failed in this run)")
        return
    for row in rows:
        values = dict(row)
        ok = values.pop("ok", None)
        report.rows.append(
            Row(
                f"5. {values.pop('what', 'roster import')}",
                values.pop("n", ""),
                f"{values.pop('seconds', '')} s",
                "",
                str(values.pop("peer", "")),
                f"{values.pop('peer_seconds', '')} s",
                str(values.pop("peer_p95", "")),
                str(values.pop("ratio", "")),
                str(values.pop("target", "")),
                ok,
            )
        )
        if values:
            report.notes.append(f"roster import, also: {values}")


# --- Report -----------------------------------------------------------------------------------


def print_table(report: Report) -> None:
    head = Row("measure", "n", "median", "p95", "peer", "median", "p95", "ratio", "target", None)
    rows = [head, *report.rows]
    cells = [
        [
            r.what,
            f"{r.n:,}" if isinstance(r.n, int) else str(r.n),
            r.median,
            r.p95,
            r.peer,
            r.peer_median,
            r.peer_p95,
            r.ratio,
            r.target,
            "result" if r is head else {True: "PASS", False: "FAIL", None: ""}[r.ok],
        ]
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head.__dict__))]
    for n, line in enumerate(cells):
        print(" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print("-+-".join("-" * w for w in widths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=4_300_000)
    parser.add_argument("--offices", type=int, default=96_000, help="about this many")
    parser.add_argument("--writers", type=int, default=4, help="concurrent writer processes")
    parser.add_argument("--write-seconds", type=float, default=15.0, help="per write phase")
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds of the bare, prepared bare and product phases"
    )
    parser.add_argument("--fold-seconds", type=float, default=None, help="rollups.FOLD_SECONDS")
    parser.add_argument("--per-depth", type=int, default=60, help="offices sampled per depth")
    parser.add_argument("--settle", type=float, default=120.0, help="max wait for a calm CPU")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--no-roster", action="store_true", help="skip the roster import")
    parser.add_argument("--keep", action="store_true", help="keep the database (debugging)")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    database = Database(DATABASE_URL, name_for=_bench_name, script="bench/rollup.py")
    report = Report()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(
        f"machine: {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; database {database.name}",
        flush=True,
    )
    reuse = args.reuse and database.exists()
    if not reuse:
        database.create()
    try:
        configure(database)
        from netra.campaigns import rollups
        from netra.campaigns.models import ElectionPeriod

        if args.fold_seconds is None:
            args.fold_seconds = float(rollups.FOLD_SECONDS)
        if reuse:
            period_id = ElectionPeriod.objects.get(name=PERIOD_NAME).pk
            req = rollups.requirements(period_id)
            print("reusing the kept database", flush=True)
        else:
            period_id, req, t = generate(database, employees=args.employees, offices=args.offices)
            print(
                f"generated in {t['total']:.0f} s: schema and campaign {t['schema']:.1f} s, "
                f"{t['offices_n']:,} offices {t['offices']:.1f} s, {args.employees:,} employees "
                f"{t['employees']:.1f} s, progress rows {t['progress']:.1f} s, indexes "
                f"{t['indexes']:.1f} s, VACUUM ANALYZE {t['vacuum']:.1f} s; counters: "
                f"reconcile(fix=True) recounted {t['counters']:,} rows in {t['recount']:.1f} s",
                flush=True,
            )
        with database.connect() as conn:
            depths = conn.execute(
                "SELECT depth, COUNT(*) FROM people_office GROUP BY 1 ORDER BY 1"
            ).fetchall()
            kinds = conn.execute(
                "SELECT employment_type, COUNT(*) FROM people_employee GROUP BY 1 ORDER BY 1"
            ).fetchall()
            states = conn.execute(
                "SELECT CASE WHEN completed_mask = 3 AND pact_signed_at IS NOT NULL "
                "THEN 'complete' WHEN started_mask = 0 THEN 'not started' "
                "ELSE 'in progress' END, COUNT(*) FROM campaigns_campaignprogress "
                "GROUP BY 1 ORDER BY 1"
            ).fetchall()
            settings = conn.execute(
                "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
                "current_setting('synchronous_commit')"
            ).fetchone()
        print(
            "offices by depth: " + ", ".join(f"{d}: {n:,}" for d, n in depths),
            "employees: " + ", ".join(f"{k} {n:,}" for k, n in kinds),
            "progress: " + ", ".join(f"{k} {n:,}" for k, n in states),
            f"PostgreSQL {settings[0]}, shared_buffers {settings[1]}, "
            f"synchronous_commit {settings[2]}",
            sep="\n",
            flush=True,
        )

        load = settle(args.settle)
        report.notes.append(f"load average before the reads: {load:.2f}")
        if load > BUSY_LOAD:
            report.notes.append("DISTURBED: load average above 1.5 before the reads")
        print(f"reads (load average {load:.2f}) ...", flush=True)
        reads(report, period_id, req, rng, args.per_depth)
        print("writes ...", flush=True)
        writes(report, database, period_id, req, args, rng)
        if not args.no_roster:
            roster_rows(report, DATABASE_URL)
        print()
        print_table(report)
        print()
        for note in report.notes:
            print(note)
        disturbed = any(note.startswith("DISTURBED") for note in report.notes)
        print(f"\n{'DISTURBED run: numbers not to be trusted' if disturbed else 'quiet run'}")
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if not args.keep:
            database.drop()


if __name__ == "__main__":
    main()
