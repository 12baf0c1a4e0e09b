"""Fuzzing the parsers that read what people upload or type: the roster reader (CSV bytes
in any encoding, BOM, delimiter, header style and cell content; XLSX files with bytes
flipped, cut or inserted) and the NIP parser. Whatever comes in, they answer with their
documented refusal (`RosterFileError`, `NipError`) or a result, never another exception.

`make test` runs a modest number of examples per test; set NETRA_FUZZ_EXAMPLES (e.g.
`NETRA_FUZZ_EXAMPLES=20000 pytest tests/security/test_fuzz.py`) for a long run.
"""

import csv
import datetime as dt
import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from netra.home import uploads
from netra.people import roster
from netra.people.factories import nip_for
from netra.people.nip import NIP_LENGTH, NipError, normalize_nip, parse_nip

EXAMPLES = int(os.environ.get("NETRA_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TODAY = dt.date(2026, 11, 21)
# A valid NIP written in fullwidth digits, as an East Asian keyboard types it.
FULLWIDTH_NIP = "198609262015051001".translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})


def read_and_parse(data: bytes, name: str):
    """What an upload goes through: the format sniffed from the bytes, the table read, and
    every row checked. Only RosterFileError may stop it."""
    try:
        table = roster.read_table(data, name)
    except roster.RosterFileError as exc:
        assert exc.message  # an Indonesian sentence for the person who uploaded
        return None
    parsed = roster.parse(table, today=TODAY)
    for rejection in parsed.rejected:
        assert rejection.line >= 1
    return parsed


# -- CSV ----------------------------------------------------------------------------------

HEADER_STYLES = [
    lambda c: c,  # nip_baru
    lambda c: c.split("_")[0] + "".join(w.title() for w in c.split("_")[1:]),  # nipBaru
    lambda c: " ".join(w.title() for w in c.split("_")),  # Nip Baru
    lambda c: c.upper().replace("_", "-"),  # NIP-BARU
]
cell_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "  ", '"', '""', "\n", "\r\n", ";", ",", "III/a", "IX", "PNS", "PPPK", "PTT"]
    ),
    st.builds(nip_for, st.integers(0, 5000)),
    st.from_regex(r"[0-9]{1,2}[.,][0-9]{1,6}E\+?[0-9]{2}", fullmatch=True),  # Excel's NIPs
    st.emails(),
)


@st.composite
def csv_files(draw) -> bytes:
    columns = draw(
        st.lists(
            st.sampled_from((*roster.COLUMNS, "unor_nama", "kolom_lain", "")),
            min_size=0,
            max_size=12,
        )
    )
    if draw(st.booleans()):  # usually a header the reader finds
        columns = ["nip_baru", "nama", "unor_id", *columns]
    style = draw(st.sampled_from(HEADER_STYLES))
    header = [style(c) for c in columns]
    rows = draw(st.lists(st.lists(cell_text, min_size=0, max_size=len(header) + 2), max_size=12))
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])),
        lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])),
    )
    for _title in range(draw(st.integers(0, 2))):  # export titles above the header
        writer.writerow([draw(st.text(max_size=20))])
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # bytes flipped by a bad transfer
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        data = data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1 :]
    return data


@FUZZ
@given(csv_files())
def test_csv_rosters_never_crash_the_reader(data):
    read_and_parse(data, "siasn.csv")


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["siasn.csv", "siasn.xlsx", "siasn", ""]))
@example(b"\xef\xbb\xbf", "siasn.csv")
@example(b'"', "siasn.csv")
@example(b'nip_baru,nama,unor_id\n"unterminated', "siasn.csv")
@example(b"PK\x03\x04", "siasn.xlsx")
def test_any_bytes_never_crash_the_reader(data, name):
    read_and_parse(data, name)


# -- XLSX ---------------------------------------------------------------------------------


def xlsx_roster() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Daftar pegawai"])
    sheet.append(["NIP Baru", "Nama", "Unor Id", "Gol Akhir Nama", "Email"])
    sheet.append([nip_for(1), "Budi Santoso", "DISDIK", "III/a", "budi@example.go.id"])
    sheet.append([1.99005e17, "Excel Mengubah NIP", "DISDIK", "IX", None])
    sheet.append([int(nip_for(2)), "Angka Bulat", 42, 3.5, True])
    sheet.append([dt.datetime(2020, 1, 2), None, "", None, "bukan email"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = xlsx_roster()


def newer_zip_version(data: bytes) -> bytes:
    """The archive with its first directory entry asking for zip format 6.4, which Python's
    zipfile refuses with NotImplementedError: the crash the fuzzer first found."""
    at = data.index(b"PK\x01\x02") + 6
    return data[:at] + bytes([64, 0]) + data[at + 2 :]


def test_the_unmutated_xlsx_reads():
    parsed = read_and_parse(XLSX, "siasn.xlsx")
    assert parsed is not None and parsed.total == 4


@st.composite
def mutated_xlsx(draw) -> bytes:
    data = bytearray(XLSX)
    for _flip in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] if draw(st.booleans()) else data[cut:]
    if draw(st.booleans()):
        position = draw(st.integers(0, len(data)))
        data[position:position] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


@FUZZ
@given(mutated_xlsx())
@example(newer_zip_version(XLSX))
def test_mutated_xlsx_never_crashes_the_reader(data):
    read_and_parse(data, "siasn.xlsx")


# -- uploaded documents -------------------------------------------------------------------


def office_file(kind: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(f"{uploads.OOXML[kind]}document.xml", "<document/>" * 20)
    return out.getvalue()


OFFICE = {kind: office_file(kind) for kind in ("docx", "xlsx", "pptx", "odt")}


@st.composite
def mutated_office_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(OFFICE)))
    data = bytearray(OFFICE[kind])
    for _flip in range(draw(st.integers(1, 6))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return f"berkas.{kind}", bytes(data)


@FUZZ
@given(
    st.one_of(
        mutated_office_files(),
        st.tuples(
            st.sampled_from(["a.pdf", "a.docx", "a.odt", "a.txt", "a.xlsx"]),
            st.binary(max_size=1024),
        ),
    )
)
@example(("berkas.docx", newer_zip_version(OFFICE["docx"])))
@example(("berkas.odt", newer_zip_version(OFFICE["odt"])))
def test_the_document_content_check_never_crashes(upload):
    """The admin's document upload (netra.home.uploads) reads every file it is given."""
    name, data = upload
    problem = uploads.content_problem(name, io.BytesIO(data))
    assert problem is None or isinstance(str(problem), str)


# -- NIP ----------------------------------------------------------------------------------

unicode_digits = st.text(
    alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=NIP_LENGTH + 2
)
nip_like = st.one_of(
    st.text(max_size=30),
    unicode_digits,
    st.from_regex(r"[0-9 \t\u00a0\u2009-]{0,30}", fullmatch=True),
    st.floats(allow_nan=True, allow_infinity=True).map(str),  # 1.99005e+17, nan, inf
    st.floats(min_value=1e16, max_value=1e18).map(lambda f: f"{f:E}"),
    st.integers(min_value=0, max_value=10**20).map(str),
    st.builds(nip_for, st.integers(0, 10_000)),
)


@FUZZ
@given(nip_like)
@example("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١")  # Arabic-Indic digits
@example(FULLWIDTH_NIP)
@example("1.98609E+17")
@example("198609262015051001\x00")
@example("19860229 201505 1 001")  # no 29 February in 1986
def test_the_nip_parser_only_ever_raises_nip_error(raw):
    try:
        info = parse_nip(raw, today=TODAY)
    except NipError as exc:
        assert exc.code and exc.message
    else:
        assert info.nip == normalize_nip(raw)
        assert len(info.nip) == NIP_LENGTH and info.nip.isascii() and info.nip.isdigit()
        assert info.birth_date < TODAY


@FUZZ
@given(st.text(max_size=60))
def test_header_folding_never_crashes(raw):
    assert isinstance(roster.canonical_header(raw), str)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_plain_roster_reads_in_each_encoding(encoding):
    """The fuzzed reader is the real one: a well-formed file is read and its row checked."""
    text = f"NIP Baru;Nama;Unor Id\n{nip_for(7)};Siti Rahmawati;DISDIK\n"
    parsed = read_and_parse(text.encode(encoding), "siasn.csv")
    assert parsed is not None and [r.name for r in parsed.rows] == ["Siti Rahmawati"]
