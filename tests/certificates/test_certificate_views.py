"""Certificates over HTTP: "Kursus saya", the detail page and PDF, the public verification
page in each state, revocation and renewal, HR's office list and ZIP, Open Badges."""

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from certificates import certification, credentials, openbadges, signing, verification
from certificates.models import Certificate, EvidenceEntry
from courses.models import Enrolment
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import HrAssignment
from tests.conftest import login_with_mfa

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json"


@pytest.fixture
def certificate(earn, learner, course, pact):
    return earn(learner, course, pact)


def hr(office):
    user = UserFactory()
    HrAssignment.objects.create(user=user, office=office)
    return user


def verify(client, certificate):
    return client.get(reverse("certificates:verify", args=[certificate.verification_code]))


class MyCoursesTests:
    def test_the_course_card_offers_the_download(self, learner_client, certificate):
        body = learner_client.get(reverse("courses:my_courses")).content.decode()
        assert reverse("certificates:certificate_pdf", args=[certificate.reference]) in body

    def test_a_completed_course_says_the_pact_is_missing(
        self, done, learner_client, learner, course, pact
    ):
        done(learner, course)
        body = learner_client.get(reverse("courses:my_courses")).content.decode()
        assert "Sertifikat terbit setelah" in body and pact.title in body

    def test_being_prepared(self, learner_client, certificate):
        Certificate.objects.filter(pk=certificate.pk).update(pdf="")
        body = learner_client.get(reverse("courses:my_courses")).content.decode()
        assert "sedang disiapkan" in body
        detail = learner_client.get(
            reverse("certificates:certificate", args=[certificate.reference])
        )
        assert "sedang disiapkan" in detail.content.decode()
        assert '<meta http-equiv="refresh"' in detail.content.decode()
        pdf = learner_client.get(
            reverse("certificates:certificate_pdf", args=[certificate.reference])
        )
        assert pdf.status_code == 302

    def test_my_certificates_lists_history(self, learner_client, certificate):
        body = learner_client.get(reverse("certificates:my_certificates")).content.decode()
        assert certificate.number in body


class AccessMatrixTests:
    """Holder, HR over the holder's office and admins; everyone else gets 404."""

    def statuses(self, client, user, certificate, *, second_factor=True):
        if user is not None and second_factor:
            login_with_mfa(client, user)
        elif user is not None:
            client.force_login(user)
        urls = [
            reverse("certificates:certificate", args=[certificate.reference]),
            reverse("certificates:certificate_pdf", args=[certificate.reference]),
        ]
        return [client.get(url).status_code for url in urls]

    def test_holder(self, client, certificate, learner):
        assert self.statuses(client, learner, certificate) == [200, 200]

    def test_hr_over_the_office(self, client, certificate, city):
        assert self.statuses(client, hr(city["pemkot"]), certificate) == [200, 200]

    def test_hr_of_another_subtree(self, client, certificate, city):
        assert self.statuses(client, hr(city["kec"]), certificate) == [404, 404]

    def test_hr_and_admins_need_the_second_factor(self, client, certificate, city):
        for user in (hr(city["pemkot"]), UserFactory(is_superuser=True, is_staff=True)):
            codes = self.statuses(client, user, certificate, second_factor=False)
            assert codes[0] == 302 and codes[1] in (302, 403)

    def test_admin(self, client, certificate):
        admin = UserFactory(is_superuser=True, is_staff=True)
        assert self.statuses(client, admin, certificate) == [200, 200]

    def test_colleague_and_staff_without_scope(self, client, certificate, city):
        colleague = EmployeeFactory(office=city["dinas"], with_account=True).user
        assert self.statuses(client, colleague, certificate) == [404, 404]
        assert self.statuses(client, UserFactory(is_staff=True), certificate) == [404, 404]

    def test_anonymous(self, client, certificate):
        response = client.get(reverse("certificates:certificate", args=[certificate.reference]))
        assert response.status_code == 302 and "/akun/login/" in response["Location"]

    def test_the_pdf_is_an_attachment(self, learner_client, certificate):
        response = learner_client.get(
            reverse("certificates:certificate_pdf", args=[certificate.reference])
        )
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert certificate.number in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]


class VerifyTests:
    def test_valid(self, client, certificate, learner):
        response = verify(client, certificate)
        body = response.content.decode()
        assert response.status_code == 200
        assert "Sertifikat sah dan berlaku" in body
        masked = verification.mask_name(learner.employee.name)
        for shown in (certificate.course_title, certificate.number, masked):
            assert shown in body
        assert "Pemerintah Kota Uji" in body  # issuing office
        assert certificate.issued_at.strftime("%Y") in body
        assert learner.employee.nip not in body and learner.employee.name not in body
        assert certificate.pdf_sha256 in body and "data-hash-check" in body
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"].startswith("noindex")

    def test_expired(self, client, certificate):
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=dt.date(2025, 1, 31))
        body = verify(client, certificate).content.decode()
        assert "kedaluwarsa" in body and "31 Januari 2025" in body

    def test_revoked_shows_at_once_with_the_reason(self, client, certificate, city):
        certification.certificate_revoke(
            certificate=certificate, by=hr(city["pemkot"]), reason="Kuis dikerjakan orang lain"
        )
        body = verify(client, certificate).content.decode()
        assert "Sertifikat dicabut" in body and "Kuis dikerjakan orang lain" in body

    def test_superseded(self, client, certificate, done, learner, course):
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=dt.date(2020, 1, 1))
        certification.recertification_start(user=learner, course=course)
        done(learner, course)
        body = verify(client, certificate).content.decode()
        assert "sudah digantikan" in body

    def test_unknown_and_malformed_codes_get_the_same_answer(self, client, certificate):
        unknown = client.get(reverse("certificates:verify", args=["b" * 32]))
        malformed = client.get(reverse("certificates:verify", args=[certificate.number]))
        assert unknown.status_code == malformed.status_code == 404

        def main(response):
            body = response.content.decode()
            return body[body.index("<main") : body.index("</main>")]

        assert main(unknown) == main(malformed)

    def test_rate_limited(self, client, settings, certificate):
        settings.NETRA_VERIFY_RATE = "3/m"
        statuses = [verify(client, certificate).status_code for _ in range(5)]
        assert statuses == [200, 200, 200, 429, 429]


class RevokeViewTests:
    def url(self, certificate):
        return reverse("certificates:certificate_revoke", args=[certificate.reference])

    def test_hr_of_the_office_revokes(self, client, certificate, city):
        login_with_mfa(client, hr(city["dinas"]))
        assert client.get(self.url(certificate)).status_code == 200
        response = client.post(self.url(certificate), {"reason": "Identitas tertukar"})
        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.revoked_reason == "Identitas tertukar"

    def test_a_reason_is_required(self, client, certificate, city):
        login_with_mfa(client, hr(city["dinas"]))
        response = client.post(self.url(certificate), {"reason": ""})
        assert response.status_code == 200
        certificate.refresh_from_db()
        assert certificate.revoked_at is None

    @pytest.mark.parametrize("who", ["other_hr", "holder", "colleague"])
    def test_nobody_else_can(self, client, certificate, city, learner, who):
        user = {
            "other_hr": lambda: hr(city["kec"]),
            "holder": lambda: learner,
            "colleague": lambda: EmployeeFactory(office=city["dinas"], with_account=True).user,
        }[who]()
        client.force_login(user)
        assert client.post(self.url(certificate), {"reason": "x"}).status_code == 404
        certificate.refresh_from_db()
        assert certificate.revoked_at is None

    def test_admin_revokes_in_the_wagtail_admin(self, admin_client, certificate):
        listing = admin_client.get(reverse("issued_certificates:index"))
        assert listing.status_code == 200 and certificate.number in listing.content.decode()
        inspect = admin_client.get(reverse("issued_certificates:inspect", args=[certificate.pk]))
        assert inspect.status_code == 200
        url = reverse("certificates_certificate_revoke", args=[certificate.pk])
        assert admin_client.post(url, {"reason": "Duplikat"}).status_code == 302
        certificate.refresh_from_db()
        assert certificate.revoked_reason == "Duplikat"
        assert EvidenceEntry.objects.filter(kind="certificate.revoked").count() == 1

    def test_the_admin_has_no_add_edit_or_delete(self, admin_client, certificate):
        from django.urls import NoReverseMatch

        for name in ("add", "edit", "delete"):
            with pytest.raises(NoReverseMatch):
                reverse(f"issued_certificates:{name}", args=[certificate.pk])


class RenewViewTests:
    def test_an_expired_certificate_can_be_renewed(self, learner_client, certificate, learner):
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=dt.date(2020, 1, 1))
        detail = learner_client.get(
            reverse("certificates:certificate", args=[certificate.reference])
        )
        assert "Ikuti ulang kursus" in detail.content.decode()
        url = reverse("certificates:certificate_renew", args=[certificate.reference])
        response = learner_client.post(url)
        assert response.status_code == 302
        assert Enrolment.objects.get(user=learner).completed_at is None

    def test_only_the_holder_can_renew(self, client, certificate, learner, city):
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=dt.date(2020, 1, 1))
        client.force_login(hr(city["pemkot"]))  # may view it, may not renew it
        url = reverse("certificates:certificate_renew", args=[certificate.reference])
        assert client.post(url).status_code == 404
        assert Enrolment.objects.get(user=learner).completed_at is not None

    def test_a_valid_one_cannot(self, learner_client, certificate, learner):
        url = reverse("certificates:certificate_renew", args=[certificate.reference])
        learner_client.post(url)
        assert Enrolment.objects.get(user=learner).completed_at is not None


class HrTests:
    @pytest.fixture
    def certificates(self, earn, course, pact, city, learner):
        """The learner at Dinas Pendidikan plus one colleague at the SD under it and one at
        the Kelurahan (another subtree); names that would be formulas or markup."""
        at_sd = EmployeeFactory(office=city["sd"], with_account=True, name="=HYPERLINK(1)").user
        at_kel = EmployeeFactory(office=city["kel"], with_account=True, name="<b>Kel</b>").user
        return {u: earn(u, course, pact) for u in (learner, at_sd, at_kel)}

    def test_list_is_scoped_to_the_selected_office(self, client, certificates, city):
        login_with_mfa(client, hr(city["dinas"]))
        body = client.get(reverse("certificates:hr_certificates")).content.decode()
        numbers = {c.number for c in certificates.values()}
        shown = {n for n in numbers if n in body}
        assert len(shown) == 2
        assert "&lt;b&gt;Kel" not in body
        other = client.get(reverse("certificates:hr_certificates"), {"office": city["kel"].pk})
        assert other.status_code == 404

    def test_learners_have_no_hr_list(self, learner_client, certificates):
        assert learner_client.get(reverse("certificates:hr_certificates")).status_code == 404

    def test_zip_holds_the_office_subtree_only(self, client, certificates, city):
        login_with_mfa(client, hr(city["pemkot"]))
        response = client.get(reverse("certificates:hr_certificates_zip", args=[city["dinas"].pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        names = archive.namelist()
        pdfs = [n for n in names if n.endswith(".pdf")]
        assert len(pdfs) == 2 and "daftar.csv" in names
        assert all("/" not in n and ".." not in n for n in names)
        for name in pdfs:
            assert archive.read(name).startswith(b"%PDF-")
        rows = list(csv.DictReader(io.StringIO(archive.read("daftar.csv").decode("utf-8-sig"))))
        assert len(rows) == 2
        assert any(r["nama"].startswith("'=HYPERLINK") for r in rows)
        hashes = {c.pdf_sha256 for c in certificates.values()}
        assert {r["sha256"] for r in rows} <= hashes

    def test_zip_of_an_office_outside_scope_is_404(self, client, certificates, city):
        login_with_mfa(client, hr(city["kec"]))
        url = reverse("certificates:hr_certificates_zip", args=[city["dinas"].pk])
        assert client.get(url).status_code == 404


class OpenBadgeTests:
    def test_holder_gets_a_signed_credential_that_validates(
        self, learner_client, certificate, learner
    ):
        response = learner_client.get(
            reverse("certificates:certificate_badge", args=[certificate.reference])
        )
        assert response.status_code == 200 and response["Content-Type"] == "application/jwt"
        _key, seal_cert, _chain = signing.seal_key_material()
        credential = openbadges.verify_credential(response.content.decode(), seal_cert)
        validator = jsonschema.Draft201909Validator(
            json.loads(SCHEMA.read_text()), format_checker=jsonschema.FormatChecker()
        )
        validator.validate(credential)
        assert credential["name"] == certificate.course_title
        assert learner.employee.nip not in response.content.decode()
        assert credential["id"].endswith(f"/verifikasi/{certificate.verification_code}/")
        readable = learner_client.get(
            reverse("certificates:certificate_badge", args=[certificate.reference]),
            {"format": "json"},
        )
        assert readable.json()["credentialSubject"] == credential["credentialSubject"]

    def test_others_cannot_download_it(self, client, certificate, city):
        client.force_login(hr(city["pemkot"]))
        url = reverse("certificates:certificate_badge", args=[certificate.reference])
        assert client.get(url).status_code == 404

    def test_revocation_shows_in_the_status_list(self, client, certificate, admin_user):
        number, index = openbadges.status_position(certificate.pk)
        url = reverse("certificates:badge_status", args=[number])
        _key, seal_cert, _chain = signing.seal_key_material()

        def revoked():
            token = client.get(url).content.decode()
            status = openbadges.verify_credential(token, seal_cert)
            return openbadges.is_revoked(status["credentialSubject"]["encodedList"], index)

        assert not revoked()
        certification.certificate_revoke(certificate=certificate, by=admin_user, reason="x")
        assert revoked()

    def test_public_documents(self, client, certificate):
        issuer = client.get(reverse("certificates:badge_issuer")).json()
        assert issuer["type"] == ["Profile"] or "Profile" in issuer["type"]
        key = client.get(reverse("certificates:badge_key")).json()
        assert key["kty"] == "EC" and key["kid"] == credentials.key_url()
        assert "d" not in key  # never the private part
        assert client.get(reverse("certificates:badge_status", args=[10**6])).status_code == 404


def test_hostile_names_are_text_everywhere(client, earn, course, pact, city, admin_user):
    user = EmployeeFactory(
        office=city["dinas"], with_account=True, name="<script>alert(1)</script> Wati"
    ).user
    certificate = earn(user, course, pact)
    client.force_login(user)
    for url in (
        reverse("certificates:certificate", args=[certificate.reference]),
        reverse("certificates:my_certificates"),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body
    assert (
        "&lt;script&gt;"
        in client.get(
            reverse("certificates:certificate", args=[certificate.reference])
        ).content.decode()
    )
