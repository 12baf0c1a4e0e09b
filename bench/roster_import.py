"""Benchmark: importing a 100,000-row SIASN roster, CSV and XLSX, end to end (issue 6).

On a throw-away PostgreSQL database (created here and dropped at the end; its name always
contains "bench": `netra_bench_roster`) it builds a city (1 pemkot, 20 OPDs, 1,000 units
through `services.office_create`), generates a SIASN-like roster itself (valid NIPs, 10%
PPPK, titles, jabatan, golongan, an email on every row, so every row also gets its login
account) as CSV and XLSX, and measures in one run:

1. the peers, measured first: the same rows COPYed straight into the tables the import
   writes, with their indexes, constraints and foreign-key checks, the mapping (office
   ids, account ids) done before the clock starts: the employee table alone (the floor
   for a roster without emails), and the employee, user and email-address tables (the
   floor for a roster whose every row also gets an account); and, for reference, the
   same CSV bytes COPYed into a bare table of text columns (no index, no constraint);
2. the CSV import of the roster alone (the same file without its email column, so no
   account is made): read + check every row + compare with the database + load (COPY
   into staging, INSERT … ON CONFLICT), into an empty roster;
3. the CSV import end to end with the emails: the same plus 100,000 accounts (user and
   allauth email rows, created in SQL from the staging table);
4. the XLSX import end to end, the same way (python-calamine reads the sheet), and of the
   roster alone (no email column);
5. re-importing the unchanged CSV over the loaded roster: the rows it writes (must be 0).

Each import is timed as `roster_import_run` runs it for the worker (RosterImport record,
progress updates and report included), the roster emptied before each (median of
BENCH_ROSTER_REPEAT runs, default 1, so the whole run stays under two minutes). Targets on
the 2-core machine: CSV at most 3x the COPY of the same rows, XLSX at most 3 s, re-import
writes 0 rows. Every measure starts after a CHECKPOINT, so none pays for the one before.

    make bench                                          # or:
    .venv/bin/python bench/roster_import.py
    BENCH_ROSTER_ROWS=20000 .venv/bin/python bench/roster_import.py     # quick check

`run(database_url)` returns the rows as dicts for a bigger bench (bench/rollup.py): called
from a process whose Django already points at another database, it measures in a child
process so neither run's settings leak into the other.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throwaway import Database  # this folder, put on the path just above


def _bench_name(name):
    return name if "bench_roster" in name else "netra_bench_roster"


REPO = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_ROSTER_ROWS", "100000"))
REPEAT = int(os.environ.get("BENCH_ROSTER_REPEAT", "1"))
OPDS, UNITS_PER_OPD = 20, 50
DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/netra_bench_roster"
)
CSV_RATIO_TARGET = 3.0
XLSX_SECONDS_TARGET = 3.0
HEADER = [
    "pns_id",
    "nip_baru",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "unor_id",
    "unor_nama",
    "unor_induk_id",
    "unor_induk_nama",
    "jabatan_nama",
    "gol_akhir_nama",
    "jenis_pegawai_nama",
    "email",
]
FIRST = ["Agus", "Budi", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Made", "Siti"]
LAST = ["Santoso", "Wijaya", "Lestari", "Saputra", "Hidayat", "Kusuma", "Nugroho", "Siregar"]
JABATAN = [
    "Guru Ahli Pertama",
    "Analis Kebijakan",
    "Pranata Komputer",
    "Perawat",
    "Pengadministrasi Umum",
]
GOLONGAN = ["II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a"]
FRONT = ["", "", "", "", "Dr.", "Ir.", "drg."]
BACK = ["", "S.Pd.", "S.Kom.", "S.Sos., M.Si.", "A.Md.Kep.", "S.E."]


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


# --- Data -------------------------------------------------------------------------------------


def build_city() -> tuple[object, list[tuple[str, str, str, str]]]:
    """The pemkot and its units (code, name, OPD code, OPD name), through the service."""
    from netra.people import services

    root = services.office_create(name="Pemerintah Kota Bench", code="BENCH", kind="pemda")
    units = []
    for o in range(OPDS):
        opd = services.office_create(
            name=f"Dinas Bench {o:02d}", code=f"OPD{o:02d}", kind="opd", parent=root
        )
        for u in range(UNITS_PER_OPD):
            code, name = f"OPD{o:02d}-U{u:02d}", f"UPT Bench {o:02d}-{u:02d}"
            services.office_create(name=name, code=code, kind="upt", parent=opd)
            units.append((code, name, opd.code, opd.name))
    return root, units


def roster_rows(units) -> list[list[str]]:
    """ROWS people with valid, unique NIPs: the birth date runs over 14,000 days, and the
    sex digit and sequence number tell apart the people who share one."""
    from netra.people.nip import NipKind, build_nip

    rows = []
    for i in range(ROWS):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=i % 14_000)
        sex, sequence = 1 + (i // 14_000) % 2, 1 + i // 28_000
        pppk = i % 10 == 0
        nip = build_nip(
            birth_date=birth,
            appointment_year=max(2021, birth.year + 22) if pppk else birth.year + 22 + i % 5,
            appointment_month=None if pppk else 1 + i % 12,
            sex=sex,
            sequence=sequence,
            kind=NipKind.PPPK if pppk else NipKind.PNS,
        )
        code, name, parent, parent_name = units[i % len(units)]
        rows.append(
            [
                f"A{i:07d}",
                nip,
                f"{FIRST[i % len(FIRST)]} {LAST[(i // 7) % len(LAST)]}",
                FRONT[i % len(FRONT)],
                BACK[i % len(BACK)],
                "Laki-laki" if sex == 1 else "Perempuan",
                code,
                name,
                parent,
                parent_name,
                JABATAN[i % len(JABATAN)],
                "IX" if pppk else GOLONGAN[i % len(GOLONGAN)],
                "PPPK" if pppk else "PNS",
                f"pegawai{i}@bench.go.id",
            ]
        )
    return rows


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows, header=HEADER) -> bytes:
    """The sheet as Excel writes it (shared strings, every cell text), put together here:
    openpyxl needs about 20 s for 100,000 rows, longer than everything it is there for."""
    strings: dict[str, int] = {}
    lines = []
    for number, row in enumerate([header, *rows], start=1):
        cells = "".join(
            f'<c r="{_column(i)}{number}" t="s"><v>{strings.setdefault(v, len(strings))}</v></c>'
            for i, v in enumerate(row)
            if v
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    shared = "".join(f"<si><t>{escape(v)}</t></si>" for v in strings)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><sheetData>{"".join(lines)}</sheetData></worksheet>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return out.getvalue()


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


# --- Measures ---------------------------------------------------------------------------------


def copy_floor(data: bytes) -> float:
    """The same CSV bytes straight into a bare table: what the database alone needs."""
    from django.db import connection

    columns = ", ".join(f"{name} text" for name in HEADER)
    times = []
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_roster_raw ({columns})")
        for _ in range(REPEAT):
            cursor.execute("TRUNCATE bench_roster_raw")
            started = time.perf_counter()
            with cursor.copy("COPY bench_roster_raw FROM STDIN (FORMAT csv, HEADER true)") as copy:
                copy.write(data)
            times.append(time.perf_counter() - started)
        cursor.execute("SELECT count(*) FROM bench_roster_raw")
        assert cursor.fetchone()[0] == ROWS
        cursor.execute("DROP TABLE bench_roster_raw")
    return statistics.median(times)


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def copy_table_floor(rows, *, accounts: bool) -> float:
    """The rows the import writes, already mapped to the tables' columns (office ids
    looked up, account ids assigned), COPYed straight into those tables with their
    indexes, constraints and foreign-key checks, in one transaction: what loading the
    roster costs the database with no Python in the way. The employee table alone, or
    with `accounts` also one user and one email address per row (what the import makes
    for a roster with emails). The CSV is made before the clock starts; the tables are
    emptied again after."""
    from allauth.account.models import EmailAddress
    from django.db import connection, transaction

    from netra.people.models import Employee, Office, User

    offices = dict(Office.objects.values_list("code", "id"))
    stamp = dt.datetime.now(dt.UTC).isoformat()
    # pns_id, nip, nama, gelar_depan, gelar_belakang, _, unor_id, …, jabatan, gol, jenis, email
    employees = _csv(
        (
            row[1],
            "",
            row[3],
            row[2],
            row[4],
            row[12],
            row[11],
            row[10],
            offices[row[6]],
            "t",
            stamp,
            stamp,
            i + 1 if accounts else "",
        )
        for i, row in enumerate(rows)
    )
    quote = connection.ops.quote_name
    # An empty CSV field is NULL to COPY; these columns hold "" instead.
    blank = "registration_number, front_title, back_title, golongan, jabatan"
    copies = [
        (
            f"COPY {quote(Employee._meta.db_table)} (nip, registration_number, front_title,"
            " name, back_title, employment_type, golongan, jabatan, office_id, is_active,"
            f" created_at, updated_at, user_id) FROM STDIN (FORMAT csv, FORCE_NOT_NULL ({blank}))",
            employees,
        )
    ]
    if accounts:
        users = _csv(
            [i + 1, "!unusable", "f", row[1], row[2], "", row[13], "f", "t", stamp]
            for i, row in enumerate(rows)
        )
        addresses = _csv([i + 1, row[13], "t", "t"] for i, row in enumerate(rows))
        copies[:0] = [
            (
                f"COPY {quote(User._meta.db_table)} (id, password, is_superuser, username,"
                " first_name, last_name, email, is_staff, is_active, date_joined)"
                " FROM STDIN (FORMAT csv, FORCE_NOT_NULL (last_name))",
                users,
            ),
            (
                f'COPY {quote(EmailAddress._meta.db_table)} (user_id, email, verified, "primary")'
                " FROM STDIN (FORMAT csv)",
                addresses,
            ),
        ]
    times = []
    for _ in range(REPEAT):
        empty_roster()
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for statement, data in copies:
                with cursor.copy(statement) as copy:
                    copy.write(data)
        times.append(time.perf_counter() - started)
        assert Employee.objects.count() == ROWS
        assert User.objects.count() == (ROWS if accounts else 0)
    empty_roster()
    return statistics.median(times)


def empty_roster() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        # Accounts go too: the import makes one per row. CASCADE reaches the tables that
        # point at accounts (all empty here apart from the imports' records).
        cursor.execute(
            "TRUNCATE people_employee, account_emailaddress, people_user, people_rosterimport"
            " CASCADE"
        )
        cursor.execute("VACUUM ANALYZE people_employee")
        cursor.execute("VACUUM ANALYZE people_user")
        # Every measure starts with the write-ahead log flushed, so that none pays for a
        # checkpoint the one before it caused.
        cursor.execute("CHECKPOINT")


def import_once(data: bytes, name: str, scope):
    from netra.people.roster_load import roster_import_create, roster_import_run

    record = roster_import_create(
        uploaded_by=None, file_name=name, content=data, scope=scope, dry_run=False, enqueue=False
    )
    started = time.perf_counter()
    record = roster_import_run(record.pk)
    seconds = time.perf_counter() - started
    assert record.status == "applied", (record.status, record.error, record.report.get("blockers"))
    return seconds, record


def fresh_imports(data: bytes, name: str, scope) -> tuple[float, object]:
    times, record = [], None
    for _ in range(REPEAT):
        empty_roster()
        seconds, record = import_once(data, name, scope)
        assert record.created_count == ROWS and record.rejected_count == 0, record.report
        times.append(seconds)
    return statistics.median(times), record


def parse_only(data: bytes, name: str) -> float:
    """Reading and checking alone (with the garbage collector paused, as the import runs)."""
    from netra.people import roster

    gc.disable()
    try:
        started = time.perf_counter()
        parsed = roster.parse(roster.read_table(data, name))
        seconds = time.perf_counter() - started
    finally:
        gc.enable()
    assert len(parsed.rows) == ROWS
    return seconds


def measure() -> list[dict]:
    from django.db import connection

    from netra.people.models import Employee, User

    log(f"city: {OPDS} OPDs, {OPDS * UNITS_PER_OPD} units ...")
    scope, units = build_city()
    log(f"roster: {ROWS:,} rows as CSV and XLSX ...")
    rows = roster_rows(units)
    data_csv = csv_bytes(rows)
    data_plain = csv_bytes([row[:-1] for row in rows], header=HEADER[:-1])
    started = time.perf_counter()
    data_xlsx = xlsx_bytes(rows)
    data_xlsx_plain = xlsx_bytes([row[:-1] for row in rows], header=HEADER[:-1])
    log(
        f"  CSV {len(data_csv) / 2**20:.1f} MB, XLSX {len(data_xlsx) / 2**20:.1f} MB"
        f" (XLSX written in {time.perf_counter() - started:.1f} s)"
    )

    log("peers: raw COPY into a bare table, and into the tables the import writes ...")
    floor = copy_floor(data_csv)
    table_floor = copy_table_floor([row[:-1] for row in rows], accounts=False)
    accounts_floor = copy_table_floor(rows, accounts=True)
    log(
        f"  bare table {floor:.2f} s, employee table {table_floor:.2f} s,"
        f" with accounts {accounts_floor:.2f} s"
    )
    log("CSV import without emails (no accounts) ...")
    plain_seconds, _plain = fresh_imports(data_plain, "siasn.csv", scope)
    assert not User.objects.exists()
    log("CSV import ...")
    csv_seconds, csv_record = fresh_imports(data_csv, "siasn.csv", scope)
    csv_parse = parse_only(data_csv, "siasn.csv")
    log("XLSX import without emails (no accounts) ...")
    xlsx_plain_seconds, _plain = fresh_imports(data_xlsx_plain, "siasn.xlsx", scope)
    log("XLSX import ...")
    xlsx_seconds, _xlsx_record = fresh_imports(data_xlsx, "siasn.xlsx", scope)
    assert Employee.objects.filter(user__isnull=False).count() == ROWS
    assert User.objects.count() == ROWS

    log("re-import of the unchanged CSV ...")
    versions = "SELECT sum(xmin::text::bigint), max(updated_at) FROM people_employee"
    with connection.cursor() as cursor:
        cursor.execute(versions)
        before = cursor.fetchone()
    again_seconds, again = import_once(data_csv, "siasn.csv", scope)
    with connection.cursor() as cursor:
        cursor.execute(versions)
        untouched = cursor.fetchone() == before
    written = again.report["rows_written"]

    # The peers: the same rows COPYed into the tables the import writes (the employee
    # table; with accounts also the user and email tables), the target's floor; and the
    # CSV COPYed into a bare text table, what the database needs with no index at all.
    roster_peer = "raw COPY of the same rows into the employee table"
    accounts_peer = "raw COPY of the same rows into the employee, user and email tables"

    def row(what, seconds, peer, peer_seconds, target, ok, **extras):
        return {
            "what": what,
            "n": ROWS,
            "seconds": round(seconds, 2),
            "peer": peer,
            "peer_seconds": round(peer_seconds, 2),
            "ratio": f"{seconds / peer_seconds:.1f}x",
            "target": target,
            "ok": ok,
            "vs_bare_copy": f"{seconds / floor:.0f}x",
            **extras,
        }

    csv_target = f"<= {CSV_RATIO_TARGET:.0f}x"
    xlsx_target = f"<= {XLSX_SECONDS_TARGET:.0f} s"
    return [
        row(
            "roster CSV import, roster only (no email column: no accounts)",
            plain_seconds,
            roster_peer,
            table_floor,
            csv_target,
            plain_seconds <= CSV_RATIO_TARGET * table_floor,
        ),
        row(
            "roster CSV import end to end (parse+validate+load+100k accounts)",
            csv_seconds,
            accounts_peer,
            accounts_floor,
            csv_target,
            csv_seconds <= CSV_RATIO_TARGET * accounts_floor,
            parse_validate_seconds=round(csv_parse, 2),
            rows_written=csv_record.report["rows_written"],
        ),
        row(
            "roster XLSX import, roster only (no email column: no accounts)",
            xlsx_plain_seconds,
            roster_peer,
            table_floor,
            xlsx_target,
            xlsx_plain_seconds <= XLSX_SECONDS_TARGET,
        ),
        row(
            "roster XLSX import end to end (calamine+validate+load+100k accounts)",
            xlsx_seconds,
            accounts_peer,
            accounts_floor,
            xlsx_target,
            xlsx_seconds <= XLSX_SECONDS_TARGET,
        ),
        row(
            "roster re-import of the unchanged CSV",
            again_seconds,
            roster_peer,
            table_floor,
            "0 rows written",
            written == 0 and untouched and again.unchanged_count == ROWS,
            rows_written=written,
        ),
        {
            "what": "peer: raw COPY of the same CSV into a bare table of text columns",
            "n": ROWS,
            "seconds": round(floor, 2),
            "peer": "-",
            "peer_seconds": round(floor, 2),
            "ratio": "1.0x",
            "target": "reference",
            "ok": None,  # no target: the reference floor
        },
    ]


# --- Running ----------------------------------------------------------------------------------


def _configure(database: Database) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "netra.settings.test",
            "DATABASE_URL": database.url,
            "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(REPO / ".test-media")),
        }
    )
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _django_is_set_up() -> bool:
    if "django.conf" not in sys.modules:
        return False
    from django.conf import settings

    return settings.configured


def run(database_url: str = DATABASE_URL) -> list[dict]:
    """Measure on a throw-away database on `database_url`'s server; the rows as dicts
    (what, n, seconds, peer, peer_seconds, ratio, target, ok and extras)."""
    if _django_is_set_up():
        child = subprocess.run(  # noqa: S603 - our own interpreter and this file
            [sys.executable, __file__, "--json"],
            env={**os.environ, "DATABASE_URL": database_url},
            cwd=REPO,
            stdout=subprocess.PIPE,
            check=True,
        )
        return json.loads(child.stdout)
    database = Database(database_url, name_for=_bench_name, script="bench/roster_import.py")
    database.create()
    try:
        _configure(database)
        try:
            return measure()
        finally:
            from django.db import connections

            connections.close_all()
    finally:
        database.drop()


def main() -> None:
    rows = run(DATABASE_URL)
    if "--json" in sys.argv:
        print(json.dumps(rows))
        return
    print()
    for row in rows:
        extras = {
            k: v
            for k, v in row.items()
            if k not in {"what", "n", "seconds", "peer", "peer_seconds", "ratio", "target", "ok"}
        }
        print(
            f"{row['what']}: {row['n']:,} rows, {row['seconds']} s"
            f" | peer ({row['peer']}): {row['peer_seconds']} s | {row['ratio']}"
            f" | target {row['target']}: {({True: 'PASS', False: 'FAIL'}).get(row['ok'], '-')}"
            + (f" | {extras}" if extras else "")
        )


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
