"""Reading and checking roster files (netra.people.roster): pure, no database."""

import datetime as dt
import io

import openpyxl
import pytest

from netra.people import roster, roster_plan
from netra.people.factories import nip_for
from netra.people.nip import NipKind
from netra.people.roster import RosterFileError

TODAY = dt.date(2026, 11, 21)
NIP_A = nip_for(1)
NIP_B = nip_for(2)
NIP_C = nip_for(3)
NI_PPPK = nip_for(4, kind=NipKind.PPPK)

HEADER = ["nip_baru", "nama", "gelar_depan", "gelar_belakang", "unor_id", "unor_nama"]
HEADER += ["unor_induk_id", "jabatan_nama", "gol_akhir_nama", "jenis_pegawai_nama", "email"]


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    text = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def row(nip=NIP_A, name="Budi Santoso", unit="DISDIK", email="", **extra):
    values = {
        "nip_baru": nip,
        "nama": name,
        "gelar_depan": "",
        "gelar_belakang": "",
        "unor_id": unit,
        "unor_nama": "Dinas Pendidikan",
        "unor_induk_id": "KOTA",
        "jabatan_nama": "Guru",
        "gol_akhir_nama": "III/a",
        "jenis_pegawai_nama": "PNS",
        "email": email,
    }
    values.update(extra)
    return [values[h] for h in HEADER]


def parsed(data: bytes, name="roster.csv"):
    return roster.parse(roster.read_table(data, name), today=TODAY)


def xlsx_bytes(rows, header=HEADER, title=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class HeaderTests:
    @pytest.mark.parametrize(
        ("raw", "canonical"),
        [
            ("nip_baru", "nip_baru"),
            ("nipBaru", "nip_baru"),
            ("Nip Baru", "nip_baru"),
            ("NIP BARU", "nip_baru"),
            ("NIPBaru", "nip_baru"),
            ("\ufeffnip_baru", "nip_baru"),
            ("unorIndukId", "unor_induk_id"),
            ("Unor Induk Id", "unor_induk_id"),
            ("unor_induk_id", "unor_induk_id"),
            ("Gol Akhir Nama", "gol_akhir_nama"),
            ("golRuangAkhir", "gol_akhir_nama"),
            ("Golongan Akhir ID", "gol_akhir_id"),
            ("jenisPegawaiNama", "jenis_pegawai_nama"),
            ("E-mail", "email"),
            ("NIP", "nip_baru"),
            ("NRK", "nomor_registrasi"),
        ],
    )
    def test_header_folds_to_canonical_key_when_written_in_any_style(self, raw, canonical):
        assert roster.canonical_header(raw) == canonical

    @pytest.mark.parametrize("style", ["snake", "camel", "title"])
    def test_rows_read_the_same_when_headers_use_another_style(self, style):
        headers = {
            "snake": HEADER,
            "camel": [
                "nipBaru",
                "nama",
                "gelarDepan",
                "gelarBelakang",
                "unorId",
                "unorNama",
                "unorIndukId",
                "jabatanNama",
                "golAkhirNama",
                "jenisPegawaiNama",
                "email",
            ],
            "title": [
                "Nip Baru",
                "Nama",
                "Gelar Depan",
                "Gelar Belakang",
                "Unor Id",
                "Unor Nama",
                "Unor Induk Id",
                "Jabatan Nama",
                "Gol Akhir Nama",
                "Jenis Pegawai Nama",
                "Email",
            ],
        }[style]
        result = parsed(csv_bytes([row(gelar_depan="Dr.")], header=headers))
        assert result.rejected == []
        (only,) = result.rows
        assert (only.nip, only.name, only.front_title, only.unit_code) == (
            NIP_A,
            "Budi Santoso",
            "Dr.",
            "DISDIK",
        )
        assert (only.golongan, only.jabatan, only.employment_type) == ("III/a", "Guru", "PNS")

    def test_file_is_refused_with_reason_when_required_columns_are_missing(self):
        with pytest.raises(RosterFileError) as caught:
            parsed(csv_bytes([["x", "y"]], header=["nama", "alamat"]))
        assert "Kolom wajib tidak ditemukan" in caught.value.message
        assert "unor_id" in caught.value.message


class CsvFormatTests:
    def test_semicolon_file_reads_like_comma_file_when_excel_used_a_local_separator(self):
        comma = parsed(csv_bytes([row(), row(nip=NIP_B, name="Siti")]))
        semicolon = parsed(csv_bytes([row(), row(nip=NIP_B, name="Siti")], delimiter=";"))
        assert [r.nip for r in semicolon.rows] == [r.nip for r in comma.rows] == [NIP_A, NIP_B]

    def test_names_with_commas_survive_when_quoted(self):
        data = (
            b"nip_baru,nama,gelar_belakang,unor_id\r\n"
            + f'{NIP_A},"Siti Aminah","S.Sos., M.Si.",DISDIK\r\n'.encode()
        )
        (only,) = parsed(data).rows
        assert only.back_title == "S.Sos., M.Si."

    def test_bom_is_ignored_when_file_is_utf8_with_bom(self):
        result = parsed(csv_bytes([row(name="Ni Luh Putu Ayu")], bom=True))
        assert result.rejected == [] and result.rows[0].name == "Ni Luh Putu Ayu"

    def test_windows_1252_file_is_read_when_not_utf8(self):
        data = csv_bytes([row(name="José Ñandú")]).decode().encode("cp1252")
        assert parsed(data).rows[0].name == "José Ñandú"

    def test_line_numbers_count_the_header_and_skip_blank_lines(self):
        data = csv_bytes([row(), ["" for _ in HEADER], row(nip="123", name="Salah")])
        result = parsed(data)
        assert [r.line for r in result.rows] == [2]
        assert [r.line for r in result.rejected] == [4]

    def test_nip_written_with_spaces_or_apostrophe_is_normalised(self):
        grouped = f"{NIP_A[:8]} {NIP_A[8:14]} {NIP_A[14]} {NIP_A[15:]}"
        result = parsed(csv_bytes([row(nip=grouped), row(nip="'" + NIP_B, name="Siti")]))
        assert [r.nip for r in result.rows] == [NIP_A, NIP_B]


class XlsxTests:
    def test_xlsx_rows_read_like_csv_rows_when_nip_is_text(self):
        result = parsed(xlsx_bytes([row(), row(nip=NIP_B, name="Siti")]), "roster.xlsx")
        assert result.rejected == []
        assert [(r.line, r.nip, r.name) for r in result.rows] == [
            (2, NIP_A, "Budi Santoso"),
            (3, NIP_B, "Siti"),
        ]

    def test_title_row_above_the_header_is_skipped_and_lines_stay_true(self):
        data = xlsx_bytes([row(), row(nip="1", name="Salah")], title="DAFTAR PEGAWAI 2026")
        result = parsed(data, "roster.xlsx")
        assert [r.line for r in result.rows] == [3]
        assert [r.line for r in result.rejected] == [4]

    def test_nip_stored_as_a_number_is_rejected_as_excel_damage(self):
        values = row()
        values[0] = int(NIP_A)  # typed into a Number column: Excel keeps 15 digits
        result = parsed(xlsx_bytes([values]), "roster.xlsx")
        (rejection,) = result.rejected
        assert rejection.code == "nip_excel"
        assert "notasi ilmiah" in rejection.reason

    def test_numeric_unit_codes_read_as_text_without_decimals(self):
        values = row(unit=None)
        values[4] = 10203
        (only,) = parsed(xlsx_bytes([values]), "roster.xlsx").rows
        assert only.unit_code == "10203"


class RejectionTests:
    def reject(self, **values):
        result = parsed(csv_bytes([row(**values)]))
        assert result.rows == []
        (rejection,) = result.rejected
        assert rejection.line == 2
        return rejection

    def test_bad_nip_is_rejected_with_the_parsers_reason(self):
        rejection = self.reject(nip="198602302015051001")
        assert rejection.code == "nip"
        assert "198602302015051001" in rejection.reason
        assert "bukan tanggal yang ada" in rejection.reason

    def test_short_nip_is_rejected_with_digit_count(self):
        rejection = self.reject(nip="19860926201505100")
        assert "18 angka" in rejection.reason and "17" in rejection.reason

    def test_nip_in_scientific_notation_is_rejected_as_excel_damage(self):
        rejection = self.reject(nip="1.99005E+17")
        assert rejection.code == "nip_excel"
        assert "1.99005E+17" in rejection.reason and "Teks" in rejection.reason

    def test_pppk_number_is_rejected_when_row_says_pns(self):
        rejection = self.reject(nip=NI_PPPK, jenis_pegawai_nama="PNS")
        assert "NI PPPK" in rejection.reason

    def test_pns_golongan_is_rejected_when_employee_is_pppk(self):
        rejection = self.reject(nip=NI_PPPK, jenis_pegawai_nama="PPPK", gol_akhir_nama="III/a")
        assert rejection.code == "golongan"
        assert "PPPK" in rejection.reason

    def test_unknown_golongan_is_rejected(self):
        assert self.reject(gol_akhir_nama="Z/z").code == "golongan"

    def test_empty_name_is_rejected(self):
        rejection = self.reject(name="")
        assert (rejection.code, rejection.reason) == ("name", "Nama kosong.")

    def test_malformed_email_is_rejected(self):
        rejection = self.reject(email="budi@@dinas")
        assert rejection.code == "email" and "budi@@dinas" in rejection.reason

    def test_row_without_unit_is_rejected(self):
        assert self.reject(unit="").code == "unit"

    def test_unknown_employment_type_is_rejected(self):
        assert self.reject(jenis_pegawai_nama="Relawan").code == "employment_type"

    def test_row_without_nip_or_registration_number_is_rejected(self):
        rejection = self.reject(nip="", jenis_pegawai_nama="PTT", gol_akhir_nama="")
        assert rejection.code == "no_key"

    def test_duplicate_nip_rejects_both_lines_naming_each_other(self):
        result = parsed(csv_bytes([row(), row(nip=NIP_B), row(name="Budi S.")]))
        assert [r.nip for r in result.rows] == [NIP_B]
        first, second = result.rejected
        assert (first.line, first.code) == (2, "duplicate_nip")
        assert "baris 4" in first.reason
        assert (second.line, second.code) == (4, "duplicate_nip")
        assert "baris 2" in second.reason

    def test_duplicate_email_rejects_both_lines(self):
        result = parsed(csv_bytes([row(email="a@x.go.id"), row(nip=NIP_B, email="A@x.go.id")]))
        assert [r.code for r in result.rejected] == ["duplicate_email", "duplicate_email"]

    def test_every_problem_of_a_row_is_named_when_it_has_several(self):
        rejection = self.reject(name="", email="nope")
        assert "Nama kosong" in rejection.reason and "nope" in rejection.reason


class NonAsnTests:
    def test_non_asn_row_is_keyed_by_registration_number(self):
        header = [*HEADER, "nomor_registrasi"]
        values = row(nip="", jenis_pegawai_nama="PTT", gol_akhir_nama="")
        result = parsed(csv_bytes([[*values, "PTT-0042"]], header=header))
        (only,) = result.rows
        assert (only.nip, only.registration_number, only.employment_type) == (
            None,
            "PTT-0042",
            "NON_ASN",
        )

    def test_employment_type_comes_from_the_nip_when_the_column_is_missing(self):
        header = ["nip_baru", "nama", "unor_id"]
        result = parsed(csv_bytes([[NIP_A, "Budi", "X"], [NI_PPPK, "Siti", "X"]], header=header))
        assert [r.employment_type for r in result.rows] == ["PNS", "PPPK"]


class FileTypeTests:
    @pytest.mark.parametrize(
        ("data", "name", "needle"),
        [
            (b"<!DOCTYPE html><html><body>nip_baru</body></html>", "roster.csv", "HTML"),
            (b"\xef\xbb\xbf  <table><tr><td>nip</td></tr></table>", "roster.csv", "HTML"),
            (b"%PDF-1.7\n...", "roster.csv", "PDF"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "roster.xls", ".csv"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "roster.csv", ".xls"),
            (b"nip_baru,nama\n1,2\n", "roster.xlsx", "bukan lembar kerja"),
            (b"PK\x03\x04garbage", "roster.xlsx", "ZIP"),
            (b"", "roster.csv", "kosong"),
        ],
    )
    def test_file_is_refused_with_a_reason_when_its_content_is_not_a_roster(
        self, data, name, needle
    ):
        with pytest.raises(RosterFileError) as caught:
            roster.read_table(data, name)
        assert needle in caught.value.message

    def test_xlsx_renamed_csv_is_read_as_xlsx(self):
        result = parsed(xlsx_bytes([row()]), "roster.csv")
        assert [r.nip for r in result.rows] == [NIP_A]

    def test_oversized_file_is_refused(self, monkeypatch):
        monkeypatch.setattr(roster, "MAX_UPLOAD_BYTES", 100)
        with pytest.raises(RosterFileError) as caught:
            roster.sniff_format(b"x" * 101, "roster.csv")
        assert "terlalu besar" in caught.value.message


class OfficeKindTests:
    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("Kelurahan Sukamaju", "kelurahan"),
            ("Desa Mekarsari", "kelurahan"),
            ("Kecamatan Utara", "kecamatan"),
            ("Dinas Kesehatan", "opd"),
            ("Badan Kepegawaian dan Pengembangan SDM", "opd"),
            ("Sekretariat DPRD", "opd"),
            ("Inspektorat", "opd"),
            ("Satuan Polisi Pamong Praja", "opd"),
            ("UPT Puskesmas Kecamatan Utara", "upt"),
            ("SD Negeri 4", "upt"),
            ("Bidang Anggaran", "bidang"),
            ("Subbagian Umum", "bidang"),
        ],
    )
    def test_kind_is_guessed_from_the_first_words_of_the_name(self, name, kind):
        assert roster_plan.office_kind_for(name) == kind
