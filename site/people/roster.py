"""Roster import, reading and checking: read a SIASN/SIMPEG export and check every row in
memory. Pure, no ORM.

`roster_plan.py` compares the checked rows with the database; `roster_load.py` reads that
state and writes the plan in bulk. The upload views, the worker job and
`manage.py import_roster` all go through these three. Rules here:

- Files are CSV (comma or semicolon, UTF-8 with or without BOM; Windows-1252 as a fallback)
  or XLSX (python-calamine). The content decides, not the extension: HTML, PDF and old
  `.xls` files are refused with a sentence saying what they are.
- Headers are matched in snake_case (`nip_baru`), camelCase (`nipBaru`) or Title Case
  ("Nip Baru"), plus a few local synonyms, all folded to one canonical key.
- A row is rejected, with its line and an Indonesian reason, for a bad NIP (the parser's
  own reason), a NIP Excel turned into `1.99005E+17`, a NIP, registration number or email
  that appears twice (every line is reported), an empty name, a malformed email, an
  unknown golongan or employment type, or an empty unit. Nothing is dropped without a line
  in the report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from .nip import NipError, normalize_nip, parse_nip
from .rules import NON_ASN, PNS, PNS_GOLONGAN, PPPK, PPPK_GOLONGAN, employment_errors

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

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
    """A sheet: canonical headers and the data rows, each with its line number (the line
    in the CSV file, the row number in the XLSX sheet). Cells are text (CSV) or as calamine
    reads them (XLSX); blank lines are still there."""

    header: list[str]
    rows: list[tuple[int, list]]


# What zipfile raises for a damaged or crafted archive, besides BadZipFile: an unsupported
# "version needed to extract", a name flagged UTF-8 that is not, a directory pointing past
# the end (found by tests/security/test_fuzz.py).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    ValueError,
    EOFError,
    OSError,
)


def sniff_format(data: bytes, filename: str = "") -> str:
    """ "csv" or "xlsx" from the bytes themselves; raise `RosterFileError` for anything else.
    An extension that lies (a web page saved as `.csv`) does not get a file through."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise RosterFileError(
            _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 2**20}
        )
    name = filename.lower()
    if name and not name.endswith((".csv", ".xlsx")):
        raise RosterFileError(_("Hanya berkas .csv atau .xlsx yang dapat diimpor."))
    if not data.strip():
        raise RosterFileError(_("Berkas kosong."))
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                is_xlsx = "xl/workbook.xml" in archive.namelist()
        except ZIP_ERRORS:
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
    return Table(header=header, rows=rows[position + 1 :])


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
    """Cells stay as calamine returns them (text, numbers, dates); `parse` turns the ones it
    reads into text (a SIASN export has about 65 columns, the import reads 16)."""
    position, header = _find_header([_cell_text(v) for v in row] for row in cells[:10])
    return Table(header=header, rows=list(enumerate(cells[position + 1 :], start=position + 2)))


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
            "mis. nipBaru / “Nip Baru”)."
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
    lines = len(table.rows)
    step = max(lines // 20, 1000)
    total = 0  # lines that are not blank

    for count, (line, values) in enumerate(table.rows, start=1):
        if progress is not None and count % step == 0:
            progress(count / lines)
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
        ) = cells = [(v if type(v) is str else _cell_text(v)).strip() for v in pick(values)]
        if not any(cells):
            continue  # a blank line
        total += 1
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
                    _("Jenis pegawai tidak dikenal: “%(value)s”.") % {"value": employment_text},
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
                    _("Golongan tidak dikenal: “%(value)s”.")
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
