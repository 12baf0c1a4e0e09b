"""Roster import against the database (netra.people.roster_load): dry run, apply, units,
deactivation, accounts, idempotence. Runs on SQLite (bulk_create/bulk_update) and on
PostgreSQL (COPY into staging + INSERT … ON CONFLICT)."""

import csv
import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netra.people import events, services
from netra.people.factories import EmployeeFactory, OfficeFactory, UserFactory, nip_for
from netra.people.models import Employee, EmploymentType, HrAssignment, Office, RosterImport
from netra.people.nip import NipKind
from netra.people.roster_load import roster_import_create, roster_import_run

pytestmark = pytest.mark.django_db

FIELDS = [
    "nip_baru",
    "nama",
    "gelar_depan",
    "unor_id",
    "unor_nama",
    "unor_induk_id",
    "jabatan_nama",
    "gol_akhir_nama",
    "jenis_pegawai_nama",
    "email",
]


def roster_nip(index: int) -> str:
    """A valid NIP no factory hands out: factories use `nip_for(n)` with the sex digit
    1 + n % 2, these flip it."""
    return nip_for(5000 + index, sex=2 - index % 2)


def person(index, unit="DISDIK", **values):
    row = {
        "nip_baru": roster_nip(index),
        "nama": f"Pegawai {index}",
        "gelar_depan": "",
        "unor_id": unit,
        "unor_nama": {"DISDIK": "Dinas Pendidikan", "KEL-S": "Kelurahan Sukamaju"}.get(unit, ""),
        "unor_induk_id": "",
        "jabatan_nama": "Guru",
        "gol_akhir_nama": "III/a",
        "jenis_pegawai_nama": "PNS",
        "email": "",
    }
    row.update(values)
    return row


def csv_file(rows, fields=FIELDS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def run(data, *, scope=None, user=None, dry_run=False, name="roster.csv", **flags):
    record = roster_import_create(
        uploaded_by=user,
        file_name=name,
        content=data,
        scope=scope,
        dry_run=dry_run,
        enqueue=False,
        **flags,
    )
    return roster_import_run(record.pk)


def existing(index, office, **values):
    """An employee already on the roster, as `person(index)` describes them."""
    values = {"name": f"Pegawai {index}", "jabatan": "Guru", "golongan": "III/a", **values}
    return EmployeeFactory(office=office, nip=roster_nip(index), **values)


def employee(index):
    return Employee.objects.get(nip=roster_nip(index))


def hr_officer(office):
    user = UserFactory()
    HrAssignment.objects.create(user=user, office=office)
    return user


def row_versions() -> list:
    """Something that changes whenever a row is rewritten, even with the same values."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, xmin::text, updated_at FROM people_employee ORDER BY id")
            return cursor.fetchall()
    return list(Employee.objects.order_by("pk").values_list("pk", "updated_at"))


class ApplyTests:
    def test_new_people_are_created_in_their_units_when_applied(self, city):
        record = run(csv_file([person(1), person(2, unit="KEL-S")]))
        assert record.status == RosterImport.Status.APPLIED
        assert (record.created_count, record.updated_count, record.rejected_count) == (2, 0, 0)
        assert employee(1).office == city["dinas"]
        assert employee(2).office == city["kel"]
        assert employee(1).employment_type == EmploymentType.PNS
        assert (employee(1).golongan, employee(1).jabatan) == ("III/a", "Guru")
        assert record.progress == 100 and record.content == b""

    def test_dry_run_reports_without_writing(self, city):
        existing(1, city["dinas"], name="Lama")
        record = run(csv_file([person(1), person(2)]), dry_run=True)
        assert record.status == RosterImport.Status.CHECKED
        assert (record.created_count, record.updated_count) == (1, 1)
        assert [u["changes"] for u in record.report["updated"]] == [["name"]]
        assert record.report["created"][0]["name"] == "Pegawai 2"
        assert Employee.objects.count() == 1
        assert employee(1).name == "Lama"
        assert bytes(record.content)  # kept for the apply

    def test_reimporting_the_same_file_writes_no_row(self, city):
        data = csv_file(
            [person(i, email=f"p{i}@kota.go.id") for i in range(5)]
            + [person(9, unit="BARU", unor_nama="Bidang Baru", unor_induk_id="DISDIK")]
        )
        first = run(data, scope=city["pemkot"])
        assert first.created_count == 6 and first.report["rows_written"] > 6
        before = row_versions()
        users, emails, offices = (
            list(Employee.objects.values_list("user_id", flat=True)),
            EmailAddress.objects.count(),
            list(Office.objects.values_list("pk", "name", "path")),
        )
        with CaptureQueriesContext(connection) as queries:
            second = run(data, scope=city["pemkot"])
        assert second.status == RosterImport.Status.APPLIED
        assert (second.created_count, second.updated_count, second.deactivated_count) == (0, 0, 0)
        assert second.unchanged_count == 6
        assert second.report["rows_written"] == 0
        assert row_versions() == before
        assert list(Employee.objects.values_list("user_id", flat=True)) == users
        assert EmailAddress.objects.count() == emails
        assert list(Office.objects.values_list("pk", "name", "path")) == offices
        writes = [
            q["sql"]
            for q in queries
            if q["sql"].startswith(("INSERT", "UPDATE")) and "people_rosterimport" not in q["sql"]
        ]
        assert writes == []

    def test_changed_rows_are_updated_and_missing_columns_keep_their_values(self, city):
        existing(1, city["dinas"], front_title="Dr.")
        fields = [f for f in FIELDS if f != "gelar_depan"]
        record = run(csv_file([person(1, jabatan_nama="Kepala Sekolah")], fields=fields))
        assert (record.created_count, record.updated_count) == (0, 1)
        assert record.report["updated"][0]["changes"] == ["jabatan"]
        changed = employee(1)
        assert changed.jabatan == "Kepala Sekolah"
        assert changed.front_title == "Dr."  # no gelar_depan column: left alone

    def test_inactive_employee_in_the_file_is_reactivated(self, city):
        existing(1, city["dinas"], is_active=False)
        record = run(csv_file([person(1)]))
        assert record.updated_count == 1
        assert employee(1).is_active

    def test_employee_moves_to_the_unit_the_file_names(self, city):
        existing(1, city["dinas"])
        record = run(csv_file([person(1, unit="KEL-S")]))
        assert record.report["updated"][0]["changes"] == ["office_id"]
        assert employee(1).office == city["kel"]

    def test_xlsx_file_applies_like_csv(self, city):
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["NIP Baru", "Nama", "Unor Id"])
        sheet.append([roster_nip(1), "Pegawai 1", "DISDIK"])
        out = io.BytesIO()
        book.save(out)
        record = run(out.getvalue(), name="siasn.xlsx")
        assert record.created_count == 1
        assert employee(1).office == city["dinas"]

    def test_html_in_a_name_is_stored_as_text(self, city):
        run(csv_file([person(1, nama="<script>alert(1)</script> Budi")]))
        assert employee(1).name == "<script>alert(1)</script> Budi"


class NonAsnTests:
    FIELDS = ["nomor_registrasi", "nip_baru", "nama", "unor_id", "jenis_pegawai_nama"]

    def test_non_asn_rows_are_keyed_by_registration_number(self, city):
        row = {"nomor_registrasi": "PTT-7", "nama": "Yusuf", "unor_id": "DISDIK"}
        row["jenis_pegawai_nama"] = "PTT"
        run(csv_file([row], fields=self.FIELDS))
        again = run(csv_file([{**row, "nama": "Yusuf Maulana"}], fields=self.FIELDS))
        assert again.updated_count == 1
        staff = Employee.objects.get(registration_number="PTT-7")
        assert (staff.nip, staff.name, staff.employment_type) == (None, "Yusuf Maulana", "NON_ASN")
        assert staff.user is None  # non-ASN get no account from the roster

    def test_registration_number_of_an_asn_employee_is_refused_for_a_non_asn_row(self, city):
        existing(1, city["dinas"], registration_number="R-1")
        row = {"nomor_registrasi": "R-1", "nama": "Orang Lain", "unor_id": "DISDIK"}
        record = run(csv_file([row], fields=self.FIELDS), dry_run=True)
        (rejection,) = record.report["rejected"]
        assert rejection["code"] == "registration_taken"


class UnitTests:
    def test_unknown_units_are_created_parent_first_under_existing_offices(self, city):
        rows = [
            # The child comes first in the file; its parent is another new unit.
            person(1, unit="SEKSI-1", unor_nama="Seksi Kurikulum SD", unor_induk_id="BID-1"),
            person(2, unit="BID-1", unor_nama="Bidang Pembinaan SD", unor_induk_id="DISDIK"),
            person(3, unit="KEL-B", unor_nama="Kelurahan Baru", unor_induk_id="KEC-U"),
        ]
        record = run(csv_file(rows))
        assert record.status == RosterImport.Status.APPLIED
        bidang = Office.objects.get(code="BID-1")
        seksi = Office.objects.get(code="SEKSI-1")
        kelurahan = Office.objects.get(code="KEL-B")
        assert bidang.get_parent() == city["dinas"] and bidang.kind == "bidang"
        assert seksi.get_parent() == bidang
        assert kelurahan.get_parent() == city["kec"] and kelurahan.kind == "kelurahan"
        assert employee(1).office == seksi
        assert [u["code"] for u in record.report["units_created"]] == ["BID-1", "KEL-B", "SEKSI-1"]

    def test_unit_with_unknown_parent_is_rejected(self, city):
        rows = [person(1, unit="X-1", unor_nama="Bidang X", unor_induk_id="NOWHERE")]
        record = run(csv_file(rows), dry_run=True)
        (rejection,) = record.report["rejected"]
        assert rejection["code"] == "unknown_parent"
        assert "NOWHERE" in rejection["reason"] and rejection["line"] == 2
        assert not Office.objects.filter(code="X-1").exists()

    def test_existing_unit_is_renamed_by_the_file(self, city):
        record = run(csv_file([person(1, unor_nama="Dinas Pendidikan dan Kebudayaan")]))
        assert record.report["units_renamed"] == [
            {"code": "DISDIK", "old": "Dinas Pendidikan", "new": "Dinas Pendidikan dan Kebudayaan"}
        ]
        city["dinas"].refresh_from_db()
        assert city["dinas"].name == "Dinas Pendidikan dan Kebudayaan"

    def test_unit_outside_the_hr_officers_offices_is_rejected(self, city):
        officer = hr_officer(city["kec"])
        record = run(
            csv_file([person(1, unit="KEL-S"), person(2, unit="DISDIK")]),
            scope=city["kec"],
            user=officer,
            dry_run=True,
        )
        (rejection,) = record.report["rejected"]
        assert rejection["line"] == 3 and rejection["code"] == "out_of_scope"
        assert "di luar unit kerja yang Anda kelola" in rejection["reason"]

    def test_hr_officer_cannot_take_over_an_employee_of_another_office(self, city):
        existing(1, city["dinas"])
        officer = hr_officer(city["kec"])
        record = run(csv_file([person(1, unit="KEL-S")]), scope=city["kec"], user=officer)
        assert record.status == RosterImport.Status.BLOCKED
        assert record.report["rejected"][0]["code"] == "employee_out_of_scope"
        assert employee(1).office == city["dinas"]

    def test_hr_officer_cannot_choose_a_scope_outside_their_offices(self, city):
        officer = hr_officer(city["kec"])
        with pytest.raises(PermissionError):
            roster_import_create(
                uploaded_by=officer, file_name="r.csv", content=csv_file([]), scope=city["dinas"]
            )


class DeactivationTests:
    def test_people_missing_from_the_file_are_deactivated_in_scope_only(self, city):
        staying = existing(1, city["kel"])
        kept = [EmployeeFactory(office=city["kel"]) for _ in range(2)]
        leaving = EmployeeFactory(office=city["kel"])
        elsewhere = EmployeeFactory(office=city["dinas"])
        rows = [person(1, unit="KEL-S")] + [
            {**person(0, unit="KEL-S"), "nip_baru": e.nip, "nama": e.name} for e in kept
        ]
        record = run(csv_file(rows), scope=city["kec"])
        assert record.deactivated_count == 1
        assert [d["key"] for d in record.report["deactivated"]] == [leaving.nip]
        leaving.refresh_from_db()
        elsewhere.refresh_from_db()
        staying.refresh_from_db()
        assert not leaving.is_active and Employee.objects.filter(pk=leaving.pk).exists()
        assert elsewhere.is_active and staying.is_active

    def test_no_scope_deactivates_nobody(self, city):
        absent = EmployeeFactory(office=city["kel"])
        run(csv_file([person(1)]))
        absent.refresh_from_db()
        assert absent.is_active

    def test_deactivating_more_than_half_of_the_scope_needs_confirmation(self, city):
        absent = [EmployeeFactory(office=city["kel"]) for _ in range(3)]
        data = csv_file([person(1, unit="KEL-S")])
        blocked = run(data, scope=city["kec"])
        assert blocked.status == RosterImport.Status.BLOCKED
        assert blocked.report["blockers"] == ["deactivation"]
        assert not Employee.objects.filter(nip=roster_nip(1)).exists()
        assert Employee.objects.filter(pk__in=[e.pk for e in absent], is_active=True).count() == 3
        confirmed = run(data, scope=city["kec"], confirm_deactivation=True)
        assert confirmed.status == RosterImport.Status.APPLIED
        assert confirmed.deactivated_count == 3

    def test_a_rejected_row_still_protects_its_person_from_deactivation(self, city):
        named = existing(1, city["kel"])
        rows = [person(1, unit="KEL-S", email="bukan-email"), person(2, unit="KEL-S")]
        record = run(csv_file(rows), scope=city["kec"], allow_errors=True)
        assert record.status == RosterImport.Status.APPLIED
        assert record.deactivated_count == 0
        named.refresh_from_db()
        assert named.is_active

    def test_deactivation_is_skipped_when_a_nip_cannot_be_read(self, city):
        absent = EmployeeFactory(office=city["kel"])
        rows = [person(1, unit="KEL-S"), person(2, unit="KEL-S", nip_baru="1.99005E+17")]
        record = run(csv_file(rows), scope=city["kec"], allow_errors=True)
        assert record.status == RosterImport.Status.APPLIED
        assert record.report["deactivation_skipped"] is True
        absent.refresh_from_db()
        assert absent.is_active


class RejectedRowsTests:
    def test_rejected_rows_block_the_apply_unless_good_rows_are_allowed(self, city):
        rows = [person(i) for i in range(18)]
        rows += [person(100, nip_baru="19900101"), person(101, nama="")]  # 10% bad
        blocked = run(csv_file(rows))
        assert blocked.status == RosterImport.Status.BLOCKED
        assert blocked.report["blockers"] == ["rejected"]
        assert not Employee.objects.exists()

        applied = run(csv_file(rows), allow_errors=True)
        assert applied.status == RosterImport.Status.APPLIED
        assert (applied.created_count, applied.rejected_count) == (18, 2)
        assert [(r["line"], r["code"]) for r in applied.report["rejected"]] == [
            (20, "nip"),
            (21, "name"),
        ]
        assert Employee.objects.count() == 18

    def test_apply_is_blocked_when_the_file_has_no_valid_row(self, city):
        record = run(csv_file([person(1, nama="")]), allow_errors=True)
        assert record.status == RosterImport.Status.BLOCKED
        assert "empty" in record.report["blockers"]


class AccountTests:
    def test_new_asn_with_email_get_an_account_like_account_provision_makes(self, city):
        run(csv_file([person(1, email="Budi@Kota.go.id"), person(2)]))
        user = employee(1).user
        assert user.username == roster_nip(1) and user.email == "budi@kota.go.id"
        assert not user.has_usable_password()
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == ("budi@kota.go.id", 1, 1)
        assert employee(2).user is None

    def test_existing_employee_without_account_gets_one(self, city):
        existing(1, city["dinas"])
        record = run(csv_file([person(1, email="p1@kota.go.id")]))
        assert record.report["updated"][0]["changes"] == ["user_id"]
        assert employee(1).user.email == "p1@kota.go.id"

    def test_existing_accounts_are_never_changed(self, city):
        holder = existing(1, city["dinas"], email="lama@kota.go.id")
        record = run(csv_file([person(1, email="baru@kota.go.id")]))
        assert record.updated_count == 0
        holder.user.refresh_from_db()
        assert holder.user.email == "lama@kota.go.id"

    def test_email_of_another_account_is_rejected(self, city):
        UserFactory(email="dipakai@kota.go.id")
        record = run(csv_file([person(1, email="DIPAKAI@kota.go.id")]), dry_run=True)
        assert record.report["rejected"][0]["code"] == "email_taken"


class SignalTests:
    def test_employees_changed_is_sent_after_commit_with_every_changed_id(
        self, city, django_capture_on_commit_callbacks
    ):
        updated = existing(1, city["kel"], name="Lama")
        unchanged = existing(2, city["kel"])
        leaving = EmployeeFactory(office=city["kel"])
        received = []

        def receiver(sender, employee_ids, **kwargs):
            received.append(sorted(employee_ids))

        events.employees_changed.connect(receiver)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                rows = [person(i, unit="KEL-S") for i in (1, 2, 3)]
                run(csv_file(rows), scope=city["kec"])
        finally:
            events.employees_changed.disconnect(receiver)
        created = employee(3)
        assert received == [sorted([updated.pk, leaving.pk, created.pk])]
        assert unchanged.pk not in received[0]

    def test_employee_upsert_sends_it_only_when_something_changed(
        self, city, django_capture_on_commit_callbacks
    ):
        received = []

        def receiver(sender, employee_ids, **kwargs):
            received.append(employee_ids)

        events.employees_changed.connect(receiver)
        values = {
            "nip": roster_nip(1),
            "name": "Budi",
            "employment_type": EmploymentType.PNS,
            "office": city["dinas"],
        }
        try:
            with django_capture_on_commit_callbacks(execute=True):
                created = services.employee_upsert(**values)
            with django_capture_on_commit_callbacks(execute=True):
                services.employee_upsert(**values)
            with django_capture_on_commit_callbacks(execute=True):
                services.employee_upsert(**{**values, "jabatan": "Guru"})
        finally:
            events.employees_changed.disconnect(receiver)
        assert received == [[created.pk], [created.pk]]


class CommandTests:
    def test_dry_run_prints_the_report_and_changes_nothing(self, city, tmp_path):
        path = tmp_path / "siasn.csv"
        path.write_bytes(csv_file([person(1), person(2, nip_baru="123")]))
        out = io.StringIO()
        call_command("import_roster", str(path), "--dry-run", stdout=out)
        text = out.getvalue()
        assert "baru: 1" in text and "ditolak: 1" in text
        assert "Ditolak baris 3 [123]" in text and "18 angka" in text
        assert not Employee.objects.exists()

    def test_apply_with_scope_and_allow_errors_writes_the_good_rows(self, city, tmp_path):
        path = tmp_path / "siasn.csv"
        path.write_bytes(csv_file([person(1, unit="KEL-S"), person(2, nama="")]))
        out = io.StringIO()
        call_command("import_roster", str(path), "--scope", "KEC-U", "--allow-errors", stdout=out)
        assert "Diterapkan" in out.getvalue()
        assert employee(1).office == city["kel"]
        record = RosterImport.objects.get()
        assert (record.scope, record.uploaded_by, record.dry_run) == (city["kec"], None, False)

    def test_blocked_import_exits_with_an_error(self, city, tmp_path):
        path = tmp_path / "siasn.csv"
        path.write_bytes(csv_file([person(1, nama="")]))
        with pytest.raises(CommandError):
            call_command("import_roster", str(path), stdout=io.StringIO())

    def test_unknown_scope_code_is_an_error(self, city, tmp_path):
        path = tmp_path / "siasn.csv"
        path.write_bytes(csv_file([person(1)]))
        with pytest.raises(CommandError, match="NOPE"):
            call_command("import_roster", str(path), "--scope", "NOPE")

    def test_html_renamed_csv_is_an_error(self, city, tmp_path):
        path = tmp_path / "siasn.csv"
        path.write_bytes(b"<html><body>nip_baru,nama</body></html>")
        with pytest.raises(CommandError, match="HTML"):
            call_command("import_roster", str(path))


def test_pppk_rows_keep_pppk_golongan(city):
    row = person(1, nip_baru=nip_for(5001, kind=NipKind.PPPK, sex=1), gol_akhir_nama="IX")
    record = run(csv_file([{**row, "jenis_pegawai_nama": "PPPK"}]))
    assert record.created_count == 1
    assert Employee.objects.get().golongan == "IX"


def test_office_factory_offices_are_known_by_code(city):
    OfficeFactory(name="Bidang Lama", code="BL", parent=city["dinas"])
    record = run(csv_file([person(1, unit="BL")]))
    assert record.created_count == 1


def test_admin_edit_of_an_employee_sends_employees_changed(
    admin_client, city, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    worker = existing(1, city["dinas"])
    received = []

    def receiver(sender, employee_ids, **kwargs):
        received.append(employee_ids)

    events.employees_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("wagtailsnippets_people_employee:edit", args=[worker.pk]),
                {
                    "front_title": "",
                    "name": "Pegawai Satu",
                    "back_title": "",
                    "employment_type": "PNS",
                    "nip": worker.nip,
                    "registration_number": "",
                    "golongan": "III/b",
                    "jabatan": "Guru",
                    "office": city["dinas"].pk,
                    "is_active": "on",
                },
            )
    finally:
        events.employees_changed.disconnect(receiver)
    assert response.status_code == 302
    assert Employee.objects.get(pk=worker.pk).golongan == "III/b"
    assert received == [[worker.pk]]


def test_merge_skips_a_row_already_holding_the_new_values(city):
    """PostgreSQL's merge checks again: a row changed to the same values since the plan
    was made (say, by an admin) is not written a second time."""
    if connection.vendor != "postgresql":
        pytest.skip("the staging merge is PostgreSQL's")
    from netra.people import roster, roster_load, roster_plan

    existing(1, city["dinas"])
    data = csv_file([person(1, jabatan_nama="Kepala Sekolah")])
    parsed = roster.parse(roster.read_table(data, "r.csv"))
    state = roster_load.load_state(parsed, scope=None, scope_is_hr=False)
    plan = roster_plan.make_plan(parsed, state)
    assert [changes for _row, _state, changes in plan.updates] == [
        {"jabatan": ("Guru", "Kepala Sekolah")}
    ]
    Employee.objects.filter(nip=roster_nip(1)).update(jabatan="Kepala Sekolah")
    before = row_versions()
    result = roster_load.apply_plan(plan, state)
    assert (result.updated_ids, result.rows_written) == ([], 0)
    assert row_versions() == before
