"""Roster import, the database part: read the state a file is compared with, write a plan
in bulk, and the import's service functions (start, apply, run in the worker).

The rules live in `roster.py` and `roster_plan.py` (pure); this module only reads and
writes. Writes are bulk and touch only what the plan found new or changed: on PostgreSQL
those rows are COPYed into a temporary staging table and merged with one
`INSERT … ON CONFLICT … DO UPDATE … WHERE (…) IS DISTINCT FROM (…)` per key; elsewhere
(SQLite) `bulk_create` and `bulk_update`. Re-importing the same file writes 0 rows. Never
one `save()` per row. Offices are few and go through `services.office_create` (treebeard
computes their paths).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import secrets
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg import sql

from . import roster, roster_plan, selectors, services
from .models import Employee, Office, RosterImport, User
from .roster import ParsedRoster, RosterFileError
from .roster_plan import EmployeeState, OfficeState, Plan, RosterState

logger = logging.getLogger(__name__)

CHUNK = 5000  # keys per `IN (…)` look-up (SQLite allows 32,766 parameters)
BATCH = 1000  # rows per bulk_create/bulk_update statement
# Serialises applies on PostgreSQL ("netr"): two imports never interleave their merges.
_LOCK_KEY = 0x6E657472
_STATE_FIELDS = (
    "id",
    "nip",
    "registration_number",
    "name",
    "front_title",
    "back_title",
    "employment_type",
    "golongan",
    "jabatan",
    "office_id",
    "office__path",
    "office__name",
    "is_active",
    "user_id",
)


def _chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _where_in(queryset: QuerySet, field: str, values: list, *, lower: bool = False):
    """`queryset` rows whose `field` (lower-cased if asked) is one of `values`, as a few
    querysets: one `= ANY(array)` on PostgreSQL (100,000 values in one parameter), `IN`
    lists of CHUNK values elsewhere."""
    if not values:
        return
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        column = f"{quote(queryset.model._meta.db_table)}.{quote(field)}"
        column = f"LOWER({column})" if lower else column
        # The values travel as one JSON text: psycopg quotes a Python list of 100,000
        # strings element by element (a third of a second per look-up, measured), while
        # json.dumps is C.
        values_json = json.dumps(values)
        yield queryset.filter(
            # nosemgrep: netra-sql-string-formatting (model metadata only)
            RawSQL(  # noqa: S611  # nosec B611
                f"{column} = ANY(ARRAY(SELECT jsonb_array_elements_text(%s::jsonb)))",
                (values_json,),
                output_field=BooleanField(),
            )
        )
        return
    if lower:
        queryset = queryset.annotate(**{f"{field}_lower": Lower(field)})
        field = f"{field}_lower"
    for chunk in _chunks(values):
        yield queryset.filter(**{f"{field}__in": chunk})


# --- Reading the state -------------------------------------------------------------------------


def load_state(parsed: ParsedRoster, *, scope: Office | None, scope_is_hr: bool) -> RosterState:
    """The offices and employees the file names, the scope's active employees, and who
    already holds the emails and usernames new accounts would take."""
    codes = set(parsed.units) | {u.parent_code for u in parsed.units.values() if u.parent_code}
    offices = {}
    for queryset in _where_in(Office.objects.all(), "code", sorted(codes)):
        for pk, code, name, path, active in queryset.values_list(
            "id", "code", "name", "path", "is_active"
        ):
            offices[code] = OfficeState(pk, code, name, path, active)

    by_nip: dict[str, EmployeeState] = {}
    by_registration: dict[str, EmployeeState] = {}
    scope_employees: list[EmployeeState] = []

    def remember(values: Iterable[tuple]) -> list[EmployeeState]:
        states = [EmployeeState(*value) for value in values]
        for employee in states:
            if employee.nip:
                by_nip[employee.nip] = employee
            if employee.registration_number:
                by_registration[employee.registration_number] = employee
        return states

    employees = Employee.objects.values_list(*_STATE_FIELDS)
    if scope is not None:
        # Usually the file and the scope hold the same people: one query reads both.
        in_scope = employees.filter(office__path__startswith=scope.path)
        scope_employees = [e for e in remember(in_scope) if e.is_active]
    nips = [r.nip for r in parsed.rows if r.nip and r.nip not in by_nip]
    for queryset in _where_in(employees, "nip", nips):
        remember(queryset)
    registrations = [
        r.registration_number
        for r in parsed.rows
        if r.registration_number and r.registration_number not in by_registration
    ]
    for queryset in _where_in(employees, "registration_number", registrations):
        remember(queryset)

    # Accounts are made for ASN with an email and no account yet.
    wanting = [
        r
        for r in parsed.rows
        if r.nip and r.email and (r.nip not in by_nip or by_nip[r.nip].user_id is None)
    ]
    emails = [r.email for r in wanting]
    emails_taken: dict[str, str] = {}
    for queryset in _where_in(User.objects.all(), "email", emails, lower=True):
        emails_taken.update(queryset.values_list(Lower("email"), "username"))
    addresses = EmailAddress.objects.filter(verified=True)
    for queryset in _where_in(addresses, "email", emails, lower=True):
        emails_taken.update(queryset.values_list(Lower("email"), "user__username"))
    accounts: dict[str, bool] = {}
    for queryset in _where_in(User.objects.all(), "username", [r.nip for r in wanting]):
        for username, employee_id in queryset.values_list("username", "employee"):
            accounts[username] = employee_id is not None

    scope_state = None
    if scope is not None:
        scope_state = OfficeState(scope.pk, scope.code, scope.name, scope.path, scope.is_active)
    return RosterState(
        offices=offices,
        employees_by_nip=by_nip,
        employees_by_registration=by_registration,
        scope=scope_state,
        scope_is_hr=scope_is_hr,
        scope_employees=scope_employees,
        emails_taken=emails_taken,
        accounts=accounts,
    )


# --- Writing the plan --------------------------------------------------------------------------


@dataclass
class ApplyResult:
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    deactivated_ids: list[int] = field(default_factory=list)
    accounts_created: int = 0
    units_created: int = 0
    units_renamed: int = 0
    # Every row any statement inserted or changed (offices, accounts, emails, employees).
    rows_written: int = 0

    @property
    def changed_ids(self) -> list[int]:
        return self.created_ids + self.updated_ids + self.deactivated_ids


def apply_plan(plan: Plan, state: RosterState) -> ApplyResult:
    """Write `plan` (run inside a transaction; `roster_import_run` holds it). Units first,
    parent-first, then accounts, then employees (with their account in the same write),
    then deactivations."""
    result = ApplyResult()
    office_ids = {code: office.id for code, office in state.offices.items()}
    for unit in plan.new_units:
        office = services.office_create(
            name=unit.name,
            code=unit.code,
            kind=unit.kind,
            parent=Office(pk=office_ids[unit.parent_code]),
        )
        office_ids[unit.code] = office.pk
        result.units_created += 1
    if plan.renames:
        Office.objects.bulk_update(
            [Office(pk=office.id, name=name) for office, name in plan.renames], ["name"]
        )
        result.units_renamed = len(plan.renames)
    result.rows_written += result.units_created + result.units_renamed

    if connection.vendor == "postgresql":
        _merge_postgresql(plan, state, office_ids, result)
    else:
        _merge_bulk(plan, office_ids, _provision_accounts(plan, state, result), result)

    now = timezone.now()
    ids = [e.id for e in plan.deactivate]
    for chunk in _chunks(ids):
        Employee.objects.filter(pk__in=chunk, is_active=True).update(
            is_active=False, updated_at=now
        )
    result.deactivated_ids = ids
    result.rows_written += len(ids)
    return result


def _unusable_password() -> str:
    # What `make_password(None)` stores ("!" and 40 random characters), without its
    # per-character `secrets.choice` loop, which costs seconds for a city's new accounts.
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _provision_accounts(plan: Plan, state: RosterState, result: ApplyResult) -> dict[str, int]:
    """Sign-in accounts for the plan's new ASN, as `services.account_provision` makes them
    one at a time: username = NIP, no usable password (they set one through "lupa kata
    sandi"), the roster email recorded with allauth as verified and primary. An account
    already named by the NIP and held by nobody is linked instead, untouched.
    (`_merge_postgresql` does the same in SQL.)"""
    new = [row for row in plan.accounts if row.nip not in state.accounts]
    users = User.objects.bulk_create(
        [
            User(
                username=row.nip,
                email=row.email,
                first_name=row.name[:150],
                password=_unusable_password(),
            )
            for row in new
        ],
        batch_size=BATCH,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in users],
        batch_size=BATCH,
    )
    user_ids = {u.username: u.pk for u in users}
    linked = [row.nip for row in plan.accounts if row.nip in state.accounts]
    for queryset in _where_in(User.objects.all(), "username", linked):
        user_ids.update(queryset.values_list("username", "id"))
    result.accounts_created = len(users)
    result.rows_written += 2 * len(users)
    return user_ids


# Employee columns the staging table carries, in COPY order.
_STAGED = (
    "nip",
    "registration_number",
    "front_title",
    "name",
    "back_title",
    "employment_type",
    "golongan",
    "jabatan",
    "office_id",
)


def _staged_rows(plan: Plan) -> list[roster.RosterRow]:
    """The rows the merge gets: new and changed ones. Unchanged rows stay out: a merge that
    finds nothing to update still locks the row, which writes its tuple header and WAL."""
    return plan.creates + [row for row, _state, _changes in plan.updates]


def _merge_postgresql(
    plan: Plan, state: RosterState, office_ids: dict[str, int], result: ApplyResult
) -> None:
    """COPY the new and changed rows into a staging table; create the new accounts from it
    (as `_provision_accounts` does); then one merge per key (NIP for ASN, registration
    number for non-ASN) whose WHERE skips rows that already hold these values (say, an
    admin made the same change since the plan was made)."""
    staged_rows = _staged_rows(plan)
    if not staged_rows:
        return
    quote = connection.ops.quote_name
    employees = quote(Employee._meta.db_table)
    users = quote(User._meta.db_table)
    addresses = quote(EmailAddress._meta.db_table)
    fields = [quote(f) for f in plan.fields]
    # An account is only ever added: a person who has one keeps it.
    user = "COALESCE(e.user_id, EXCLUDED.user_id)"
    set_clause = ", ".join(f"{f} = EXCLUDED.{f}" for f in fields)
    current = ", ".join([f"e.{f}" for f in fields] + ["e.user_id"])
    incoming = ", ".join([f"EXCLUDED.{f}" for f in fields] + [user])
    staged = ", ".join(quote(c) for c in _STAGED)
    with connection.cursor() as cursor:
        new = {row.nip for row in plan.accounts if row.nip not in state.accounts}
        user_ids: dict[str, int] = {}
        linked = [row.nip for row in plan.accounts if row.nip in state.accounts]
        for queryset in _where_in(User.objects.all(), "username", linked):
            user_ids.update(queryset.values_list("username", "id"))
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [User._meta.db_table])
        (sequence,) = cursor.fetchone()

        cursor.execute("DROP TABLE IF EXISTS roster_staging")
        # New accounts take their ids from the accounts' sequence as their rows are COPYed
        # (the column's default), so the staging rows carry them and no statement below
        # joins the accounts back by username. `sequence` is PostgreSQL's own name for it.
        cursor.execute(
            sql.SQL(
                "CREATE TEMPORARY TABLE roster_staging ("
                " nip varchar(18), registration_number varchar(64), front_title varchar(50),"
                " name varchar(200), back_title varchar(100), employment_type varchar(8),"
                " golongan varchar(8), jabatan varchar(255), office_id bigint,"
                " user_id bigint DEFAULT nextval({}::regclass),"
                " email varchar(254), password varchar(128)"
                ") ON COMMIT DROP"
            ).format(sql.Literal(sequence))
        )

        def values(row):
            return (
                row.nip,
                row.registration_number,
                row.front_title,
                row.name,
                row.back_title,
                row.employment_type,
                row.golongan,
                row.jabatan,
                office_ids[row.unit_code],
                row.email,
            )

        with cursor.copy(f"COPY roster_staging ({staged}, email, password) FROM STDIN") as copy:
            for row in staged_rows:
                if row.nip in new:
                    copy.write_row((*values(row), _unusable_password()))
        with cursor.copy(f"COPY roster_staging ({staged}, email, user_id) FROM STDIN") as copy:
            for row in staged_rows:
                if row.nip not in new:
                    copy.write_row((*values(row), user_ids.get(row.nip) if row.nip else None))
        if new:
            # Identifiers here come from the models and fixed lists; values only by COPY.
            cursor.execute(
                # nosemgrep: netra-sql-string-formatting (model metadata only)
                f"INSERT INTO {users} (id, password, is_superuser, username, first_name,"  # noqa: S608  # nosec B608
                " last_name, email, is_staff, is_active, date_joined)"
                " SELECT user_id, password, false, nip, left(name, 150), '', email, false,"
                " true, now() FROM roster_staging WHERE password IS NOT NULL"
            )
            result.accounts_created = cursor.rowcount
            cursor.execute(
                # nosemgrep: netra-sql-string-formatting (model metadata only)
                f'INSERT INTO {addresses} (user_id, email, verified, "primary")'  # noqa: S608  # nosec B608
                " SELECT user_id, email, true, true FROM roster_staging"
                " WHERE password IS NOT NULL"
            )
            result.rows_written += result.accounts_created + cursor.rowcount
        for conflict, rows in (
            ("(nip)", "nip IS NOT NULL"),
            ("(registration_number) WHERE registration_number <> ''", "nip IS NULL"),
        ):
            cursor.execute(
                # nosemgrep: netra-sql-string-formatting (model metadata only)
                f"INSERT INTO {employees} AS e ({staged}, user_id, is_active, created_at,"  # noqa: S608  # nosec B608
                f" updated_at) SELECT {staged}, user_id, true, now(), now() FROM roster_staging"
                f" WHERE {rows}"
                f" ON CONFLICT {conflict} DO UPDATE SET {set_clause}, user_id = {user},"
                " updated_at = EXCLUDED.updated_at"
                f" WHERE ({current}) IS DISTINCT FROM ({incoming})"
                " RETURNING e.id, (e.xmax = 0)"
            )
            for pk, inserted in cursor.fetchall():
                (result.created_ids if inserted else result.updated_ids).append(pk)
    result.rows_written += len(result.created_ids) + len(result.updated_ids)


def _merge_bulk(
    plan: Plan, office_ids: dict[str, int], user_ids: dict[str, int], result: ApplyResult
) -> None:
    """Other databases (SQLite): insert the new rows, update the changed ones, leave the
    unchanged ones alone."""
    now = timezone.now()
    created = Employee.objects.bulk_create(
        [
            Employee(
                nip=row.nip,
                registration_number=row.registration_number,
                front_title=row.front_title,
                name=row.name,
                back_title=row.back_title,
                employment_type=row.employment_type,
                golongan=row.golongan,
                jabatan=row.jabatan,
                office_id=office_ids[row.unit_code],
                user_id=user_ids.get(row.nip) if row.nip else None,
                is_active=True,
            )
            for row in plan.creates
        ],
        batch_size=BATCH,
    )
    changed = []
    for row, state, _changes in plan.updates:
        employee = Employee(pk=state.id, updated_at=now, is_active=True)
        for name in plan.fields:
            if name == "office_id":
                employee.office_id = office_ids[row.unit_code]
            elif name != "is_active":
                setattr(employee, name, getattr(row, name))
        employee.user_id = state.user_id or (user_ids.get(row.nip) if row.nip else None)
        changed.append(employee)
    Employee.objects.bulk_update(changed, [*plan.fields, "user_id", "updated_at"], batch_size=BATCH)
    result.created_ids = [e.pk for e in created]
    result.updated_ids = [e.pk for e in changed]
    result.rows_written += len(created) + len(changed)


# --- Services ----------------------------------------------------------------------------------


def _enqueue(import_id: int) -> None:
    from .tasks import process_roster_import

    transaction.on_commit(lambda: process_roster_import.enqueue(import_id))


@transaction.atomic
def roster_import_create(
    *,
    uploaded_by: User | None,
    file_name: str,
    content: bytes,
    scope: Office | None,
    dry_run: bool = True,
    allow_errors: bool = False,
    confirm_deactivation: bool = False,
    enqueue: bool = True,
) -> RosterImport:
    """Record an uploaded roster and queue its run (a dry run unless asked otherwise).

    HR officers must pick a scope inside their own subtrees; admins may leave it empty
    (then nobody is deactivated). Raises `RosterFileError` for a file that is not a
    roster (too large, not CSV/XLSX by content) and `PermissionError` for a scope the
    uploader does not oversee.
    """
    roster.sniff_format(content, file_name)
    hr_only = uploaded_by is not None and not selectors.roster_import_is_admin(uploaded_by)
    if hr_only and (scope is None or not selectors.oversees(uploaded_by, scope.path)):
        raise PermissionError("scope outside the uploader's offices")
    record = RosterImport.objects.create(
        uploaded_by=uploaded_by,
        file_name=file_name[:255],
        file_size=len(content),
        file_sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        scope=scope,
        dry_run=dry_run,
        allow_errors=allow_errors,
        confirm_deactivation=confirm_deactivation,
    )
    if enqueue:
        _enqueue(record.pk)
    return record


@transaction.atomic
def roster_import_apply(
    *, roster_import: RosterImport, allow_errors: bool, confirm_deactivation: bool
) -> RosterImport:
    """Queue the apply of a checked (or blocked) import with the uploader's choices. The
    file is checked again against the database as it is then."""
    record = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    if record.status not in (RosterImport.Status.CHECKED, RosterImport.Status.BLOCKED):
        return record  # already queued, running or applied: a double click
    record.dry_run = False
    record.allow_errors = allow_errors
    record.confirm_deactivation = confirm_deactivation
    record.status = RosterImport.Status.QUEUED
    record.progress = 0
    record.save(
        update_fields=["dry_run", "allow_errors", "confirm_deactivation", "status", "progress"]
    )
    _enqueue(record.pk)
    return record


def _set_progress(import_id: int, percent: int) -> None:
    RosterImport.objects.filter(pk=import_id).update(progress=percent)


def _progress_reporter(import_id: int, *, start: int, end: int, every: float = 0.5):
    """A `progress(share)` callback that records at most one update every `every` seconds:
    each is a commit of its own, and the page polls once a second."""
    last = time.monotonic()

    def report(share: float) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= every:
            last = now
            _set_progress(import_id, start + int(share * (end - start)))

    return report


def roster_import_run(import_id: int) -> RosterImport:
    """Run a queued import: read and check the file, compare it with the database, and
    (unless it is a dry run) apply it in one transaction. Safe to run twice: only a queued
    import runs. Sends `employees_changed` after the commit of an apply."""
    claimed = RosterImport.objects.filter(pk=import_id, status=RosterImport.Status.QUEUED).update(
        status=RosterImport.Status.RUNNING, progress=1
    )
    imports = RosterImport.objects.select_related("scope", "uploaded_by")
    record = imports.defer("content").get(pk=import_id)
    if not claimed:
        return record
    scope_is_hr = record.uploaded_by is not None and not selectors.roster_import_is_admin(
        record.uploaded_by
    )
    try:
        with _gc_paused():
            _run(record, scope_is_hr=scope_is_hr)
    except RosterFileError as exc:
        _fail(record, exc.message)
    except Exception:
        logger.exception("roster import %s failed", record.pk)
        _fail(record, _("Impor gagal karena kesalahan sistem; hubungi admin."))
    return record


@contextmanager
def _gc_paused():
    """A city's roster is millions of Python objects (cells, rows, states) that all live
    until the import ends; the cyclic garbage collector would walk them again and again
    while they are made (a third of the parse time, measured) to find no cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(record: RosterImport, *, scope_is_hr: bool) -> None:
    content = RosterImport.objects.values_list("content", flat=True).get(pk=record.pk)
    table = roster.read_table(bytes(content), record.file_name)
    del content
    _set_progress(record.pk, 5)
    parsed = roster.parse(table, progress=_progress_reporter(record.pk, start=5, end=60))
    if record.dry_run:
        state = load_state(parsed, scope=record.scope, scope_is_hr=scope_is_hr)
        plan = roster_plan.make_plan(parsed, state)
        _finish(record, plan, RosterImport.Status.CHECKED)
        return
    _set_progress(record.pk, 65)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        state = load_state(parsed, scope=record.scope, scope_is_hr=scope_is_hr)
        plan = roster_plan.make_plan(parsed, state)
        blockers = plan.blockers(
            allow_errors=record.allow_errors, confirm_deactivation=record.confirm_deactivation
        )
        if blockers:
            _finish(record, plan, RosterImport.Status.BLOCKED, blockers=blockers)
            return
        result = apply_plan(plan, state)
        _finish(record, plan, RosterImport.Status.APPLIED, result=result)
        services.employees_changed_on_commit(result.changed_ids)


def _finish(
    record: RosterImport,
    plan: Plan,
    status: str,
    *,
    blockers: list[str] | None = None,
    result: ApplyResult | None = None,
) -> None:
    report = plan.report()
    report["blockers"] = (
        blockers
        if blockers is not None
        else plan.blockers(
            allow_errors=record.allow_errors, confirm_deactivation=record.confirm_deactivation
        )
    )
    fields = [
        "status",
        "progress",
        "finished_at",
        "rows_total",
        "rejected_count",
        "created_count",
        "updated_count",
        "deactivated_count",
        "unchanged_count",
        "report",
        "error",
    ]
    record.status = status
    record.progress = 100
    record.finished_at = timezone.now()
    record.rows_total = plan.total
    record.rejected_count = len(plan.rejected)
    if result is None:
        record.created_count = len(plan.creates)
        record.updated_count = len(plan.updates)
        record.deactivated_count = len(plan.deactivate)
        record.unchanged_count = len(plan.unchanged)
    else:
        record.created_count = len(result.created_ids)
        record.updated_count = len(result.updated_ids)
        record.deactivated_count = len(result.deactivated_ids)
        valid = len(plan.creates) + len(plan.updates) + len(plan.unchanged)
        record.unchanged_count = valid - record.created_count - record.updated_count
        report["accounts"] = result.accounts_created
        report["rows_written"] = result.rows_written
        record.content = b""  # applied: the personal data goes (see RosterImport)
        fields.append("content")
    record.report = report
    record.error = ""
    record.save(update_fields=fields)


def _fail(record: RosterImport, message: str) -> None:
    record.status = RosterImport.Status.FAILED
    record.error = message
    record.progress = 100
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "error", "progress", "finished_at"])
