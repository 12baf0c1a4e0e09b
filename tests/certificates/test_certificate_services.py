"""Certificates through the services: issued automatically once every requirement is met
(and never before), idempotent, valid for the course's period, revocable with a reason by
the right people only, and renewed by re-taking the course, the old one kept as history."""

import datetime as dt
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import certification, issuing, rules, selectors, services
from certificates.models import Certificate, CertificateDesign, EvidenceEntry
from certificates.verification import Status
from courses import services as course_services
from courses.factories import course_with_modules, modules_of
from courses.models import CertificateValidity, Enrolment
from netra.campaigns.models import ElectionPeriod
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import HrAssignment

pytestmark = pytest.mark.django_db


class IssueTests:
    def test_issued_once_course_and_pact_are_done(
        self, done, signed, learner, course, pact, seal_key
    ):
        done(learner, course)
        assert not Certificate.objects.filter(user=learner).exists()  # pact not signed yet
        signed(learner, pact)

        certificate = Certificate.objects.get(user=learner)
        assert rules.is_valid_number(certificate.number)
        assert str(certificate.pk) in certificate.number
        assert certificate.recipient["nip"] == learner.employee.nip
        assert certificate.recipient["full_name"] == learner.employee.full_name
        assert certificate.office_path == learner.employee.office.path
        assert certificate.course_title == course.title
        assert list(certificate.pact_signatures.all()) == list(learner.pact_signatures.all())
        # The PDF is made by the (here immediate) worker, sealed and recorded.
        assert certificate.pdf and len(certificate.pdf_sha256) == 64
        data = certificate.pdf.read()
        status = validate_pdf_signature(
            PdfFileReader(BytesIO(data)).embedded_signatures[0],
            ValidationContext(trust_roots=[load_cert_from_pemder(str(seal_key))]),
        )
        assert status.intact and status.valid and status.trusted
        kinds = list(EvidenceEntry.objects.values_list("kind", flat=True))
        assert kinds[-2:] == ["certificate.issued", "certificate.pdf"]
        issued = EvidenceEntry.objects.get(kind="certificate.issued")
        assert issued.payload["course"]["page_id"] == course.pk
        assert issued.payload["pact_signatures"][0]["evidence"] == (
            learner.pact_signatures.get().evidence.entry_hash
        )
        assert certificate.verification_code not in str(issued.payload)
        # And the learner is told, once, with the link.
        assert len(mail.outbox) == 1
        assert str(certificate.reference) in mail.outbox[0].body
        assert certificate.number in mail.outbox[0].body

    def test_a_course_without_a_pact_issues_on_completion(self, done, learner, course_index):
        course = course_with_modules(parent=course_index, modules=2)
        done(learner, course)
        assert Certificate.objects.filter(user=learner, course=course).count() == 1

    def test_issuing_again_returns_the_same_certificate(self, earn, learner, course, pact):
        certificate = earn(learner, course, pact)
        again = certification.certificate_issue(user=learner, course=course)
        assert (again.certificate, again.created) == (certificate, False)
        call_command("render_missing_pdfs", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert Certificate.objects.count() == 1
        assert EvidenceEntry.objects.filter(kind="certificate.pdf").count() == 1
        assert len(mail.outbox) == 1


class RequirementTests:
    """No certificate without every requirement: one test per requirement."""

    def issue(self, user, course):
        return certification.certificate_issue(user=user, course=course)

    def test_modules_not_all_done(self, learner, course, pact):
        first = modules_of(course)[0]
        course_services.module_complete(user=learner, module=first)
        result = self.issue(learner, course)
        assert result.certificate is None
        assert rules.Missing.MODULES in result.missing

    def test_quiz_not_passed(self, earn, learner, course, pact):
        earn(learner, course, pact)
        # A new module published after completion: done with modules again, but the
        # quiz of the new cycle is what this test is about, so renew and read modules only.
        Certificate.objects.update(valid_until=dt.date(2000, 1, 1))
        certification.recertification_start(user=learner, course=course)
        for module in modules_of(course):
            course_services.module_complete(user=learner, module=module)
        Enrolment.objects.filter(user=learner).update(completed_at=timezone.now())
        result = self.issue(learner, course)
        assert result.certificate is None
        assert result.missing == (rules.Missing.QUIZ,)

    def test_pact_not_signed(self, done, learner, course, pact):
        done(learner, course)
        result = self.issue(learner, course)
        assert result.certificate is None
        assert result.missing == (rules.Missing.PACT,)

    def test_pact_signature_revoked(self, done, signed, learner, course, pact, admin_user):
        done(learner, course)
        signature = signed(learner, pact).signature
        services.signature_revoke(signature=signature, by=admin_user, reason="Salah orang")
        certification.certificate_revoke(
            certificate=Certificate.objects.get(user=learner), by=admin_user, reason="Pakta dicabut"
        )
        # A fresh cycle: the revoked signature no longer satisfies the pact requirement.
        certification.recertification_start(user=learner, course=course)
        done(learner, course)
        current = Certificate.objects.get(user=learner, superseded_at__isnull=True)
        assert current.revoked_at is not None  # no new certificate was issued
        result = self.issue(learner, course)
        assert result.certificate is None and result.missing == (rules.Missing.PACT,)

    def test_pact_signed_on_an_old_version_only(self, done, signed, earn, learner, course, pact):
        old = earn(learner, course, pact)
        Certificate.objects.filter(pk=old.pk).update(valid_until=dt.date(2020, 1, 1))
        certification.recertification_start(user=learner, course=course)
        pact.closing = "Penutup versi baru."
        pact.save_revision().publish()
        pact.refresh_from_db()
        done(learner, course)
        result = self.issue(learner, course)
        assert result.certificate is None and result.missing == (rules.Missing.PACT,)
        signed(learner, pact)  # version 2: now it is issued
        assert Certificate.objects.get(user=learner, superseded_at__isnull=True) != old

    def test_no_employee_record(self, done, course_index):
        user = UserFactory()
        course = course_with_modules(parent=course_index, modules=1)
        done(user, course)
        result = self.issue(user, course)
        assert result.certificate is None and rules.Missing.NO_EMPLOYEE in result.missing

    def test_certificates_disabled_for_the_course(self, done, learner, course_index):
        course = course_with_modules(parent=course_index, modules=1, certificate_enabled=False)
        done(learner, course)
        assert not Certificate.objects.exists()
        assert rules.Missing.DISABLED in self.issue(learner, course).missing

    def test_course_unpublished(self, done, learner, course_index):
        course = course_with_modules(parent=course_index, modules=1, certificate_enabled=False)
        done(learner, course)
        course.certificate_enabled = True
        course.save()
        course.unpublish()
        course.refresh_from_db()
        assert rules.Missing.COURSE_NOT_LIVE in self.issue(learner, course).missing

    def test_pact_outside_the_learners_audience_is_not_required(self, done, learner, course, pact):
        pact.audience_pns = False
        pact.save_revision().publish()
        done(learner, course)
        assert Certificate.objects.filter(user=learner).exists()


class ValidityTests:
    def test_months(self, earn, learner, course, pact):
        course.certificate_validity = CertificateValidity.MONTHS
        course.certificate_valid_months = 12
        course.save_revision().publish()
        certificate = earn(learner, course, pact)
        issued = timezone.localdate(certificate.issued_at)
        assert certificate.valid_until == rules.add_months(issued, 12)
        assert selectors.certificate_status(certificate) == Status.VALID
        assert (
            selectors.certificate_status(
                certificate, today=certificate.valid_until + dt.timedelta(days=1)
            )
            == Status.EXPIRED
        )

    def test_until_the_election_period(self, earn, learner, course, pact):
        period = ElectionPeriod.objects.create(
            name="Pilkada 2029",
            kind="pilkada",
            campaign_start=dt.date(2029, 9, 25),
            campaign_end=dt.date(2029, 11, 23),
            voting_day=dt.date(2029, 11, 27),
        )
        course.certificate_validity = CertificateValidity.ELECTION_PERIOD
        course.certificate_election_period = period
        course.save_revision().publish()
        certificate = earn(learner, course, pact)
        assert certificate.valid_until == dt.date(2029, 11, 27)
        assert "Pilkada 2029" in certificate.validity_note

    def test_expiry_notice_is_sent_once(self, earn, learner, course, pact):
        certificate = earn(learner, course, pact)
        mail.outbox.clear()
        today = timezone.localdate()
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=today + dt.timedelta(days=10)
        )
        assert certification.expiry_notices_send(today=today) == 1
        assert certification.expiry_notices_send(today=today) == 0
        call_command("send_certificate_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert len(mail.outbox) == 1
        assert "10 hari" in mail.outbox[0].body

    def test_no_notice_outside_the_window_or_for_revoked(
        self, earn, learner, course, pact, admin_user
    ):
        certificate = earn(learner, course, pact)
        mail.outbox.clear()
        today = timezone.localdate()
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=today + dt.timedelta(days=31)
        )
        assert certification.expiry_notices_send(today=today) == 0
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=today + dt.timedelta(days=3)
        )
        certification.certificate_revoke(certificate=certificate, by=admin_user, reason="Keliru")
        assert certification.expiry_notices_send(today=today) == 0


class RevokeTests:
    def test_admin_revokes_with_a_reason(self, earn, learner, course, pact, admin_user):
        certificate = earn(learner, course, pact)
        with pytest.raises(ValidationError):
            certification.certificate_revoke(certificate=certificate, by=admin_user, reason=" ")
        certification.certificate_revoke(
            certificate=certificate, by=admin_user, reason="Kuis dikerjakan orang lain"
        )
        certificate.refresh_from_db()
        assert certificate.revoked_reason == "Kuis dikerjakan orang lain"
        assert selectors.certificate_status(certificate) == Status.REVOKED
        entry = EvidenceEntry.objects.get(kind="certificate.revoked")
        assert entry.payload["number"] == certificate.number
        # Idempotent: a second revocation changes and records nothing.
        certification.certificate_revoke(certificate=certificate, by=admin_user, reason="Lagi")
        assert EvidenceEntry.objects.filter(kind="certificate.revoked").count() == 1

    def test_hr_revokes_within_their_offices_only(self, earn, learner, course, pact, city):
        certificate = earn(learner, course, pact)  # learner works at Dinas Pendidikan
        own = UserFactory()
        HrAssignment.objects.create(user=own, office=city["pemkot"])
        other = UserFactory()
        HrAssignment.objects.create(user=other, office=city["kec"])
        colleague = EmployeeFactory(office=city["dinas"], with_account=True).user
        for outsider in (other, colleague):
            with pytest.raises(PermissionDenied):
                certification.certificate_revoke(
                    certificate=certificate, by=outsider, reason="Bukan wewenang"
                )
        certificate.refresh_from_db()
        assert certificate.revoked_at is None
        certification.certificate_revoke(certificate=certificate, by=own, reason="Data keliru")
        certificate.refresh_from_db()
        assert certificate.revoked_by == own


class RecertificationTests:
    def expire(self, certificate):
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=dt.date(2020, 1, 1))

    def test_renewal_supersedes_and_keeps_history(self, done, earn, learner, course, pact):
        old = earn(learner, course, pact)
        self.expire(old)
        assert certification.recertification_start(user=learner, course=course)
        enrolment = Enrolment.objects.get(user=learner, course=course)
        assert enrolment.completed_at is None and enrolment.cycle == 2
        assert enrolment.archived_completions.count() == len(modules_of(course)) + 1
        # Until the course is done again the old certificate stays current (expired).
        old.refresh_from_db()
        assert old.superseded_at is None
        assert certification.recertification_start(user=learner, course=course) is False

        done(learner, course)  # the quiz can be taken again in the new cycle
        new = Certificate.objects.get(user=learner, superseded_at__isnull=True)
        old.refresh_from_db()
        assert new != old and new.cycle == 2
        assert old.superseded_by == new and old.superseded_at is not None
        assert selectors.certificate_status(old) == Status.SUPERSEDED
        assert selectors.verification_lookup(old.verification_code)["status"] == Status.SUPERSEDED
        assert selectors.verification_lookup(new.verification_code)["status"] == Status.VALID
        superseded = EvidenceEntry.objects.get(kind="certificate.superseded")
        assert superseded.payload == {
            **superseded.payload,
            "certificate": str(old.reference),
            "superseded_by": str(new.reference),
        }
        assert [c.pk for c in selectors.certificates_for_learner(learner)] == [new.pk, old.pk]

    def test_a_valid_certificate_is_not_renewed_early(self, earn, learner, course, pact):
        earn(learner, course, pact)
        with pytest.raises(certification.RenewalRefused):
            certification.recertification_start(user=learner, course=course)

    def test_renewal_is_allowed_within_the_notice_period(self, earn, learner, course, pact):
        certificate = earn(learner, course, pact)
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=timezone.localdate() + dt.timedelta(days=5)
        )
        assert certification.recertification_start(user=learner, course=course)


class PdfTests:
    def test_a_failed_render_is_retried(self, earn, learner, course, pact, monkeypatch):
        real = issuing.certificate_pdf_generate
        calls = []

        def flaky(certificate_id):
            calls.append(certificate_id)
            if len(calls) == 1:
                raise OSError("storage unavailable")
            return real(certificate_id)

        monkeypatch.setattr(issuing, "certificate_pdf_generate", flaky)
        certificate = earn(learner, course, pact)
        certificate.refresh_from_db()
        assert len(calls) == 2
        assert certificate.pdf and certificate.pdf_failures == 1
        assert len(mail.outbox) == 1

    def test_document_shows_the_snapshot(self, earn, learner, course, pact):
        certificate = earn(learner, course, pact)
        document = issuing.certificate_document(certificate)
        assert document.number == certificate.number
        assert document.recipient.id_number == learner.employee.nip
        assert document.recipient.office == learner.employee.office.name
        assert document.verification_url.endswith(f"/verifikasi/{certificate.verification_code}/")


class DesignTests:
    """The certificate's look is edited in Wagtail settings, not code."""

    def test_settings_reach_the_document(self, earn, learner, course, pact):
        design = CertificateDesign.load()
        design.signatory_name = "Dr. Sri Lestari, M.Si."
        design.primary_colour = "#7a1f1f"
        design.save()
        certificate = earn(learner, course, pact)
        document = issuing.certificate_document(certificate)
        assert document.design.signatory_name == "Dr. Sri Lestari, M.Si."
        assert document.design.primary_colour == "#7a1f1f"

    def test_colours_must_be_hex(self):
        design = CertificateDesign.load()
        design.accent_colour = "red; background: url(x)"
        with pytest.raises(ValidationError):
            design.full_clean()

    def test_a_large_png_logo_is_printed_as_a_small_jpeg(self, tmp_path):
        from django.core.files.images import ImageFile
        from PIL import Image as PILImage
        from wagtail.images import get_image_model

        source = tmp_path / "logo.png"
        PILImage.new("RGBA", (2400, 2400), (200, 30, 30, 255)).save(source)
        with source.open("rb") as handle:
            image = get_image_model().objects.create(
                title="Logo Pemkot", file=ImageFile(handle, name="logo.png")
            )
        design = CertificateDesign.load()
        design.logo = image
        design.save()
        logo = issuing.current_design().logo_jpeg
        assert logo.startswith(b"\xff\xd8")  # JPEG
        with PILImage.open(BytesIO(logo)) as printed:
            assert max(printed.size) <= 300
        assert len(logo) < 30_000
