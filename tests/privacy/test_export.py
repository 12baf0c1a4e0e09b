"""The learner's own data as a ZIP ("Data saya"): what it holds, that it is only theirs,
and who may download it how often."""

import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse

from certificates.models import Certificate, PactSignature
from netra.people.factories import EmployeeFactory, totp_activate
from netra.people.models import HrAssignment
from netra.privacy import export, registry
from tests.conftest import PASSWORD

from .conftest import fill

pytestmark = pytest.mark.django_db

PAGE = reverse("privacy:my_data")
DOWNLOAD = reverse("privacy:my_data_download")


def open_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def build(user) -> dict[str, bytes]:
    with export.write_zip(registry.Person.of_user(user), account_name=user.username) as f:
        return open_zip(f.read())


def reauthenticate(client, password=PASSWORD):
    return client.post(reverse("account_reauthenticate"), {"password": password})


@pytest.fixture
def both(full_learner, other, course, pact, earn, city, period):
    """Two learners in the same office with data everywhere."""
    fill(other, course=course, pact=pact, earn=earn, city=city, period=period)
    return full_learner, other


class ZipContentTests:
    def test_one_json_file_per_exported_model_with_only_the_learners_rows(self, both):
        learner, other = both
        files = build(learner)
        person = registry.Person.of_user(learner)
        exported = [e for e in registry.entries() if e.export is not None]
        assert {f"data/{e.label}.json" for e in exported} <= set(files)
        for entry in exported:
            document = json.loads(files[export.data_filename(entry)])
            assert document["model"] == entry.label
            assert set(document["fields"]) == set(entry.export)
            assert len(document["rows"]) == entry.rows(person).count(), entry.label
            for row in document["rows"]:
                assert set(row) == set(entry.export)
        everything = b"".join(files.values()).decode("utf-8", errors="replace")
        for theirs in (other.employee.nip, other.email, other.employee.name):
            assert theirs not in everything

    def test_the_learners_rows_are_there(self, both):
        learner, _other = both
        files = build(learner)

        def rows(label):
            return json.loads(files[f"data/{label}.json"])["rows"]

        assert rows("people.Employee")[0]["nip"] == learner.employee.nip
        assert rows("people.User")[0]["email"] == "learner@example.go.id"
        assert "password" not in rows("people.User")[0]
        assert rows("courses.Enrolment")[0]["completed_at"]
        assert rows("quizzes.Attempt")[0]["passed"] is True
        assert rows("quizzes.Answer")
        signature = rows("certificates.PactSignature")[0]
        assert signature["signer"]["nip"] == learner.employee.nip
        assert signature["ip_address"] == "10.1.2.3"
        assert rows("certificates.Certificate")[0]["number"]
        kinds = {r["kind"] for r in rows("certificates.EvidenceEntry")}
        assert kinds == {"pact.signed", "certificate.issued"}
        assert [r["title"] for r in rows("notifications.Notification")] == ["Pembaruan regulasi"]
        assert rows("campaigns.ReminderLog")[0]["email"] == "learner@example.go.id"
        assert {r["type"] for r in rows("mfa.Authenticator")} == {"totp", "recovery_codes"}
        assert "data" not in rows("mfa.Authenticator")[0]  # never the secret

    def test_their_sealed_pdfs_are_included_byte_for_byte(self, both):
        learner, _other = both
        files = build(learner)
        certificate = Certificate.objects.get(user=learner)
        signature = PactSignature.objects.get(user=learner)
        pdfs = {name: data for name, data in files.items() if name.startswith("dokumen/")}
        assert len(pdfs) == 2
        digests = {hashlib.sha256(data).hexdigest() for data in pdfs.values()}
        assert digests == {certificate.pdf_sha256, signature.pdf_sha256}
        assert all(data.startswith(b"%PDF") for data in pdfs.values())

    def test_the_readme_explains_the_files_and_what_is_left_out(self, both):
        learner, _other = both
        readme = build(learner)["README.txt"].decode()
        assert "UU 27/2022" in readme
        assert "data/people.Employee.json" in readme
        assert "Sesi masuk" in readme  # not exported, and why
        assert "dokumen/sertifikat-" in readme

    def test_a_learner_with_nothing_yet_gets_empty_files(self, learner):
        files = build(learner)
        assert json.loads(files["data/courses.Enrolment.json"])["rows"] == []
        assert not [name for name in files if name.startswith("dokumen/")]


class DownloadViewTests:
    def test_the_page_explains_what_is_kept_and_why(self, learner_client):
        response = learner_client.get(PAGE)
        body = response.content.decode()
        assert response.status_code == 200
        assert "UU 27/2022" in body and "Tanda tangan pakta integritas" in body
        assert "no-store" in response["Cache-Control"]

    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        for url in (PAGE, DOWNLOAD):
            response = client.get(url) if url == PAGE else client.post(url)
            assert response.status_code == 302 and "/akun/login/" in response["Location"]

    def test_the_download_asks_for_the_password_again_then_sends_the_zip(
        self, learner_client, learner
    ):
        response = learner_client.post(DOWNLOAD)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        # allauth kept the POST and replays it once the password is right.
        response = learner_client.post(response["Location"], {"password": PASSWORD})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        files = open_zip(b"".join(response.streaming_content))
        employee = json.loads(files["data/people.Employee.json"])["rows"]
        assert employee[0]["nip"] == learner.employee.nip

    def test_an_authenticator_code_is_asked_first_when_the_learner_has_one(
        self, learner_client, learner
    ):
        totp_activate(learner)
        response = learner_client.post(DOWNLOAD)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_reauthenticate"))

    def test_a_wrong_password_gets_no_zip(self, learner_client):
        response = learner_client.post(DOWNLOAD)
        response = learner_client.post(response["Location"], {"password": "salah"})
        assert response.get("Content-Type", "").startswith("text/html")

    def test_only_ever_the_signed_in_persons_data_even_for_hr(self, client, both, city):
        learner, other = both
        officer = EmployeeFactory(office=city["pemkot"], email="sdm@example.go.id").user
        officer.set_password(PASSWORD)
        officer.save()
        HrAssignment.objects.create(user=officer, office=city["pemkot"])
        client.force_login(officer)
        reauthenticate(client)
        response = client.post(
            DOWNLOAD + f"?user={other.pk}", {"user": other.pk, "employee": other.employee.pk}
        )
        assert response.status_code == 200
        files = open_zip(b"".join(response.streaming_content))
        text = b"".join(files.values()).decode("utf-8", errors="replace")
        assert officer.employee.nip in text
        for theirs in (other.employee.nip, learner.employee.nip, other.email, learner.email):
            assert theirs not in text
        assert not [name for name in files if name.startswith("dokumen/")]

    def test_downloads_are_rate_limited_per_person(self, learner_client, settings):
        settings.NETRA_DATA_EXPORT_RATE = "2/h"
        reauthenticate(learner_client)
        assert learner_client.post(DOWNLOAD).status_code == 200
        assert learner_client.post(DOWNLOAD).status_code == 200
        limited = learner_client.post(DOWNLOAD)
        assert limited.status_code == 429
        assert limited["Retry-After"] and "Terlalu banyak unduhan" in limited.content.decode()

    def test_get_on_the_download_is_not_allowed(self, learner_client):
        assert learner_client.get(DOWNLOAD).status_code == 405

    def test_html_in_a_name_is_escaped_on_the_page(self, client, city):
        user = EmployeeFactory(
            office=city["dinas"], name="<b>Rina</b> & <i>Co</i>", with_account=True
        ).user
        client.force_login(user)
        body = client.get(PAGE).content.decode()
        assert "&lt;b&gt;Rina&lt;/b&gt; &amp; &lt;i&gt;Co&lt;/i&gt;" in body
        assert "<b>Rina</b>" not in body
