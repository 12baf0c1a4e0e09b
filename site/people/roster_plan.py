"""Roster import, the comparison: given a checked file (`roster.ParsedRoster`) and the
database as far as the file touches it (`RosterState`, read by `roster_load.load_state`),
what applying it would do. Pure, no ORM.

- A unit code the database does not know becomes a new office under its `unor_induk_id`
  (an existing office or another new unit of the file), created parent-first, its kind
  guessed from its name; a known unit whose `unor_nama` changed is renamed.
- Rows whose unit or parent is unknown, inactive or outside the import's scope, or whose
  registration number or email belongs to someone else, are rejected with a reason.
- Active employees of the scope's subtree who are absent from the file are deactivated,
  never deleted; unless the file was read whole (no row's NIP unreadable), nobody is.
  Deactivating more than half of the scope needs an explicit confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from django.utils.translation import gettext as _

from .roster import ParsedRoster, Rejection, RosterRow, Unit

# Deactivating more than this share of the scope's active employees needs an explicit
# confirmation: it is what uploading one OPD's sheet with the whole city as scope looks like.
CONFIRM_DEACTIVATION_SHARE = 0.5
# How many created, updated and deactivated people a report lists by name (all are counted;
# rejected rows are always listed in full).
REPORT_SAMPLE = 200
_WORDS = re.compile(r"[0-9a-z]+")


# --- Units -----------------------------------------------------------------------------------

# First word(s) of a unit's name -> Office.kind (values of models.OfficeKind).
_KIND_PREFIXES = (
    (("kelurahan", "desa"), "kelurahan"),
    (("kecamatan",), "kecamatan"),
    (
        (
            "upt",
            "uptd",
            "puskesmas",
            "sekolah",
            "sd",
            "sdn",
            "smp",
            "smpn",
            "tk",
            "paud",
            "rsud",
            "rumah sakit",
            "balai",
            "laboratorium",
        ),
        "upt",
    ),
    (
        (
            "dinas",
            "badan",
            "sekretariat",
            "inspektorat",
            "satuan polisi",
            "satpol",
            "kantor",
        ),
        "opd",
    ),
)


def office_kind_for(name: str) -> str:
    """Guess a new unit's kind from its name: Kelurahan/Desa, Kecamatan, UPT-like units
    (UPT, Puskesmas, schools, RSUD), OPDs (Dinas, Badan, Sekretariat, Inspektorat, Satuan
    Polisi Pamong Praja), else a bidang. The first words decide, so "UPT Puskesmas
    Kecamatan Utara" is a UPT."""
    words = " ".join(_WORDS.findall(name.lower()))
    for prefixes, kind in _KIND_PREFIXES:
        for prefix in prefixes:
            if words == prefix or words.startswith(prefix + " "):
                return kind
    return "bidang"


# --- Plan ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficeState:
    id: int
    code: str
    name: str
    path: str
    is_active: bool


@dataclass(slots=True)
class EmployeeState:
    id: int
    nip: str | None
    registration_number: str
    name: str
    front_title: str
    back_title: str
    employment_type: str
    golongan: str
    jabatan: str
    office_id: int
    office_path: str
    office_name: str
    is_active: bool
    user_id: int | None

    @property
    def key(self) -> str:
        return self.nip or self.registration_number

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


@dataclass
class RosterState:
    """The database as far as the file touches it (read by `roster_load.load_state`)."""

    offices: dict[str, OfficeState]  # by code: every unit and parent code of the file
    employees_by_nip: dict[str, EmployeeState]
    employees_by_registration: dict[str, EmployeeState]
    scope: OfficeState | None = None
    # The uploader is an HR officer: the scope is where their authority ends.
    scope_is_hr: bool = False
    scope_employees: list[EmployeeState] = field(default_factory=list)  # active ones
    emails_taken: dict[str, str] = field(default_factory=dict)  # email -> username
    # Accounts named by a NIP: username -> whether an employee already holds the account.
    accounts: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NewUnit:
    code: str
    name: str
    kind: str
    parent_code: str
    depth: int  # steps below the nearest existing office


@dataclass
class Plan:
    """What applying the file would do. `roster_load.apply_plan` writes it."""

    fields: tuple[str, ...]
    creates: list[RosterRow]
    updates: list[tuple[RosterRow, EmployeeState, dict[str, tuple]]]
    unchanged: list[tuple[RosterRow, EmployeeState]]
    deactivate: list[EmployeeState]
    new_units: list[NewUnit]  # parent-first
    renames: list[tuple[OfficeState, str]]
    # Rows whose employee gets a login now (ASN with an email and no account yet).
    accounts: list[RosterRow]
    rejected: list[Rejection]
    scope_active: int
    total: int
    deactivation_skipped: bool
    unit_names: dict[str, str] = field(default_factory=dict)

    @property
    def deactivation_share(self) -> float:
        return len(self.deactivate) / self.scope_active if self.scope_active else 0.0

    def blockers(self, *, allow_errors: bool, confirm_deactivation: bool) -> list[str]:
        """Why the plan may not be applied as asked: "rejected" (rows were rejected and
        importing the good ones was not asked for), "deactivation" (more than half of the
        scope would be deactivated without confirmation), "empty" (nothing valid)."""
        blockers = []
        if self.rejected and not allow_errors:
            blockers.append("rejected")
        if self.deactivation_share > CONFIRM_DEACTIVATION_SHARE and not confirm_deactivation:
            blockers.append("deactivation")
        if not (self.creates or self.updates or self.unchanged):
            blockers.append("empty")
        return blockers

    def report(self) -> dict:
        """JSON for `RosterImport.report`: every rejection, samples of the rest."""
        sample = REPORT_SAMPLE
        return {
            "rejected": [
                {"line": r.line, "key": r.key, "name": r.name, "code": r.code, "reason": r.reason}
                for r in self.rejected
            ],
            "created": [
                {
                    "line": r.line,
                    "key": r.key,
                    "name": r.full_name,
                    "unit": self.unit_names.get(r.unit_code) or r.unit_code,
                }
                for r in self.creates[:sample]
            ],
            "updated": [
                {
                    "line": r.line,
                    "key": r.key,
                    "name": r.full_name,
                    "changes": sorted(changes),
                }
                for r, _state, changes in self.updates[:sample]
            ],
            "deactivated": [
                {"key": e.key, "name": e.full_name, "unit": e.office_name}
                for e in self.deactivate[:sample]
            ],
            "units_created": [
                {"code": u.code, "name": u.name, "kind": u.kind, "parent": u.parent_code}
                for u in self.new_units
            ],
            "units_renamed": [
                {"code": office.code, "old": office.name, "new": name}
                for office, name in self.renames
            ],
            "accounts": len(self.accounts),
            "deactivation_skipped": self.deactivation_skipped,
            "deactivation_share": round(self.deactivation_share, 4),
            "scope_active": self.scope_active,
        }


# Employee fields compared value for value (the office and is_active are compared apart).
_COMPARED = frozenset(
    (
        "name",
        "front_title",
        "back_title",
        "employment_type",
        "golongan",
        "jabatan",
        "registration_number",
    )
)


def make_plan(parsed: ParsedRoster, state: RosterState) -> Plan:
    """Compare the valid rows with the database: who is created, updated, unchanged or
    deactivated, which units are created or renamed, and which rows cannot be applied
    because of what is already there (unknown or out-of-scope unit, a registration number
    or email held by someone else)."""
    scope = state.scope
    unit_of, unit_error, new_units = _resolve_units(parsed.units, state)
    renames = [
        (state.offices[code], unit.name)
        for code, unit in parsed.units.items()
        if code in state.offices
        and code not in unit_error
        and unit.name
        and unit.name != state.offices[code].name
    ]
    fields = parsed.employee_fields
    compared = [f for f in fields if f in _COMPARED]
    compare = attrgetter(*compared)

    creates, updates, unchanged, accounts = [], [], [], []
    rejected = list(parsed.rejected)
    for row in parsed.rows:
        reason = unit_error.get(row.unit_code)
        existing = (
            state.employees_by_nip.get(row.nip)
            if row.nip
            else state.employees_by_registration.get(row.registration_number)
        )
        if reason is None:
            reason = _conflict(row, existing, state, fields)
        if reason is not None:
            rejected.append(Rejection(row.line, row.key, row.name, reason[0], reason[1]))
            continue
        if row.nip and row.email and (existing is None or existing.user_id is None):
            accounts.append(row)
        if existing is None:
            creates.append(row)
            continue
        changes = {}
        if compare(existing) != compare(row):  # one tuple comparison for most rows
            changes = {
                f: (old, new)
                for f in compared
                if (old := getattr(existing, f)) != (new := getattr(row, f))
            }
        target = unit_of[row.unit_code]
        if not isinstance(target, OfficeState) or target.id != existing.office_id:
            changes["office_id"] = (existing.office_name, row.unit_code)
        if not existing.is_active:
            changes["is_active"] = (False, True)
        if accounts and accounts[-1] is row:
            changes["user_id"] = (None, row.email)
        if changes:
            updates.append((row, existing, changes))
        else:
            unchanged.append((row, existing))

    deactivate: list[EmployeeState] = []
    skipped = False
    if scope is not None:
        absent = [
            e
            for e in state.scope_employees
            if (e.nip or e.registration_number) not in parsed.seen_keys
        ]
        if absent and parsed.unidentified:
            skipped = True
        else:
            deactivate = absent
    rejected.sort(key=lambda r: r.line)
    return Plan(
        fields=fields,
        creates=creates,
        updates=updates,
        unchanged=unchanged,
        deactivate=deactivate,
        new_units=new_units,
        renames=renames,
        unit_names={code: unit.name for code, unit in parsed.units.items()},
        accounts=accounts,
        rejected=rejected,
        scope_active=len(state.scope_employees),
        total=parsed.total,
        deactivation_skipped=skipped,
    )


def _in_scope(path: str, scope: OfficeState | None) -> bool:
    return scope is None or path.startswith(scope.path)


def _resolve_units(
    units: dict[str, Unit], state: RosterState
) -> tuple[dict[str, OfficeState | NewUnit], dict[str, tuple[str, str]], list[NewUnit]]:
    """Each unit code of the file -> an existing office, a new unit (under an existing
    office or another new unit), or the reason its rows are rejected."""
    resolved: dict[str, OfficeState | NewUnit] = {}
    errors: dict[str, tuple[str, str]] = {}
    scope = state.scope

    def resolve(code: str, visiting: frozenset[str]) -> None:
        if code in resolved or code in errors:
            return
        office = state.offices.get(code)
        if office is not None:
            if not office.is_active:
                errors[code] = (
                    "unit_inactive",
                    _("Unit %(code)s (%(name)s) sudah nonaktif.")
                    % {"code": code, "name": office.name},
                )
            elif not _in_scope(office.path, scope):
                errors[code] = _outside(code, office.name, state)
            else:
                resolved[code] = office
            return
        unit = units[code]
        parent = unit.parent_code
        if not parent or parent == code or parent in visiting:
            errors[code] = (
                "unknown_parent",
                _(
                    "Unit %(code)s belum terdaftar dan unit induknya (unor_induk_id) kosong "
                    "atau melingkar."
                )
                % {"code": code},
            )
            return
        if parent not in state.offices and parent not in units:
            errors[code] = (
                "unknown_parent",
                _(
                    "Unit induk %(parent)s tidak dikenal: bukan kode unit yang terdaftar dan "
                    "tidak ada di berkas (unit %(code)s)."
                )
                % {"parent": parent, "code": code},
            )
            return
        resolve(parent, visiting | {code})
        if parent in errors:
            parent_code, parent_reason = errors[parent]
            errors[code] = (
                parent_code if parent_code != "unit_inactive" else "unknown_parent",
                _("Unit induk %(parent)s tidak dapat dipakai: %(reason)s")
                % {"parent": parent, "reason": parent_reason},
            )
            return
        above = resolved[parent]
        depth = 1 if isinstance(above, OfficeState) else above.depth + 1
        if not unit.name:
            errors[code] = (
                "unit_name",
                _("Unit %(code)s belum terdaftar; isi unor_nama agar unit dapat dibuat.")
                % {"code": code},
            )
            return
        resolved[code] = NewUnit(code, unit.name, office_kind_for(unit.name), parent, depth)

    for code in units:
        resolve(code, frozenset())
    new_units = sorted(
        (u for u in resolved.values() if isinstance(u, NewUnit)), key=lambda u: u.depth
    )
    return resolved, errors, new_units


def _outside(code: str, name: str, state: RosterState) -> tuple[str, str]:
    if state.scope_is_hr:
        message = _("Unit %(code)s (%(name)s) di luar unit kerja yang Anda kelola (%(scope)s).")
    else:
        message = _("Unit %(code)s (%(name)s) di luar cakupan impor (%(scope)s).")
    return "out_of_scope", message % {"code": code, "name": name, "scope": state.scope.name}


def _conflict(
    row: RosterRow, existing: EmployeeState | None, state: RosterState, fields: Iterable[str]
) -> tuple[str, str] | None:
    """A reason the row cannot be applied given who already holds its identifiers."""
    if (
        existing is not None
        and state.scope_is_hr
        and not _in_scope(existing.office_path, state.scope)
    ):
        return (
            "employee_out_of_scope",
            _(
                "Pegawai ini terdaftar di %(office)s, di luar unit kerja yang Anda kelola; "
                "perpindahan antarunit dicatat oleh admin atau petugas SDM unit asal."
            )
            % {"office": existing.office_name},
        )
    if row.nip is None:
        if existing is not None and existing.nip:
            return (
                "registration_taken",
                _("Nomor registrasi %(number)s milik pegawai ASN (NIP %(nip)s).")
                % {"number": row.registration_number, "nip": existing.nip},
            )
    elif row.registration_number and "registration_number" in fields:
        holder = state.employees_by_registration.get(row.registration_number)
        if holder is not None and holder.nip != row.nip:
            return (
                "registration_taken",
                _("Nomor registrasi %(number)s sudah dipakai pegawai lain (%(name)s).")
                % {"number": row.registration_number, "name": holder.full_name},
            )
    if row.nip and row.email and (existing is None or existing.user_id is None):
        if state.accounts.get(row.nip):
            return (
                "account_taken",
                _("Akun dengan nama pengguna %(nip)s sudah terhubung ke pegawai lain.")
                % {"nip": row.nip},
            )
        holder = state.emails_taken.get(row.email)
        if holder is not None and holder != row.nip:
            return (
                "email_taken",
                _("Email %(email)s sudah dipakai akun lain.") % {"email": row.email},
            )
    return None
