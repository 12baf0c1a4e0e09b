"""The signing journey over HTTP with allauth's real re-authentication, the receipt and
PDF access matrix, and the public verification page."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import override_settings
from django.urls import reverse

from certificates import issuing, services
from certificates.models import EvidenceEntry, PactSignature
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import HrAssignment
from tests.conftest import PASSWORD, login_with_mfa

from .conftest import finish_course

pytestmark = pytest.mark.django_db


def sign_url(pact):
    return reverse("certificates:sign", args=[services.current_version(pact).pk])


def form_data(pact, user, **overrides):
    version = services.current_version(pact)
    return {
        "typed_name": user.employee.name,
        "consent": "on",
        "content_hash": version.content_hash,
        **overrides,
    }


def reauthenticate(client, password=PASSWORD, *, url=None):
    """Enter the password on allauth's page; `url` is where the sign POST was sent (it
    carries `?next=`, as the page's form does in a browser)."""
    return client.post(url or reverse("account_reauthenticate"), {"password": password})


@pytest.fixture
def signer_client(client, signer):
    client.force_login(signer)
    return client


class PactPageTests:
    def test_an_eligible_learner_sees_the_text_their_identity_and_the_form(
        self, signer_client, pact, signer
    ):
        response = signer_client.get(pact.url)
        body = response.content.decode()
        assert response.status_code == 200
        version = services.current_version(pact)
        for clause in version.content["clauses"]:
            assert clause["text"] in body
        assert signer.employee.nip in body and signer.employee.office.name in body
        assert 'name="typed_name"' in body and version.content_hash in body

    def test_a_learner_without_the_course_sees_why_and_no_form(self, learner_client, pact):
        body = learner_client.get(pact.url).content.decode()
        assert "Selesaikan kursus" in body and 'name="typed_name"' not in body

    def test_my_pacts_lists_the_pact_to_sign(self, signer_client, pact):
        body = signer_client.get(reverse("certificates:my_pacts")).content.decode()
        assert pact.title in body and "Perlu ditandatangani" in body


class SignFlowTests:
    def test_sign_asks_for_the_password_then_replays_the_post(self, signer_client, pact, signer):
        response = signer_client.post(sign_url(pact), form_data(pact, signer))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        assert not PactSignature.objects.exists()

        response = reauthenticate(signer_client, url=response["Location"])
        signature = PactSignature.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("certificates:receipt", args=[signature.reference])
        methods = signature.evidence.payload["auth"]["methods"]
        assert any(m["method"] == "password" and m["reauthenticated"] for m in methods)

    @override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    def test_the_evidence_records_the_client_address_the_proxy_saw(
        self, signer_client, pact, signer
    ):
        # Behind nginx REMOTE_ADDR is the proxy; a client-sent X-Forwarded-For is ignored.
        headers = {"HTTP_X_REAL_IP": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
        response = signer_client.post(sign_url(pact), form_data(pact, signer), **headers)
        signer_client.post(response["Location"], {"password": PASSWORD}, **headers)
        signature = PactSignature.objects.get()
        assert signature.ip_address == "203.0.113.7"
        assert signature.evidence.payload["client"]["ip"] == "203.0.113.7"

    def test_a_wrong_password_records_nothing(self, signer_client, pact, signer):
        response = signer_client.post(sign_url(pact), form_data(pact, signer))
        response = reauthenticate(signer_client, password="salah-sandi", url=response["Location"])
        assert response.status_code == 200 and "password" in response.context["form"].errors
        assert not PactSignature.objects.exists()
        assert not EvidenceEntry.objects.exists()

    def test_a_learner_with_totp_confirms_with_a_code(self, signer_client, pact, signer):
        secret = generate_totp_secret()
        TOTP.activate(signer, secret)
        response = signer_client.post(sign_url(pact), form_data(pact, signer))
        assert response["Location"].startswith(reverse("mfa_reauthenticate"))
        code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
        response = signer_client.post(response["Location"], {"code": code})
        assert response.status_code == 302
        signature = PactSignature.objects.get()
        methods = signature.evidence.payload["auth"]["methods"]
        assert any(m["method"] == "mfa" and m.get("type") == "totp" for m in methods)

    def test_a_wrong_totp_code_records_nothing(self, signer_client, pact, signer):
        TOTP.activate(signer, generate_totp_secret())
        response = signer_client.post(sign_url(pact), form_data(pact, signer))
        response = signer_client.post(response["Location"], {"code": "000000"})
        assert response.status_code == 200
        assert not PactSignature.objects.exists()

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"typed_name": "Nama Orang Lain"}, "tidak sama dengan nama Anda"),
            ({"consent": ""}, "Centang pernyataan"),
            ({"typed_name": ""}, "Ketik nama lengkap"),
            ({"content_hash": "f" * 64}, "Muat ulang halaman"),
        ],
    )
    def test_bad_forms_are_refused_with_a_reason(
        self, signer_client, pact, signer, overrides, message
    ):
        reauthenticate(signer_client)
        response = signer_client.post(sign_url(pact), form_data(pact, signer, **overrides))
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not PactSignature.objects.exists()

    def test_html_in_the_typed_name_is_shown_as_text(self, signer_client, pact, signer):
        reauthenticate(signer_client)
        payload = '<script>alert("x")</script>'
        response = signer_client.post(sign_url(pact), form_data(pact, signer, typed_name=payload))
        assert response.status_code == 400
        assert payload not in response.content.decode()
        assert "&lt;script&gt;" in response.content.decode()

    def test_double_submit_makes_one_signature(self, signer_client, pact, signer):
        reauthenticate(signer_client)
        first = signer_client.post(sign_url(pact), form_data(pact, signer))
        second = signer_client.post(sign_url(pact), form_data(pact, signer))
        assert first["Location"] == second["Location"]
        assert PactSignature.objects.count() == 1

    def test_nobody_can_sign_for_someone_else(self, client, pact, signer, city):
        other = EmployeeFactory(office=city["dinas"], with_account=True).user
        client.force_login(other)
        reauthenticate(client)
        data = {**form_data(pact, signer), "user": signer.pk, "employee": signer.employee.pk}
        response = client.post(sign_url(pact), data)
        assert response.status_code == 400  # the other person has not done the course
        assert not PactSignature.objects.exists()

    def test_get_is_not_allowed_on_the_sign_url(self, signer_client, pact):
        assert signer_client.get(sign_url(pact)).status_code == 405

    def test_an_unpublished_pact_cannot_be_signed(self, signer_client, pact, signer):
        url, data = sign_url(pact), form_data(pact, signer)
        pact.unpublish()
        reauthenticate(signer_client)
        assert signer_client.post(url, data).status_code == 404


@pytest.fixture
def signature(pact, signer, seal_key):
    from .test_pact_services import sign

    signature = sign(signer, services.current_version(pact)).signature
    return issuing.pact_pdf_generate(signature.pk)


class AccessMatrixTests:
    """Only the signer, HR over the signer's office and admins may open a signed pact."""

    def _hr(self, office):
        hr = UserFactory()
        HrAssignment.objects.create(user=hr, office=office)
        return hr

    def _status(self, client, user, signature, *, second_factor=True):
        if user is not None and second_factor:
            login_with_mfa(client, user)
        elif user is not None:
            client.force_login(user)
        urls = [
            reverse("certificates:receipt", args=[signature.reference]),
            reverse("certificates:receipt_pdf", args=[signature.reference]),
        ]
        return [client.get(url).status_code for url in urls]

    def test_the_signer(self, client, signature, signer):
        assert self._status(client, signer, signature) == [200, 200]

    def test_hr_over_the_office(self, client, signature, city):
        assert self._status(client, self._hr(city["pemkot"]), signature) == [200, 200]

    def test_hr_of_another_subtree(self, client, signature, city):
        assert self._status(client, self._hr(city["kec"]), signature) == [404, 404]

    def test_hr_needs_the_second_factor(self, client, signature, city):
        codes = self._status(client, self._hr(city["pemkot"]), signature, second_factor=False)
        assert codes[0] == 302 and codes[1] in (302, 403)

    def test_an_admin(self, client, signature):
        admin = UserFactory(is_superuser=True, is_staff=True)
        assert self._status(client, admin, signature) == [200, 200]

    def test_another_learner_in_the_same_office(self, client, signature, city):
        other = EmployeeFactory(office=city["dinas"], with_account=True).user
        assert self._status(client, other, signature) == [404, 404]

    def test_a_staff_editor_without_hr_scope(self, client, signature):
        assert self._status(client, UserFactory(is_staff=True), signature) == [404, 404]

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, signature):
        url = reverse("certificates:receipt_pdf", args=[signature.reference])
        response = client.get(url)
        assert response.status_code == 302 and "/akun/login/" in response["Location"]

    def test_the_pdf_downloads_as_an_attachment(self, client, signature, signer):
        client.force_login(signer)
        response = client.get(reverse("certificates:receipt_pdf", args=[signature.reference]))
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_the_receipt_waits_for_the_pdf(self, client, pact, signer):
        from .test_pact_services import sign

        pending = sign(signer, services.current_version(pact)).signature
        client.force_login(signer)
        response = client.get(reverse("certificates:receipt", args=[pending.reference]))
        assert "sedang disiapkan" in response.content.decode()
        response = client.get(reverse("certificates:receipt_pdf", args=[pending.reference]))
        assert response.status_code == 302


class VerifyTests:
    def test_a_valid_signature(self, client, signature, signer):
        response = client.get(reverse("certificates:verify", args=[signature.verification_code]))
        body = response.content.decode()
        assert response.status_code == 200 and "Sah" in body
        assert signer.employee.nip not in body
        assert signer.employee.name not in body
        assert signature.pdf_sha256 in body
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"].startswith("noindex")

    def test_unknown_and_malformed_codes_get_the_same_answer(self, client, signature):
        unknown = client.get(reverse("certificates:verify", args=["a" * 32]))
        malformed = client.get("/verifikasi/ZZ%3Cscript%3E..%5Cetc/")
        assert unknown.status_code == malformed.status_code == 404

        def main(response):  # the page minus the language switcher's return path
            body = response.content.decode()
            return body[body.index("<main") : body.index("</main>")]

        assert main(unknown) == main(malformed) and "Tidak ditemukan" in main(unknown)

    def test_revoked(self, client, signature):
        services.signature_revoke(
            signature=signature, by=UserFactory(is_superuser=True), reason="Keliru"
        )
        body = client.get(reverse("certificates:verify", args=[signature.verification_code]))
        assert "Dicabut" in body.content.decode() and "Keliru" in body.content.decode()

    def test_rate_limited_per_address(self, client, settings, signature):
        settings.NETRA_VERIFY_RATE = "5/m"
        url = reverse("certificates:verify", args=[signature.verification_code])
        statuses = [client.get(url).status_code for _ in range(7)]
        assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]


def test_hostile_names_and_offices_render_as_text(client, pact, course, city):
    from netra.people.factories import OfficeFactory

    from .test_pact_services import sign

    office = OfficeFactory(
        name='<b onmouseover="x()">Kantor "Uji"</b> ' + "Ω" * 80, parent=city["kec"]
    )
    user = EmployeeFactory(
        name='<script>alert("nama")</script> Ñúñez 王小明', office=office, with_account=True
    ).user
    finish_course(user, course)
    client.force_login(user)
    page = client.get(pact.url).content.decode()
    signature = sign(user, services.current_version(pact)).signature
    receipt = client.get(reverse("certificates:receipt", args=[signature.reference]))
    for body in (page, receipt.content.decode()):
        assert "<script>alert" not in body and "<b onmouseover" not in body
        assert "&lt;script&gt;alert(&quot;nama&quot;)&lt;/script&gt; Ñúñez 王小明" in body
        assert "&lt;b onmouseover=" in body
