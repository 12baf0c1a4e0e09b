"""Who may carry which NIP and golongan: a pure rule, no ORM.

`Employee.clean` (one record, from the admin or a service) and the roster import (100,000
rows at a time, `roster.py`) both ask this function, so a record the admin refuses is also
refused in a file, with the same sentence.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .nip import NipError, NipKind, parse_nip

# Values of `models.EmploymentType`, spelled out so this module stays free of models.
PNS, PPPK, NON_ASN = "PNS", "PPPK", "NON_ASN"

PNS_GOLONGAN = frozenset(
    [f"{group}/{grade}" for group in ("I", "II", "III") for grade in "abcd"]
    + [f"IV/{grade}" for grade in "abcde"]
)
# PPPK golongan I-XVII (Perpres 98/2020 as amended by Perpres 11/2024).
PPPK_GOLONGAN = frozenset(
    "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII".split()  # noqa: SIM905
)


def employment_errors(
    *, employment_type: str, nip: str | None, golongan: str, today: dt.date | None = None
) -> dict[str, str]:
    """Problems with a person's NIP and golongan given their employment type, by field.

    ASN (PNS, PPPK) must have a valid number of their own kind (digit 13 tells a PNS NIP
    from a PPPK NI); non-ASN staff have none. PNS golongan are written I/a to IV/e, PPPK
    golongan I to XVII, and non-ASN staff have no golongan. `nip` is already normalised.
    """
    errors: dict[str, str] = {}
    if employment_type == NON_ASN:
        if nip:
            errors["nip"] = _("Pegawai non-ASN tidak memiliki NIP; kosongkan isian ini.")
    elif not nip:
        errors["nip"] = _("NIP wajib diisi untuk PNS dan PPPK.")
    else:
        try:
            info = parse_nip(nip, today=today)
        except NipError as exc:
            errors["nip"] = exc.message
        else:
            if info.kind == NipKind.PPPK and employment_type == PNS:
                errors["nip"] = _("Nomor ini adalah NI PPPK (angka ke-13 = 2), bukan NIP PNS.")
            elif info.kind == NipKind.PNS and employment_type == PPPK:
                errors["nip"] = _("Nomor ini berformat NIP PNS, bukan NI PPPK.")
    if golongan:
        is_pns_grade = golongan in PNS_GOLONGAN
        if employment_type == PNS and not is_pns_grade:
            errors["golongan"] = _("Golongan PNS ditulis I/a s.d. IV/e.")
        elif employment_type == PPPK and is_pns_grade:
            errors["golongan"] = _("Golongan PPPK ditulis I s.d. XVII.")
        elif employment_type == NON_ASN:
            errors["golongan"] = _("Pegawai non-ASN tidak memiliki golongan.")
    return errors
