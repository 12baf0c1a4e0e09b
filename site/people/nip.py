"""NIP (PNS) and NI PPPK parsing: a pure function, no ORM.

Layout of the 18 digits (Perka BKN 22/2007 for PNS; BKN practice for PPPK):

    PNS   YYYYMMDD YYYYMM  G NNN   birth date, TMT CPNS year+month, sex, sequence
    PPPK  YYYYMMDD YYYY 2F G NNN   birth date, appointment year, "2", contract code, sex, seq.

Digits 13-14 tell the two apart: a month (01-12) for PNS, "2x" for PPPK. The PPPK contract
digit is treated as opaque because part-time (paruh waktu) numbers use other codes.
Non-ASN staff (PTT, honorer) have no NIP at all.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import NamedTuple

NIP_LENGTH = 18
MIN_AGE_AT_APPOINTMENT = 18
_WHITESPACE = re.compile(r"\s+")


class NipKind(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class NipError(ValueError):
    """A NIP that cannot be right. `code` is stable for tests and imports; `message` is
    the Indonesian sentence shown to people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class NipInfo(NamedTuple):
    """A checked NIP's parts. Immutable; a named tuple rather than a frozen dataclass
    because a roster import builds one per row, and a tuple is built several times faster."""

    nip: str
    kind: NipKind
    birth_date: dt.date
    appointment_year: int
    appointment_month: int | None  # PPPK numbers carry only the year
    sex: int  # 1 = laki-laki, 2 = perempuan
    sequence: int

    @property
    def formatted(self) -> str:
        """The usual written form, e.g. `19860926 201505 1 001`."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def normalize_nip(raw: str) -> str:
    """Strip every kind of whitespace; people paste NIPs as `19860926 201505 1 001`."""
    return _WHITESPACE.sub("", raw or "")


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def parse_nip(raw: str, *, today: dt.date | None = None) -> NipInfo:
    """Parse and check a NIP or NI PPPK; raise `NipError` naming the first problem.

    Checks, in order: digits only, 18 digits, a real birth date, the kind (digit 13),
    a real appointment month for PNS, appointment at age 18 or later and not in the
    future, sex digit 1 or 2, and a sequence number other than 000.
    """
    today = today or dt.date.today()
    # A clean NIP (most of them, and every row of a roster export) skips the regex.
    nip = raw if raw and raw.isdigit() else normalize_nip(raw)
    if not nip:
        raise NipError("empty", "NIP wajib diisi.")
    if not nip.isascii() or not nip.isdigit():
        raise NipError("not_digits", "NIP hanya boleh berisi angka (spasi diabaikan).")
    if len(nip) != NIP_LENGTH:
        raise NipError(
            "length", f"NIP harus terdiri dari 18 angka; yang dimasukkan {len(nip)} angka."
        )

    try:
        birth_date = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(
            "birth_date",
            "Tanggal lahir pada NIP (angka ke-1 s.d. 8, format TTTTBBHH) bukan tanggal yang ada.",
        ) from None
    if birth_date.year < 1900 or birth_date > today:
        raise NipError("birth_date", "Tanggal lahir pada NIP (angka ke-1 s.d. 8) tidak masuk akal.")

    appointment_year = int(nip[8:12])
    kind_digit = nip[12]
    if kind_digit in "01":
        kind = NipKind.PNS
        appointment_month = int(nip[12:14])
        if not 1 <= appointment_month <= 12:
            raise NipError(
                "appointment_month",
                "Bulan pengangkatan CPNS pada NIP (angka ke-13 dan 14) harus 01 s.d. 12.",
            )
        appointed_on = dt.date(appointment_year, appointment_month, 1)
    elif kind_digit == "2":
        kind = NipKind.PPPK
        appointment_month = None
        appointed_on = dt.date(appointment_year, 12, 31)
    else:
        raise NipError(
            "kind",
            "Angka ke-13 NIP harus 0 atau 1 (bulan pengangkatan PNS) atau 2 (kode PPPK).",
        )

    if appointment_year > today.year or (appointment_month is not None and appointed_on > today):
        raise NipError(
            "appointment_future", "Tahun/bulan pengangkatan pada NIP berada di masa depan."
        )
    if appointed_on < _add_years(birth_date, MIN_AGE_AT_APPOINTMENT):
        raise NipError(
            "appointment_too_early",
            "Tanggal pengangkatan pada NIP lebih awal dari usia 18 tahun menurut tanggal lahir.",
        )

    sex = int(nip[14])
    if sex not in (1, 2):
        raise NipError(
            "sex", "Angka ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."
        )

    sequence = int(nip[15:18])
    if sequence == 0:
        raise NipError("sequence", "Nomor urut pada NIP (angka ke-16 s.d. 18) tidak boleh 000.")

    return NipInfo(
        nip=nip,
        kind=kind,
        birth_date=birth_date,
        appointment_year=appointment_year,
        appointment_month=appointment_month,
        sex=sex,
        sequence=sequence,
    )


def build_nip(
    *,
    birth_date: dt.date,
    appointment_year: int,
    appointment_month: int | None = None,
    sex: int,
    sequence: int = 1,
    kind: NipKind = NipKind.PNS,
    pppk_contract_digit: int = 1,
) -> str:
    """Compose a NIP from its parts (used by factories and the demo seed)."""
    middle = (
        f"{appointment_year:04d}{appointment_month:02d}"
        if kind is NipKind.PNS
        else f"{appointment_year:04d}2{pppk_contract_digit}"
    )
    return f"{birth_date:%Y%m%d}{middle}{sex}{sequence:03d}"
