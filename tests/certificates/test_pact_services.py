"""Pact versions and signing through the services: every refusal writes nothing, a repeat
returns the same signature, and the evidence says what the issue asks for."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import issuing, selectors, services
from certificates.models import EvidenceEntry, PactSignature, PactVersion
from courses import services as course_services
from courses.factories import modules_of
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import EmploymentType

from .conftest import finish_course, just_reauthenticated

pytestmark = pytest.mark.django_db


def sign(user, version, **overrides):
    facts = {
        "typed_name": user.employee.name,
        "consent": True,
        "content_hash": version.content_hash,
        "ip_address": "10.1.2.3",
        "user_agent": "Mozilla/5.0 (Linux; Android 14) Chrome/140",
        **just_reauthenticated(),
        **overrides,
    }
    return services.pact_sign(user=user, version=version, **facts)


def republish(page, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class VersionTests:
    def test_publishing_freezes_version_one(self, pact):
        version = services.current_version(pact)
        assert version.number == 1
        assert version.content["title"] == pact.title
        assert [c["text"] for c in version.content["clauses"]] == [
            str(b.value) for b in pact.clauses
        ]
        assert len(version.content_hash) == 64

    def test_republishing_the_same_text_keeps_the_version(self, pact):
        republish(pact, seo_title="Judul SEO saja")
        assert PactVersion.objects.filter(pact=pact).count() == 1

    def test_a_changed_clause_makes_a_new_version(self, pact):
        first = services.current_version(pact)
        clauses = [("clause", str(b.value)) for b in pact.clauses] + [
            ("clause", "Tidak memasang atribut pasangan calon di kendaraan dinas.")
        ]
        republish(pact, clauses=clauses)
        second = services.current_version(pact)
        assert second.number == 2 and second.content_hash != first.content_hash

    def test_an_unpublished_pact_has_no_version(self, pact):
        pact.unpublish()
        pact.refresh_from_db()
        assert services.current_version(pact) is None


class SignTests:
    def test_signing_records_signature_snapshot_and_evidence(self, pact, signer):
        version = services.current_version(pact)
        result = sign(signer, version)
        assert result.created
        signature = result.signature
        employee = signer.employee
        assert signature.signer["nip"] == employee.nip
        assert signature.signer["office"]["name"] == employee.office.name
        assert signature.signer["office_ancestors"] == ["Pemerintah Kota Uji"]
        assert signature.office_path == employee.office.path
        payload = signature.evidence.payload
        assert signature.evidence.kind == "pact.signed"
        assert payload["pact"]["content_hash"] == version.content_hash
        assert payload["pact"]["version"] == 1
        assert payload["signer"] == {
            "user_id": signer.pk,
            "employee_id": employee.pk,
            "id_number": employee.nip,
            "employment_type": "PNS",
        }
        assert len(payload["office_snapshot_hash"]) == 64
        assert payload["auth"]["methods"][0]["method"] == "password"
        assert payload["auth"]["reauthenticated_at"]
        assert payload["consent"] == {"text": version.content["consent"], "accepted": True}
        assert payload["typed_name"] == {"value": employee.name, "matches": True}
        assert payload["client"]["ip"] == "10.1.2.3"
        assert "Android" in payload["client"]["user_agent"]
        assert payload["signed_at"]

    def test_a_repeat_returns_the_same_signature(self, pact, signer):
        version = services.current_version(pact)
        first = sign(signer, version)
        again = sign(signer, version)
        assert not again.created and again.signature.pk == first.signature.pk
        assert PactSignature.objects.count() == 1
        assert EvidenceEntry.objects.filter(kind="pact.signed").count() == 1

    def test_the_pdf_job_is_enqueued_on_commit(
        self, pact, signer, seal_key, django_capture_on_commit_callbacks
    ):
        version = services.current_version(pact)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            signature = sign(signer, version).signature
        # The pact's PDF, and the certificate of the course the pact requires (whose
        # drain, run at once by the test backend, then queues the certificate's PDF).
        assert [c.__name__ for c in callbacks[1:]] == ["drain_schedule", "<lambda>"]
        signature.refresh_from_db()
        assert signature.pdf and default_storage.exists(signature.pdf.name)
        assert EvidenceEntry.objects.filter(kind="pact.pdf").count() == 1


def _nothing_recorded():
    assert PactSignature.objects.count() == 0
    assert not EvidenceEntry.objects.filter(kind="pact.signed").exists()


class RefusalTests:
    """Each refusal leaves no signature and no evidence."""

    def _refused(self, code, user, version, **overrides):
        with pytest.raises(services.SigningRefused) as caught:
            sign(user, version, **overrides)
        assert caught.value.code == code
        _nothing_recorded()

    def test_without_the_course(self, pact, learner):
        self._refused("course_incomplete", learner, services.current_version(pact))

    def test_modules_read_but_quiz_not_passed(self, pact, learner, course):
        for module in modules_of(course):
            course_services.module_complete(user=learner, module=module)
        self._refused("course_incomplete", learner, services.current_version(pact))

    def test_without_reauthentication(self, pact, signer):
        version = services.current_version(pact)
        self._refused("reauth", signer, version, reauthenticated_at=None, auth_methods=[])

    def test_with_a_stale_reauthentication(self, pact, signer, settings):
        old = timezone.now() - dt.timedelta(seconds=settings.NETRA_PACT_REAUTH_SECONDS + 1)
        self._refused("reauth", signer, services.current_version(pact), reauthenticated_at=old)

    def test_with_a_reauthentication_in_the_future(self, pact, signer):
        later = timezone.now() + dt.timedelta(minutes=5)
        self._refused("reauth", signer, services.current_version(pact), reauthenticated_at=later)

    @pytest.mark.parametrize("typed", ["", "Orang Lain", "<script>alert(1)</script>"])
    def test_with_a_mismatching_name(self, pact, signer, typed):
        self._refused("name_mismatch", signer, services.current_version(pact), typed_name=typed)

    def test_without_consent(self, pact, signer):
        self._refused("no_consent", signer, services.current_version(pact), consent=False)

    def test_when_the_text_shown_is_not_the_version(self, pact, signer):
        version = services.current_version(pact)
        self._refused("text_mismatch", signer, version, content_hash="0" * 64)

    def test_an_outdated_version(self, pact, signer):
        old = services.current_version(pact)
        republish(pact, closing="Penutup yang diperbarui.")
        self._refused("stale_version", signer, old)

    def test_an_account_without_an_employee_record(self, pact):
        admin = UserFactory(is_superuser=True, is_staff=True)
        with pytest.raises(services.SigningRefused) as caught:
            services.pact_sign(
                user=admin,
                version=services.current_version(pact),
                typed_name="Admin",
                consent=True,
                content_hash=services.current_version(pact).content_hash,
                ip_address=None,
                user_agent="",
                **just_reauthenticated(),
            )
        assert caught.value.code == "no_employee"
        _nothing_recorded()

    def test_an_employment_type_outside_the_audience(self, pact, course, city):
        republish(pact, audience_non_asn=False)
        ptt = EmployeeFactory(
            employment_type=EmploymentType.NON_ASN,
            registration_number="PTT-1",
            office=city["kel"],
            with_account=True,
        ).user
        finish_course(ptt, course)
        self._refused("not_in_audience", ptt, services.current_version(pact))

    def test_an_office_outside_the_audience(self, pact, course, city, signer):
        from certificates.models import PactAudienceOffice

        PactAudienceOffice.objects.create(pact=pact, office=city["kec"])
        self._refused("not_in_audience", signer, services.current_version(pact))

    def test_an_office_inside_the_targeted_subtree_may_sign(self, pact, city, signer):
        from certificates.models import PactAudienceOffice

        PactAudienceOffice.objects.create(pact=pact, office=city["pemkot"])
        assert sign(signer, services.current_version(pact)).created


class NewVersionTests:
    def test_a_new_version_asks_for_a_new_signature_and_keeps_the_old(self, pact, signer):
        first = sign(signer, services.current_version(pact)).signature
        republish(pact, closing="Penutup versi kedua.")
        context = selectors.pact_context_for_learner(user=signer, pact=pact)
        assert context["version"].number == 2
        assert context["eligibility"].allowed and context["signature"] is None
        assert [s.pk for s in context["history"]] == [first.pk]
        second = sign(signer, context["version"]).signature
        assert second.pk != first.pk
        assert selectors.verification_lookup(first.verification_code)["status"] == "superseded"
        assert selectors.verification_lookup(second.verification_code)["status"] == "valid"


class RevokeTests:
    def test_revoking_shows_on_verification_and_in_evidence(self, pact, signer):
        signature = sign(signer, services.current_version(pact)).signature
        admin = UserFactory(is_superuser=True)
        services.signature_revoke(signature=signature, by=admin, reason="Salah orang")
        services.signature_revoke(signature=signature, by=admin, reason="lagi")  # idempotent
        result = selectors.verification_lookup(signature.verification_code)
        assert result["status"] == "revoked" and result["revoked_reason"] == "Salah orang"
        assert EvidenceEntry.objects.filter(kind="pact.revoked").count() == 1

    def test_a_reason_is_required(self, pact, signer):
        signature = sign(signer, services.current_version(pact)).signature
        with pytest.raises(ValidationError):
            services.signature_revoke(signature=signature, by=signer, reason="  ")


class PdfTests:
    def _validate(self, data, ca_path):
        ca = load_cert_from_pemder(str(ca_path))
        reader = PdfFileReader(BytesIO(data))
        status = validate_pdf_signature(
            reader.embedded_signatures[0], ValidationContext(trust_roots=[ca])
        )
        return status

    def test_the_pdf_is_sealed_and_breaks_after_a_byte_flip(self, pact, signer, seal_key):
        signature = sign(signer, services.current_version(pact)).signature
        signature = issuing.pact_pdf_generate(signature.pk)
        data = signature.pdf.read()
        status = self._validate(data, seal_key)
        assert status.intact and status.valid and status.trusted
        flipped = bytearray(data)
        flipped[len(flipped) // 3] ^= 0x01
        assert not self._validate(bytes(flipped), seal_key).intact

    def test_generation_is_idempotent(self, pact, signer, seal_key):
        signature = sign(signer, services.current_version(pact)).signature
        first = issuing.pact_pdf_generate(signature.pk)
        second = issuing.pact_pdf_generate(signature.pk)
        assert first.pdf.name == second.pdf.name and first.pdf_sha256 == second.pdf_sha256
        assert EvidenceEntry.objects.filter(kind="pact.pdf").count() == 1

    def test_a_crash_mid_render_leaves_no_file(self, pact, signer, seal_key, monkeypatch):
        signature = sign(signer, services.current_version(pact)).signature

        def boom(*args, **kwargs):
            raise RuntimeError("worker killed")

        monkeypatch.setattr(issuing.signing, "seal_pdf", boom)
        with pytest.raises(RuntimeError):
            issuing.pact_pdf_generate(signature.pk)
        signature.refresh_from_db()
        assert not signature.pdf and not signature.pdf_sha256
        assert not default_storage.exists(issuing.pact_pdf_name(signature))
        monkeypatch.undo()
        assert issuing.pact_pdf_generate(signature.pk).pdf

    def test_hostile_names_render_as_text(self, pact, course, city, seal_key):
        from django.template.loader import render_to_string

        from certificates import pdf

        hostile = '<img src="file:///etc/passwd"> "Siti" Ñúñez 王小明 ' + "Panjang" * 30
        user = EmployeeFactory(name=hostile[:200], office=city["sd"], with_account=True).user
        finish_course(user, course)
        signature = sign(user, services.current_version(pact)).signature
        html = render_to_string(
            "certificates/pdf/pact.html",
            {**issuing.pact_pdf_context(signature), "static_base": pdf.STATIC_BASE},
        )
        assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
        assert '<img src="file' not in html
        data = issuing.pact_pdf_generate(signature.pk).pdf.read()
        assert data.startswith(b"%PDF-") and b"root:x:0:0" not in data
