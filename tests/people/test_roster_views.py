"""The roster import pages (/sdm/impor/): who may use them, uploads refused for what they
contain, the dry-run report, apply, progress and history."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.people import roster
from netra.people.factories import EmployeeFactory, UserFactory, nip_for
from netra.people.models import Employee, HrAssignment, RosterImport
from tests.conftest import login_with_mfa

pytestmark = pytest.mark.django_db

LIST = reverse("people:roster_imports")


def roster_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["NIP Baru", "Nama", "Unor Id", "Email"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def upload(data: bytes, name="siasn.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def hr_client(client, office):
    user = UserFactory()
    HrAssignment.objects.create(user=user, office=office)
    return login_with_mfa(client, user), user


@pytest.fixture
def hr(client, city):
    return hr_client(client, city["kec"])


def post_roster(client, data, scope, capture, **extra):
    with capture(execute=True):  # the worker job runs on commit (ImmediateBackend)
        return client.post(
            LIST, {"file": upload(data, extra.pop("name", "siasn.csv")), "scope": scope.pk, **extra}
        )


# Flipped sex digit: no factory-made employee has this NIP.
ROSTER_NIP = nip_for(9001, sex=1)
GOOD = [ROSTER_NIP, "Budi Santoso", "KEL-S", ""]
BAD_NIP = ["19900101", "Salah Ketik", "KEL-S", ""]


class UploadTests:
    def test_hr_officer_uploads_and_sees_the_dry_run_report(
        self, hr, city, django_capture_on_commit_callbacks
    ):
        client, user = hr
        response = post_roster(
            client, roster_csv([GOOD, BAD_NIP]), city["kec"], django_capture_on_commit_callbacks
        )
        record = RosterImport.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("people:roster_import", args=[record.pk])
        assert (record.uploaded_by, record.scope, record.dry_run) == (user, city["kec"], True)
        page = client.get(response["Location"]).content.decode()
        assert "Diperiksa (uji coba)" in page
        assert "Budi Santoso" in page  # will be created
        assert "Salah Ketik" in page and "18 angka" in page  # rejected, with its reason
        assert "<td>3</td>" in page  # the rejected row's line
        assert "Terapkan impor" in page
        assert not Employee.objects.exists()

    def test_apply_writes_the_good_rows_when_asked_to_skip_rejected_ones(
        self, hr, city, django_capture_on_commit_callbacks
    ):
        client, _user = hr
        post_roster(
            client, roster_csv([GOOD, BAD_NIP]), city["kec"], django_capture_on_commit_callbacks
        )
        record = RosterImport.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("people:roster_import_apply", args=[record.pk]), {"allow_errors": "on"}
            )
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.status == RosterImport.Status.APPLIED
        assert Employee.objects.get().name == "Budi Santoso"
        page = client.get(response["Location"]).content.decode()
        assert "Diterapkan" in page and "Salah Ketik" in page
        assert "Terapkan impor" not in page

    def test_apply_without_the_tick_changes_nothing_when_rows_were_rejected(
        self, hr, city, django_capture_on_commit_callbacks
    ):
        client, _user = hr
        post_roster(
            client, roster_csv([GOOD, BAD_NIP]), city["kec"], django_capture_on_commit_callbacks
        )
        record = RosterImport.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("people:roster_import_apply", args=[record.pk]))
        record.refresh_from_db()
        assert record.status == RosterImport.Status.BLOCKED
        assert not Employee.objects.exists()
        page = client.get(reverse("people:roster_import", args=[record.pk])).content.decode()
        assert "1 baris ditolak" in page

    def test_mass_deactivation_asks_for_confirmation_on_the_page(
        self, hr, city, django_capture_on_commit_callbacks
    ):
        client, _user = hr
        for _ in range(3):
            EmployeeFactory(office=city["kel"])
        post_roster(client, roster_csv([GOOD]), city["kec"], django_capture_on_commit_callbacks)
        record = RosterImport.objects.get()
        page = client.get(reverse("people:roster_import", args=[record.pk])).content.decode()
        assert "Saya yakin: nonaktifkan pegawai" in page
        assert "akan menonaktifkan 3 dari 3 pegawai aktif" in page

    def test_html_in_names_is_escaped_on_the_report(
        self, hr, city, django_capture_on_commit_callbacks
    ):
        client, _user = hr
        name = '<img src=x onerror="alert(1)">Budi'
        post_roster(
            client,
            roster_csv([[ROSTER_NIP, name, "KEL-S", ""], ["1", name, "KEL-S", ""]]),
            city["kec"],
            django_capture_on_commit_callbacks,
        )
        record = RosterImport.objects.get()
        page = client.get(reverse("people:roster_import", args=[record.pk])).content.decode()
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Budi" in page

    def test_oversized_file_is_refused_with_a_clear_message(self, hr, city, monkeypatch):
        client, _user = hr
        monkeypatch.setattr(roster, "MAX_UPLOAD_BYTES", 2**20)  # 20 MB in production
        data = roster_csv([GOOD] * 40_000)
        assert len(data) > 2**20
        response = client.post(LIST, {"file": upload(data), "scope": city["kec"].pk})
        assert response.status_code == 200
        assert "Berkas terlalu besar (maksimal 1 MB)." in response.content.decode()
        assert not RosterImport.objects.exists()

    @pytest.mark.parametrize(
        ("data", "needle"),
        [
            (b"<!DOCTYPE html><html><table><tr><td>NIP</td></tr></table></html>", "HTML"),
            (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ],
    )
    def test_file_disguised_as_csv_is_refused_for_its_content(self, hr, city, data, needle):
        client, _user = hr
        response = client.post(LIST, {"file": upload(data), "scope": city["kec"].pk})
        assert response.status_code == 200
        assert needle in response.content.decode()
        assert not RosterImport.objects.exists()

    def test_scope_outside_the_officers_offices_is_not_accepted(self, hr, city):
        client, _user = hr
        response = client.post(
            LIST, {"file": upload(roster_csv([GOOD])), "scope": city["dinas"].pk}
        )
        assert response.status_code == 200
        assert not RosterImport.objects.exists()

    def test_status_endpoint_reports_progress(self, hr, city, django_capture_on_commit_callbacks):
        client, _user = hr
        post_roster(client, roster_csv([GOOD]), city["kec"], django_capture_on_commit_callbacks)
        record = RosterImport.objects.get()
        status = client.get(reverse("people:roster_import_status", args=[record.pk])).json()
        assert status == {"status": "checked", "progress": 100, "finished": True}

    def test_queued_import_shows_a_progress_bar(self, hr, city):
        client, _user = hr
        client.post(LIST, {"file": upload(roster_csv([GOOD])), "scope": city["kec"].pk})
        record = RosterImport.objects.get()  # on-commit job not run: still queued
        page = client.get(reverse("people:roster_import", args=[record.pk])).content.decode()
        assert 'role="progressbar"' in page and "people/roster_import.js" in page


class AccessTests:
    def test_people_without_hr_assignment_get_404(self, learner_client, city):
        record = RosterImport.objects.create(
            file_name="x.csv", file_size=1, file_sha256="0" * 64, content=b"x"
        )
        for url in (
            LIST,
            reverse("people:roster_import", args=[record.pk]),
            reverse("people:roster_import_status", args=[record.pk]),
        ):
            assert learner_client.get(url).status_code == 404, url
        apply = reverse("people:roster_import_apply", args=[record.pk])
        assert learner_client.post(apply).status_code == 404

    def test_hr_of_another_office_gets_404_for_an_import(
        self, client, city, django_capture_on_commit_callbacks
    ):
        owner, _user = hr_client(client, city["kec"])
        post_roster(owner, roster_csv([GOOD]), city["kec"], django_capture_on_commit_callbacks)
        record = RosterImport.objects.get()
        other, _other_user = hr_client(client, city["dinas"])
        for url in (
            reverse("people:roster_import", args=[record.pk]),
            reverse("people:roster_import_status", args=[record.pk]),
        ):
            assert other.get(url).status_code == 404, url
        with django_capture_on_commit_callbacks(execute=True):
            response = other.post(reverse("people:roster_import_apply", args=[record.pk]))
        assert response.status_code == 404
        record.refresh_from_db()
        assert record.status == RosterImport.Status.CHECKED
        assert record.file_name not in other.get(LIST).content.decode()

    def test_superuser_sees_every_import_and_may_leave_the_scope_empty(
        self, client, city, django_capture_on_commit_callbacks
    ):
        login_with_mfa(client, UserFactory(is_superuser=True, is_staff=True))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(LIST, {"file": upload(roster_csv([GOOD]), "semua.csv")})
        assert response.status_code == 302
        assert RosterImport.objects.get().scope is None
        RosterImport.objects.create(
            file_name="milik-sdm.csv", file_size=1, file_sha256="0" * 64, content=b"x"
        )
        page = client.get(LIST).content.decode()
        assert "semua.csv" in page and "milik-sdm.csv" in page

    def test_staff_need_the_import_permission(self, client, city):
        staff = UserFactory(is_staff=True)
        login_with_mfa(client, staff)
        assert client.get(LIST).status_code == 404
        staff.user_permissions.add(Permission.objects.get(codename="add_rosterimport"))
        assert client.get(LIST).status_code == 200
