"""Roster import, the pure part: read a SIASN/SIMPEG export, check every row, and work out
what applying it would change. No ORM here.

`roster_load.py` reads the database state this module compares against (`RosterState`) and
writes the `Plan` in bulk; the upload views, the worker job and `manage.py import_roster`
all go through it. Rules:

- Files are CSV (comma or semicolon, UTF-8 with or without BOM; Windows-1252 as a fallback)
  or XLSX (python-calamine). The content decides, not the extension: HTML, PDF and old
  `.xls` files are refused with a sentence saying what they are.
- Headers are matched in snake_case (`nip_baru`), camelCase (`nipBaru`) or Title Case
  ("Nip Baru"), plus a few local synonyms, all folded to one canonical key.
- A row is rejected, with its line and an Indonesian reason, for a bad NIP (the parser's
  own reason), a NIP Excel turned into `1.99005E+17`, a NIP or registration number or email
  that appears twice (every line is reported), an empty name, a malformed email, an
  unknown unit or parent unit, or a unit outside the import's scope. Nothing is dropped
  without a line in the report.
- `unor_id` is the office code. A code the database does not know becomes a new office
  under `unor_induk_id` (an existing office or another new unit of the file), created
  parent-first, its kind guessed from its name.
- Employees of the scope office's subtree who are absent from the file are deactivated,
  never deleted; unless the file was read whole (no row's NIP unreadable), nobody is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from .nip import NipError, normalize_nip, parse_nip
from .rules import NON_ASN, PNS, PNS_GOLONGAN, PPPK, PPPK_GOLONGAN, employment_errors

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Deactivating more than this share of the scope's active employees needs an explicit
# confirmation: it is what uploading one OPD's sheet with the whole city as scope looks like.
CONFIRM_DEACTIVATION_SHARE = 0.5
# How many created, updated and deactivated people a report lists by name (all are counted;
# rejected rows are always listed in full).
REPORT_SAMPLE = 200

# --- Headers -----------------------------------------------------------------------------

NIP = "nip_baru"
REGISTRATION = "nomor_registrasi"
NAME = "nama"
FRONT_TITLE = "gelar_depan"
BACK_TITLE = "gelar_belakang"
UNIT = "unor_id"
UNIT_NAME = "unor_nama"
PARENT = "unor_induk_id"
PARENT_NAME = "unor_induk_nama"
JABATAN = "jabatan_nama"
GOLONGAN = "gol_akhir_nama"
GOLONGAN_CODE = "gol_akhir_id"
EMPLOYMENT = "jenis_pegawai_nama"
CPNS_STATUS = "status_cpns_pns"
EMAIL = "email"
EMAIL_GOV = "email_gov"

COLUMNS = (
    NIP,
    REGISTRATION,
    NAME,
    FRONT_TITLE,
    BACK_TITLE,
    UNIT,
    UNIT_NAME,
    PARENT,
    PARENT_NAME,
    JABATAN,
    GOLONGAN,
    GOLONGAN_CODE,
    EMPLOYMENT,
    CPNS_STATUS,
    EMAIL,
    EMAIL_GOV,
)
_KNOWN = frozenset(COLUMNS)
# Synonyms seen in SIASN's web service, SIMPEG exports and hand-made sheets, after folding.
ALIASES = {
    "nip": NIP,
    "nipbaru": NIP,
    "nip_pppk": NIP,
    "ni_pppk": NIP,
    "nip_ni_pppk": NIP,
    "registration_number": REGISTRATION,
    "no_registrasi": REGISTRATION,
    "no_reg": REGISTRATION,
    "nomor_reg": REGISTRATION,
    "nrk": REGISTRATION,
    "nomor_pegawai": REGISTRATION,
    "no_pegawai": REGISTRATION,
    "nama_lengkap": NAME,
    "nama_pegawai": NAME,
    "jabatan": JABATAN,
    "nama_jabatan": JABATAN,
    "gol_ruang_akhir": GOLONGAN,
    "golongan_akhir_nama": GOLONGAN,
    "golongan": GOLONGAN,
    "gol_ruang": GOLONGAN,
    "golongan_ruang": GOLONGAN,
    "pangkat_golongan": GOLONGAN,
    "gol_ruang_akhir_id": GOLONGAN_CODE,
    "golongan_akhir_id": GOLONGAN_CODE,
    "jenis_pegawai": EMPLOYMENT,
    "status_kepegawaian": EMPLOYMENT,
    "e_mail": EMAIL,
    "alamat_email": EMAIL,
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9a-zA-Z]+")


def canonical_header(raw: str) -> str:
    """`nipBaru`, `NIP Baru`, ` nip_baru ` and `Nip-Baru` all become `nip_baru`."""
    folded = _NOT_WORD.sub("_", _CAMEL.sub("_", raw.strip().lstrip("\ufeff"))).strip("_").lower()
    return ALIASES.get(folded, folded)


# --- Reading files ---------------------------------------------------------------------------


class RosterFileError(ValueError):
    """The file as a whole cannot be read; `message` is the Indonesian sentence to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """A sheet: canonical headers and the data rows as text, each with its line number
    (the line in the CSV file, the row number in the XLSX sheet)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def sniff_format(data: bytes, filename: str = "") -> str:
    """ "csv" or "xlsx" from the bytes themselves; raise `RosterFileError` for anything else.
    An extension that lies (a web page saved as `.csv`) does not get a file through."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise RosterFileError(
            _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 2**20}
        )
    name = filename.lower()
    if name and not name.endswith((".csv", ".xlsx", ".txt")):
        raise RosterFileError(_("Hanya berkas .csv atau .xlsx yang dapat diimpor."))
    if not data.strip():
        raise RosterFileError(_("Berkas kosong."))
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                is_xlsx = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            is_xlsx = False
        if is_xlsx:
            return "xlsx"
        raise RosterFileError(_("Berkas ini arsip ZIP, bukan lembar kerja XLSX."))
    if head.startswith(b"%PDF"):
        raise RosterFileError(_("Berkas ini PDF, bukan CSV atau XLSX. Unggah ekspor datanya."))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFileError(
            _("Format Excel lama (.xls) tidak didukung; simpan sebagai .xlsx atau CSV.")
        )
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text_head.startswith(b"<"):
        raise RosterFileError(
            _(
                "Berkas ini berisi HTML/XML (mungkin halaman web atau ekspor 'xls' dari "
                "aplikasi web), bukan CSV. Buka di Excel lalu simpan sebagai .xlsx atau CSV."
            )
        )
    if b"\x00" in head:
        raise RosterFileError(_("Berkas ini bukan teks CSV maupun XLSX."))
    if name.endswith(".xlsx"):
        raise RosterFileError(_("Berkas bernama .xlsx tetapi isinya bukan lembar kerja XLSX."))
    return "csv"


def read_table(data: bytes, filename: str = "") -> Table:
    """Read a CSV or XLSX export into a `Table` (format from `sniff_format`)."""
    if sniff_format(data, filename) == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page.
        text = data.decode("cp1252", errors="replace")
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(reader.line_num, values) for values in reader]
    except csv.Error as exc:
        raise RosterFileError(
            _("CSV rusak di baris %(line)s: %(error)s") % {"line": reader.line_num, "error": exc}
        ) from None
    position, header = _find_header(values for _line, values in rows[:10])
    data = [row for row in rows[position + 1 :] if "".join(row[1]).strip()]
    return Table(header=header, rows=data)


def _read_xlsx(data: bytes) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        first_error = None
        for index in range(len(workbook.sheet_names)):
            # Keep empty leading rows so list positions are the sheet's row numbers.
            cells = workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)
            try:
                return _xlsx_table(cells)
            except RosterFileError as exc:
                first_error = first_error or exc
    except CalamineError:
        raise RosterFileError(_("Berkas XLSX tidak dapat dibaca (rusak atau terkunci).")) from None
    raise first_error or RosterFileError(_("Berkas XLSX tidak berisi lembar kerja."))


def _xlsx_table(cells: list[list]) -> Table:
    """Only the columns the import reads are turned into text: a SIASN export has about 65
    columns and a city 100,000 rows."""
    position, header = _find_header([_cell_text(v) for v in row] for row in cells[:10])
    used = [i for i, name in enumerate(header) if name in _KNOWN and header.index(name) == i]
    pick = itemgetter(*used)
    width = len(header)
    rows = []
    for number, values in enumerate(cells[position + 1 :], start=position + 2):
        if len(values) < width:
            values = values + [""] * (width - len(values))
        row = [v if type(v) is str else _cell_text(v) for v in pick(values)]
        if "".join(row).strip():
            rows.append((number, row))
    return Table(header=[header[i] for i in used], rows=rows)


def _cell_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            # Past 15 digits a number cell has lost digits (an 18-digit NIP typed into a
            # Number column): show it the way Excel does, so the row says what happened.
            return f"{value:.5E}" if abs(value) >= 1e15 else str(int(value))
        return repr(value)
    if isinstance(value, int):
        return f"{value:.5E}" if abs(value) >= 10**15 else str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)


def _find_header(candidates: Iterable[list[str]]) -> tuple[int, list[str]]:
    """The header row among the first rows (exports often put a title above it): its
    position and its canonical column names."""
    for position, values in enumerate(candidates):
        header = [canonical_header(v) for v in values]
        if NAME in header and UNIT in header and (NIP in header or REGISTRATION in header):
            return position, header
    raise RosterFileError(
        _(
            "Kolom wajib tidak ditemukan. Baris judul harus memuat %(columns)s (atau padanannya, "
            "mis. nipBaru / \u201cNip Baru\u201d)."
        )
        % {"columns": "nip_baru (atau nomor_registrasi), nama, unor_id"}
    )


# --- Rows ------------------------------------------------------------------------------------


@dataclass(slots=True)
class RosterRow:
    """One valid row: an employee as the file describes them (already normalised)."""

    line: int
    nip: str | None
    registration_number: str
    name: str
    front_title: str
    back_title: str
    employment_type: str
    golongan: str
    jabatan: str
    unit_code: str
    email: str

    @property
    def key(self) -> str:
        return self.nip or self.registration_number

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as the file names it (first row that mentions its code wins)."""

    code: str
    name: str
    parent_code: str
    line: int


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    key: str
    name: str
    code: str
    reason: str


@dataclass
class ParsedRoster:
    """What the file says, checked row by row and across rows (duplicates)."""

    columns: frozenset[str]
    rows: list[RosterRow]
    rejected: list[Rejection]
    units: dict[str, Unit]
    # Every NIP and registration number written in the file, valid or not: nobody named in
    # the file is deactivated, even when their row was rejected.
    seen_keys: set[str]
    # Rows whose person could not be identified (unreadable NIP): deactivation is skipped.
    unidentified: int
    total: int

    @property
    def employee_fields(self) -> tuple[str, ...]:
        """Employee fields the file sets; the others keep their current values."""
        fields = ["name", "employment_type", "office_id", "is_active"]
        optional = {
            FRONT_TITLE: "front_title",
            BACK_TITLE: "back_title",
            JABATAN: "jabatan",
            GOLONGAN: "golongan",
            GOLONGAN_CODE: "golongan",
            REGISTRATION: "registration_number",
        }
        for column, name in optional.items():
            if column in self.columns and name not in fields:
                fields.append(name)
        return tuple(fields)


_SCIENTIFIC = re.compile(r"^[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+$")
_PNS_GRADE = re.compile(r"\b(IV|III|II|I)\s*/\s*([a-eA-E])\b")
_PPPK_GRADE = re.compile(r"^(?:gol(?:ongan)?\.?\s*)?([IVX]{1,5})\b", re.IGNORECASE)
# SIASN golongan codes (gol_akhir_id): 11 = I/a ... 45 = IV/e.
_GRADE_CODES = {
    f"{group}{grade}": f"{roman}/{letter}"
    for group, roman in enumerate(("I", "II", "III", "IV"), start=1)
    for grade, letter in enumerate("abcde", start=1)
    if f"{roman}/{letter}" in PNS_GOLONGAN
}
_NON_ASN_WORDS = ("NON", "PTT", "HONOR", "THL", "PPNPN", "KONTRAK", "TENAGA", "OUTSOURC")
_email_validator = EmailValidator()
# The local part of an address as EmailValidator accepts it (dot-atom; quoted local parts,
# which no roster holds, are refused).
_EMAIL_LOCAL = re.compile(r"^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*\Z", re.I)


def _golongan(text: str, code: str, cache: dict) -> str | None:
    """`III/a`, `III/a - Penata Muda`, `Penata Muda (III / A)`, `IX`, `Golongan IX` or a
    SIASN code (`31`); "" when empty, None when unreadable."""
    key = (text, code)
    if key in cache:
        return cache[key]
    value: str | None = ""
    if text:
        match = _PNS_GRADE.search(text.upper())
        if match:
            value = f"{match.group(1)}/{match.group(2).lower()}"
        else:
            match = _PPPK_GRADE.match(text.strip())
            roman = match.group(1).upper() if match else ""
            value = roman if roman in PPPK_GOLONGAN else None
    elif code:
        value = _GRADE_CODES.get(code.strip())
    cache[key] = value
    return value


def _readable_nip(nip: str, today: dt.date) -> bool:
    try:
        parse_nip(nip, today=today)
    except NipError:
        return False
    return True


def _employment_type(text: str, cpns_status: str, nip: str) -> str | None:
    """From `jenis_pegawai_nama` ("PNS", "CPNS", "PPPK", "PPPK Paruh Waktu", "PTT",
    "Honorer"...), else from the NIP's kind (digit 13), else non-ASN; None when unknown."""
    upper = text.upper()
    if upper:
        if any(word in upper for word in _NON_ASN_WORDS):
            return NON_ASN
        if "PPPK" in upper or "P3K" in upper:
            return PPPK
        if "PNS" in upper:
            return PNS
        return None
    if cpns_status.strip().upper() in ("C", "P"):
        return PNS
    if nip:
        return PPPK if len(nip) > 12 and nip[12] == "2" else PNS
    return NON_ASN


def _email_ok(email: str, domains: dict[str, bool]) -> bool:
    """Django's `EmailValidator` rule, with its domain check (the slow half) asked once per
    domain: a roster has thousands of addresses and a handful of domains."""
    local, at, domain = email.rpartition("@")
    if not at or len(email) > 254 or not _EMAIL_LOCAL.match(local):
        return False
    valid = domains.get(domain)
    if valid is None:
        try:
            _email_validator(f"x@{domain}")
            valid = True
        except ValidationError:
            valid = False
        domains[domain] = valid
    return valid


def parse(
    table: Table,
    *,
    today: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> ParsedRoster:
    """Check every row of `table` in memory; return the valid rows and every rejection.

    One pass over the rows (about 100,000 for a city, so the loop avoids work it can skip:
    caches for golongan, employment types and email domains), then the duplicates."""
    today = today or dt.date.today()
    header = table.header
    width = len(header)
    index = {}
    for position, name in enumerate(header):
        index.setdefault(name, position)
    # Absent columns read the empty cell appended at position `width`.
    pick = itemgetter(*(index.get(column, width) for column in COLUMNS))
    padding = [""] * width
    columns = frozenset(c for c in COLUMNS if c in index)

    rows: list[RosterRow] = []
    problems: dict[int, list[tuple[str, str]]] = {}
    identity: dict[int, tuple[str, str]] = {}  # rejected line -> (key as written, name)
    units: dict[str, Unit] = {}
    seen_keys: set[str] = set()
    lines_by_nip: dict[str, list[int]] = defaultdict(list)
    lines_by_registration: dict[str, list[int]] = defaultdict(list)
    lines_by_email: dict[str, list[int]] = defaultdict(list)
    unidentified_lines: set[int] = set()
    grade_cache: dict = {}
    type_cache: dict = {}
    domains: dict[str, bool] = {}
    total = len(table.rows)
    step = max(total // 20, 1000)

    for count, (line, values) in enumerate(table.rows, start=1):
        if progress is not None and count % step == 0:
            progress(count / total)
        if len(values) != width:
            values = (values + padding)[:width]
        values.append("")
        (
            raw_nip,
            registration,
            name,
            front_title,
            back_title,
            unit_code,
            unit_name,
            parent_code,
            _parent_name,
            jabatan,
            golongan_text,
            golongan_code,
            employment_text,
            cpns_status,
            email,
            email_gov,
        ) = [v.strip() for v in pick(values)]
        errors: list[tuple[str, str]] = []

        if unit_code and unit_code not in units:
            units[unit_code] = Unit(unit_code, unit_name, parent_code, line)

        nip = raw_nip
        if not nip.isdigit() and nip:
            nip = normalize_nip(nip.lstrip("'"))  # Excel's "keep as text" apostrophe
            if _SCIENTIFIC.match(nip):
                errors.append(
                    (
                        "nip_excel",
                        _(
                            "NIP %(nip)s telah diubah Excel menjadi notasi ilmiah sehingga "
                            "angkanya hilang; format kolom NIP sebagai Teks lalu ekspor ulang."
                        )
                        % {"nip": raw_nip},
                    )
                )
                unidentified_lines.add(line)
                nip = ""
        if nip:
            seen_keys.add(nip)
            lines_by_nip[nip].append(line)
        if registration:
            seen_keys.add(registration)
            lines_by_registration[registration].append(line)

        type_key = (employment_text, cpns_status)
        employment_type = type_cache.get(type_key) if employment_text else None
        if employment_type is None:
            employment_type = type_cache[type_key] = _employment_type(
                employment_text, cpns_status, nip
            )
        if employment_type is None:
            errors.append(
                (
                    "employment_type",
                    _("Jenis pegawai tidak dikenal: \u201c%(value)s\u201d.")
                    % {"value": employment_text},
                )
            )
            employment_type = PPPK if nip[12:13] == "2" else PNS
        if not nip and not registration and not errors:
            errors.append(
                ("no_key", _("Baris tanpa NIP harus memiliki nomor registrasi (pegawai non-ASN)."))
            )
            unidentified_lines.add(line)

        golongan = _golongan(golongan_text, golongan_code, grade_cache)
        if golongan is None:
            errors.append(
                (
                    "golongan",
                    _("Golongan tidak dikenal: \u201c%(value)s\u201d.")
                    % {"value": golongan_text or golongan_code},
                )
            )
            golongan = ""
        rule = employment_errors(
            employment_type=employment_type, nip=nip or None, golongan=golongan, today=today
        )
        if rule:
            if "nip" in rule and line not in unidentified_lines:
                errors.append(
                    (
                        "nip",
                        _("NIP %(nip)s: %(reason)s")
                        % {"nip": raw_nip or "-", "reason": rule["nip"]},
                    )
                )
                if nip and not _readable_nip(nip, today):
                    unidentified_lines.add(line)
            if "golongan" in rule:
                errors.append(("golongan", rule["golongan"]))

        if not name:
            errors.append(("name", _("Nama kosong.")))
        if not unit_code:
            errors.append(("unit", _("Kode unit (unor_id) kosong.")))
        if (
            len(name) > 200
            or len(front_title) > 50
            or len(back_title) > 100
            or len(jabatan) > 255
            or len(registration) > 64
            or len(unit_code) > 64
            or len(unit_name) > 255
        ):
            errors.extend(
                _too_long(
                    name, front_title, back_title, jabatan, registration, unit_code, unit_name
                )
            )

        email = (email or email_gov).lower()
        if email:
            if not _email_ok(email, domains):
                errors.append(
                    ("email", _("Format email tidak valid: %(email)s") % {"email": email})
                )
            elif nip:  # only ASN get accounts, so only their emails must be unique
                lines_by_email[email].append(line)

        if errors:
            problems[line] = errors
            identity[line] = (raw_nip or registration, name)
            continue
        rows.append(
            RosterRow(
                line,
                nip or None,
                registration,
                name,
                front_title,
                back_title,
                employment_type,
                golongan,
                jabatan,
                unit_code,
                email,
            )
        )

    duplicates_found = False
    for duplicates, code, message in (
        (lines_by_nip, "duplicate_nip", _("NIP ganda dalam berkas (juga di baris %(lines)s).")),
        (
            lines_by_registration,
            "duplicate_registration",
            _("Nomor registrasi ganda dalam berkas (juga di baris %(lines)s)."),
        ),
        (
            lines_by_email,
            "duplicate_email",
            _("Email dipakai lebih dari satu pegawai dalam berkas (juga di baris %(lines)s)."),
        ),
    ):
        for lines in duplicates.values():
            if len(lines) > 1:
                duplicates_found = True
                for line in lines:
                    others = ", ".join(str(other) for other in lines if other != line)
                    problems.setdefault(line, []).append((code, message % {"lines": others}))
    if duplicates_found:
        by_line = {row.line: row for row in rows}
        for line in problems.keys() - identity.keys():
            row = by_line[line]
            identity[line] = (row.nip or row.registration_number, row.name)
        rows = [row for row in rows if row.line not in problems]

    rejected = [
        Rejection(
            line=line,
            key=identity[line][0],
            name=identity[line][1],
            code=errors[0][0],
            reason=" ".join(reason for _code, reason in errors),
        )
        for line, errors in sorted(problems.items())
    ]
    if progress is not None:
        progress(1.0)
    return ParsedRoster(
        columns=columns,
        rows=rows,
        rejected=rejected,
        units=units,
        seen_keys=seen_keys,
        unidentified=len(unidentified_lines),
        total=total,
    )


def _too_long(*values: str) -> list[tuple[str, str]]:
    limits = (
        (_("Nama"), 200),
        (_("Gelar depan"), 50),
        (_("Gelar belakang"), 100),
        (_("Jabatan"), 255),
        (_("Nomor registrasi"), 64),
        (_("Kode unit"), 64),
        (_("Nama unit"), 255),
    )
    return [
        (
            "too_long",
            _("%(field)s terlalu panjang (maksimal %(max)s karakter).")
            % {"field": label, "max": limit},
        )
        for value, (label, limit) in zip(values, limits, strict=True)
        if len(value) > limit
    ]


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
    words = " ".join(_NOT_WORD.sub(" ", name.lower()).split())
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
    roots: dict[str, OfficeState] = {}  # new unit code -> its nearest existing ancestor
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
        if isinstance(above, OfficeState):
            roots[code] = above
            depth = 1
        else:
            roots[code] = roots[parent]
            depth = above.depth + 1
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
