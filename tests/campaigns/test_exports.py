"""Dashboard exports: formula neutralisation, files equal to the pages, scope, file names."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netra.campaigns import exports, progress, rollups, views
from netra.campaigns.export_views import written_nip
from netra.people.factories import EmployeeFactory
from tests.conftest import login_with_mfa

from .conftest import hr_for, read_all, read_first, sign_pact

DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [tuple(c.value for c in row) for row in workbook.active.iter_rows()]


def table(rows, first_header: str) -> tuple[list, list]:
    """The header and the rows under it (the preamble above it is skipped)."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    return rows[start], rows[start + 1 :]


class NeutraliseTests:
    @pytest.mark.parametrize("prefix", DANGEROUS)
    def test_text_starting_with_a_formula_character_gets_an_apostrophe(self, prefix):
        assert exports.neutralise(prefix + "SUM(A1:A9)") == "'" + prefix + "SUM(A1:A9)"

    @pytest.mark.parametrize("value", ["Budi Santoso", "Dr. Siti", "", "a=b", 12, -3, 4.5, None])
    def test_other_values_pass_unchanged_when_harmless(self, value):
        assert exports.neutralise(value) == value

    @pytest.mark.parametrize("prefix", DANGEROUS)
    def test_csv_cells_are_neutralised(self, prefix):
        sheet = exports.Sheet("x", ["nama"], [[prefix + "HYPERLINK(1)"]], preamble=[[prefix + "p"]])
        body = b"".join(exports.csv_stream(sheet)).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body), delimiter=";"))
        assert rows[0] == ["'" + prefix + "p"]
        assert rows[-1] == ["'" + prefix + "HYPERLINK(1)"]

    @pytest.mark.parametrize("prefix", DANGEROUS)
    def test_xlsx_cells_are_text_not_formulas(self, prefix):
        sheet = exports.Sheet("x", ["nama"], [[prefix + "HYPERLINK(1)"]])
        target = io.BytesIO()
        exports.xlsx_write(sheet, target)
        cell = load_workbook(io.BytesIO(target.getvalue())).active["A2"]
        assert cell.data_type == "s"
        assert cell.value == "'" + prefix + "HYPERLINK(1)"

    def test_numbers_and_dates_stay_typed(self):
        sheet = exports.Sheet("x", ["a", "b", "c"], [[-5, 45.25, dt.date(2029, 9, 24)]])
        target = io.BytesIO()
        exports.xlsx_write(sheet, target)
        row = next(load_workbook(io.BytesIO(target.getvalue())).active.iter_rows(min_row=2))
        assert [c.value for c in row] == [-5, 45.25, dt.datetime(2029, 9, 24)]
        body = b"".join(exports.csv_stream(sheet)).decode("utf-8-sig")
        assert body.splitlines()[-1] == "-5;45,2;2029-09-24"

    def test_control_characters_xml_refuses_are_dropped_from_xlsx(self):
        sheet = exports.Sheet("x", ["a"], [["Budi\x00\x07 Santoso"]])
        target = io.BytesIO()
        exports.xlsx_write(sheet, target)
        assert load_workbook(io.BytesIO(target.getvalue())).active["A2"].value == "Budi Santoso"

    @pytest.mark.parametrize(
        ("parts", "expected"),
        [
            (("kepatuhan", "Pilkada 2029", "KEC-U"), "kepatuhan_Pilkada-2029_KEC-U.csv"),
            (('a"; filename=x.exe', "\r\nSet-Cookie: y"), "a-filename-x.exe_Set-Cookie-y.csv"),
            (("../../etc/passwd",), "etc-passwd.csv"),
        ],
    )
    def test_download_names_cannot_break_the_header(self, parts, expected):
        assert exports.download_name(*parts, extension="csv") == expected

    def test_nip_is_written_in_groups_so_excel_keeps_every_digit(self):
        assert written_nip("198609262015051001") == "19860926 201505 1 001"
        assert written_nip(None) == ""


@pytest.fixture
def city_hr(client, city, tracked):
    return login_with_mfa(client, hr_for(city["pemkot"]))


@pytest.fixture
def kec_hr(client, city, tracked):
    return login_with_mfa(client, hr_for(city["kec"]))


def _summary_cells(summary):
    return [
        summary.headcount,
        summary.not_started,
        summary.in_progress,
        summary.completed,
        summary.pact_signed,
        summary.overdue,
    ]


class OfficeExportTests:
    def test_csv_and_xlsx_equal_the_drilldown_with_its_total(
        self, city_hr, city, tracked, courses, pact, staff
    ):
        user = staff["kel"][0].user
        for course in courses:
            read_all(user, course)
        sign_pact(user, pact)
        read_first(staff["sd"][0].user, courses[0])
        rollups.fold()
        query = {"urut": "terburuk", "jenis": "PNS"}
        page = city_hr.get(url("office", tracked.pk, city["pemkot"].pk), query)
        expected = [
            [
                f"{r.office.name} (langsung di unit ini)" if r.direct else r.office.name,
                *_summary_cells(r.summary),
            ]
            for r in page.context["rows"]
        ]
        assert page.context["rows"][-1].direct  # the Pemkot's own two employees
        total = ["Jumlah", *_summary_cells(page.context["total"])]

        response = city_hr.get(url("office_export", tracked.pk, city["pemkot"].pk, "csv"), query)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith('attachment; filename="kepatuhan_')
        rows = csv_rows(response)
        assert rows[0][:2] == ["Laporan kepatuhan", tracked.name]
        assert ["Jenis kepegawaian", "PNS"] in rows
        header, body = table(rows, "Unit kerja")
        assert header[-1] == "Persen selesai"
        assert [[r[0], *map(int, r[2:8])] for r in body[:-1]] == expected
        assert [body[-1][0], *map(int, body[-1][2:8])] == total
        kec = next(r for r in body if r[0] == "Kecamatan Utara")
        assert kec[-1] == "25,0"  # one of four, decimal comma for Indonesian Excel

        response = city_hr.get(url("office_export", tracked.pk, city["pemkot"].pk, "xlsx"), query)
        assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
        assert response["Content-Disposition"].endswith('.xlsx"')
        header, body = table(xlsx_rows(response), "Unit kerja")
        assert [[r[0], *r[2:8]] for r in body[:-1]] == expected
        assert [body[-1][0], *body[-1][2:8]] == total
        assert next(r for r in body if r[0] == "Kecamatan Utara")[-1] == 25.0

    def test_the_overview_exports_the_officers_offices(self, client, city, tracked):
        hr = login_with_mfa(client, hr_for(city["kec"], city["dinas"]))
        response = hr.get(url("overview_export", tracked.pk, "csv"))
        _, body = table(csv_rows(response), "Unit kerja")
        assert [r[0] for r in body] == ["Dinas Pendidikan", "Kecamatan Utara", "Jumlah"]
        assert body[-1][2] == "8"

    def test_office_names_starting_with_formula_characters_are_neutralised(
        self, city_hr, city, tracked
    ):
        city["kel"].name = '=HYPERLINK("http://evil","klik")'
        city["kel"].save()
        response = city_hr.get(url("office_export", tracked.pk, city["kec"].pk, "csv"))
        _, body = table(csv_rows(response), "Unit kerja")
        assert body[0][0] == '\'=HYPERLINK("http://evil","klik")'
        response = city_hr.get(url("office_export", tracked.pk, city["kec"].pk, "xlsx"))
        _, body = table(xlsx_rows(response), "Unit kerja")
        assert body[0][0].startswith("'=")


class EmployeeExportTests:
    def test_every_matching_employee_not_one_page(
        self, kec_hr, city, tracked, courses, staff, monkeypatch
    ):
        monkeypatch.setattr(views, "PAGE_SIZE", 1)
        read_first(staff["kel"][1].user, courses[0])
        page = kec_hr.get(url("employees", tracked.pk, city["kec"].pk))
        assert len(page.context["rows"]) == 1
        assert page.context["page"].paginator.count == 4

        response = kec_hr.get(url("employees_export", tracked.pk, city["kec"].pk, "csv"))
        header, body = table(csv_rows(response), "Nama")
        assert header == [
            "Nama",
            "NIP / nomor registrasi",
            "Unit kerja",
            "Jenis kepegawaian",
            "Status",
            "Terlambat",
            "Mulai",
            "Selesai",
            "Pakta ditandatangani",
            "Perlu diperbarui",
        ]
        people = sorted(staff["kec"] + staff["kel"], key=lambda e: (e.name, e.pk))
        assert [r[0] for r in body] == [e.full_name for e in people]
        assert [r[1] for r in body] == [written_nip(e.nip) for e in people]
        started = next(r for r in body if r[1] == written_nip(staff["kel"][1].nip))
        assert started[2:5] == ["Kelurahan Sukamaju", "PNS", "Sedang berjalan"]
        assert started[6]  # started at, local time

        response = kec_hr.get(url("employees_export", tracked.pk, city["kec"].pk, "xlsx"))
        _, body = table(xlsx_rows(response), "Nama")
        assert [r[0] for r in body] == [e.full_name for e in people]
        assert isinstance(next(r for r in body if r[4] == "Sedang berjalan")[6], dt.datetime)

    def test_filters_of_the_page_apply(self, kec_hr, city, tracked, courses, staff):
        read_first(staff["kel"][1].user, courses[0])
        query = {"status": "proses", "halaman": "2"}
        response = kec_hr.get(url("employees_export", tracked.pk, city["kec"].pk, "csv"), query)
        rows = csv_rows(response)
        assert ["Status", "Sedang berjalan"] in rows
        _, body = table(rows, "Nama")
        assert [r[0] for r in body] == [staff["kel"][1].full_name]
        direct = kec_hr.get(
            url("employees_export", tracked.pk, city["kec"].pk, "csv"), {"langsung": "1"}
        )
        _, body = table(csv_rows(direct), "Nama")
        assert {r[0] for r in body} == {e.full_name for e in staff["kec"]}

    @pytest.mark.parametrize("prefix", DANGEROUS[:4])
    def test_names_starting_with_formula_characters_are_neutralised(
        self, kec_hr, city, tracked, prefix
    ):
        e = EmployeeFactory(office=city["kel"], name=f"{prefix}1+cmd|' /C calc'!A0")
        progress.employees_sync([e.pk])
        for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
            response = kec_hr.get(url("employees_export", tracked.pk, city["kel"].pk, fmt))
            _, body = table(read(response), "Nama")
            names = [r[0] for r in body]
            assert f"'{prefix}1+cmd|' /C calc'!A0" in names, fmt


class ExportScopeTests:
    def test_other_offices_are_404(self, kec_hr, tracked, city):
        for path in (
            url("office_export", tracked.pk, city["dinas"].pk, "csv"),
            url("office_export", tracked.pk, city["pemkot"].pk, "xlsx"),
            url("employees_export", tracked.pk, city["sd"].pk, "csv"),
            url("employees_export", tracked.pk, city["dinas"].pk, "xlsx"),
            url("office_export", 999, city["kec"].pk, "csv"),
            url("office_export", tracked.pk, city["kec"].pk, "pdf"),
        ):
            assert kec_hr.get(path).status_code == 404, path

    def test_learners_get_404(self, client, learner, tracked, city):
        client.force_login(learner)
        assert client.get(url("overview_export", tracked.pk, "csv")).status_code == 404
        office = url("office_export", tracked.pk, city["dinas"].pk, "csv")
        assert client.get(office).status_code == 404

    def test_the_dashboard_links_to_the_files_with_its_filters(self, kec_hr, tracked, city):
        page = kec_hr.get(url("office", tracked.pk, city["kec"].pk), {"jenis": "PPPK"})
        body = page.content.decode()
        assert f"{url('office_export', tracked.pk, city['kec'].pk, 'xlsx')}?jenis=PPPK" in body
        employees = kec_hr.get(url("employees", tracked.pk, city["kec"].pk), {"status": "belum"})
        assert (
            f"{url('employees_export', tracked.pk, city['kec'].pk, 'csv')}?status=belum"
            in employees.content.decode()
        )
