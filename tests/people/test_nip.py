import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.people.nip import NipError, NipKind, build_nip, normalize_nip, parse_nip

TODAY = dt.date(2026, 11, 21)


class NipParsingTests:
    @pytest.mark.parametrize(
        ("raw", "kind", "birth", "year", "month", "sex"),
        [
            ("198609262015051001", NipKind.PNS, dt.date(1986, 9, 26), 2015, 5, 1),
            ("19860926 201505 1 001", NipKind.PNS, dt.date(1986, 9, 26), 2015, 5, 1),
            (" 19900512\t201503 2 001 ", NipKind.PNS, dt.date(1990, 5, 12), 2015, 3, 2),
            ("196412311990121002", NipKind.PNS, dt.date(1964, 12, 31), 1990, 12, 1),
            ("200012312024211001", NipKind.PPPK, dt.date(2000, 12, 31), 2024, None, 1),
            # Part-time PPPK numbers carry other contract codes; the digit is opaque.
            ("199009132025242014", NipKind.PPPK, dt.date(1990, 9, 13), 2025, None, 2),
            ("198002292005011001", NipKind.PNS, dt.date(1980, 2, 29), 2005, 1, 1),
        ],
    )
    def test_accepts_valid_numbers_when_well_formed(self, raw, kind, birth, year, month, sex):
        info = parse_nip(raw, today=TODAY)
        assert (info.kind, info.birth_date, info.appointment_year) == (kind, birth, year)
        assert (info.appointment_month, info.sex) == (month, sex)
        assert info.nip == normalize_nip(raw) and len(info.nip) == 18

    @pytest.mark.parametrize(
        ("raw", "code", "words"),
        [
            ("", "empty", "wajib diisi"),
            ("   ", "empty", "wajib diisi"),
            ("19860926-201505-1-001", "not_digits", "hanya boleh berisi angka"),
            ("1,98609E+17", "not_digits", "hanya boleh berisi angka"),
            ("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "not_digits", "hanya boleh berisi angka"),
            ("19860926201505100", "length", "18 angka"),
            ("1986092620150510011", "length", "18 angka"),
            ("198602302015051001", "birth_date", "bukan tanggal yang ada"),
            ("198613012015051001", "birth_date", "bukan tanggal yang ada"),
            ("189912312015051001", "birth_date", "tidak masuk akal"),
            ("203001012015051001", "birth_date", "tidak masuk akal"),
            ("198609262015001001", "appointment_month", "01 s.d. 12"),
            ("198609262015131001", "appointment_month", "01 s.d. 12"),
            ("198609262015351001", "kind", "Angka ke-13"),
            ("198609262028051001", "appointment_future", "masa depan"),
            ("198609262027211001", "appointment_future", "masa depan"),
            ("198609262004051001", "appointment_too_early", "usia 18"),
            ("200012312017211001", "appointment_too_early", "usia 18"),
            ("198609262015053001", "sex", "jenis kelamin"),
            ("198609262015050001", "sex", "jenis kelamin"),
            ("198609262015051000", "sequence", "tidak boleh 000"),
        ],
    )
    def test_rejects_with_indonesian_reason_when_malformed(self, raw, code, words):
        with pytest.raises(NipError) as caught:
            parse_nip(raw, today=TODAY)
        assert caught.value.code == code
        assert words in caught.value.message

    def test_formats_in_the_printed_grouping(self):
        assert parse_nip("198609262015051001", today=TODAY).formatted == "19860926 201505 1 001"

    @given(
        birth=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 12, 31)),
        offset=st.integers(min_value=19, max_value=25),
        month=st.integers(min_value=1, max_value=12),
        sex=st.sampled_from([1, 2]),
        seq=st.integers(min_value=1, max_value=999),
    )
    def test_built_pns_numbers_round_trip(self, birth, offset, month, sex, seq):
        nip = build_nip(
            birth_date=birth,
            appointment_year=birth.year + offset,
            appointment_month=month,
            sex=sex,
            sequence=seq,
        )
        info = parse_nip(nip, today=TODAY)
        assert (info.birth_date, info.appointment_month, info.sex, info.sequence) == (
            birth,
            month,
            sex,
            seq,
        )
