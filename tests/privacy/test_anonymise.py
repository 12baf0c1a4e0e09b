"""Anonymising a departed employee: every registered field erased, every registered row
deleted, the evidence kept and still verifiable, the counters unchanged, once only."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from certificates.models import Certificate, EvidenceEntry, PactSignature
from netra.campaigns import rollups
from netra.campaigns.models import CampaignProgress, OfficeRollup, ReminderLog
from netra.notifications.models import Notification
from netra.people.factories import UserFactory
from netra.people.models import Employee, HrAssignment, RosterImport, User
from netra.privacy import registry, services
from netra.privacy.models import Anonymisation
from tests.conftest import PASSWORD

from .conftest import sessions_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return UserFactory(username="admin-uji", is_staff=True, is_superuser=True)


def anonymise(employee, by, reason="SK Pensiun 800/123/2029"):
    return services.anonymise_employee(employee, by=by, reason=reason)


def counters(period):
    rollups.fold()
    return sorted(
        OfficeRollup.objects.filter(period=period).values_list(
            "office_id",
            "employment_type",
            "scope",
            "headcount",
            "started",
            "completed",
            "pact_signed",
        )
    )


class AnonymiseTests:
    def test_every_registered_field_is_erased_and_every_deleted_row_is_gone(self, departed, admin):
        user = departed.user
        person = registry.Person.of_employee(departed)
        before = {e.label: e.rows(person).count() for e in registry.entries()}
        assert all(
            before[label]
            for label in (
                "account.EmailAddress",
                "mfa.Authenticator",
                "notifications.Notification",
                "people.HrAssignment",
                "wagtailusers.UserProfile",
                "campaigns.ReminderLog",
            )
        ), before  # the fixture really filled them
        user.groups.add(Group.objects.create(name="Petugas SDM"))

        anonymise(departed, admin)

        for entry in registry.entries():
            if entry.label == "privacy.Anonymisation":
                continue  # the record of this very act
            rows = entry.rows(person)
            if isinstance(entry.erasure, registry.Erase):
                expected = entry.erasure.values(person)
                for field in registry.value_fields(entry.model_class):
                    values = set(rows.values_list(field, flat=True))
                    assert values <= {expected[field]}, (entry.label, field, values)
            elif isinstance(entry.erasure, registry.Delete):
                assert rows.count() == 0, entry.label
            elif isinstance(entry.erasure, registry.Keep):
                assert rows.count() == before[entry.label], entry.label

        departed.refresh_from_db()
        user.refresh_from_db()
        assert departed.name == f"Pegawai anonim #{departed.pk}"
        assert departed.nip == f"ANON{departed.pk:014d}"
        assert (departed.front_title, departed.back_title, departed.jabatan) == ("", "", "")
        assert user.username == f"anonim-{user.pk}"
        assert (user.email, user.first_name, user.is_active) == ("", "", False)
        assert not user.has_usable_password()
        assert not user.groups.exists() and not user.is_superuser
        assert not EmailAddress.objects.filter(user=user).exists()
        assert not Authenticator.objects.filter(user=user).exists()
        assert not UserProfile.objects.filter(user=user).exists()
        assert not Notification.objects.filter(recipient=user).exists()
        assert not HrAssignment.objects.filter(user=user).exists()
        assert list(ReminderLog.objects.filter(employee=departed).values_list("email", flat=True))
        assert set(
            ReminderLog.objects.filter(employee=departed).values_list("email", flat=True)
        ) == {""}

    def test_the_person_can_no_longer_sign_in_and_their_sessions_are_gone(self, departed, admin):
        user = departed.user
        nip = departed.nip
        assert sessions_of(user) == 1
        anonymise(departed, admin)
        assert sessions_of(user) == 0
        assert authenticate(username=nip, password=PASSWORD) is None
        assert authenticate(username="learner@example.go.id", password=PASSWORD) is None

    def test_the_old_nip_and_email_are_free_for_a_new_record(self, departed, admin):
        nip = departed.nip
        anonymise(departed, admin)
        assert not Employee.objects.filter(nip=nip).exists()
        assert not User.objects.filter(email="learner@example.go.id").exists()

    def test_wagtail_log_and_roster_reports_no_longer_name_them(self, departed, admin):
        full_name, nip = departed.full_name, departed.nip
        anonymise(departed, admin)
        labels = set(ModelLogEntry.objects.values_list("label", flat=True))
        assert full_name not in labels and f"Pegawai anonim #{departed.pk}" in labels
        report = json.dumps(RosterImport.objects.get().report)
        assert nip not in report and full_name not in report
        assert "Orang Lain" in report  # only their own line

    def test_evidence_is_kept_and_the_chain_still_verifies(self, departed, admin, capsys):
        signatures = list(PactSignature.objects.filter(employee=departed).values())
        certificates = list(Certificate.objects.filter(employee=departed).values())
        chain = list(EvidenceEntry.objects.values_list("entry_hash", flat=True))
        full_name, nip = departed.full_name, departed.nip

        result = anonymise(departed, admin)

        assert list(PactSignature.objects.filter(employee=departed).values()) == signatures
        assert list(Certificate.objects.filter(employee=departed).values()) == certificates
        assert list(EvidenceEntry.objects.values_list("entry_hash", flat=True))[:-1] == chain
        entry = EvidenceEntry.objects.order_by("-sequence").first()
        assert entry.kind == "person.anonymised"
        assert entry.payload["anonymisation"] == str(result.anonymisation.reference)
        assert entry.payload["by_user_id"] == admin.pk
        text = json.dumps(entry.payload)
        for personal in (
            full_name,
            departed.name,
            nip,
            "learner@example.go.id",
            result.anonymisation.reason,
        ):
            assert personal not in text
        call_command("verify_evidence")
        assert "Evidence chain intact" in capsys.readouterr().out

    def test_the_public_verification_page_still_shows_only_the_masked_name(
        self, departed, admin, client
    ):
        certificate = Certificate.objects.get(employee=departed)
        url = reverse("certificates:verify", args=[certificate.verification_code])
        before = client.get(url).content.decode()
        anonymise(departed, admin)
        after = client.get(url).content.decode()
        masked = " ".join(f"{w[0]}***" for w in certificate.recipient["name"].split())
        assert masked in before and masked in after
        assert departed.nip not in after and certificate.recipient["name"] not in after

    def test_the_compliance_counters_do_not_change(self, departed, admin, period, capsys):
        before = counters(period)
        progress = list(CampaignProgress.objects.filter(employee=departed).values())
        anonymise(departed, admin)
        assert counters(period) == before
        assert list(CampaignProgress.objects.filter(employee=departed).values()) == progress
        call_command("reconcile_rollups")
        assert "MISMATCH" not in capsys.readouterr().out

    def test_a_second_run_changes_nothing(self, departed, admin):
        first = anonymise(departed, admin)
        entries = EvidenceEntry.objects.count()
        departed.refresh_from_db()
        second = anonymise(departed, admin, reason="lagi")
        assert (first.created, second.created) == (True, False)
        assert second.anonymisation == first.anonymisation
        assert EvidenceEntry.objects.count() == entries
        assert Anonymisation.objects.count() == 1

    def test_an_active_employee_is_refused_until_deactivated(self, full_learner, admin):
        employee = full_learner.employee
        with pytest.raises(services.AnonymisationRefused) as refused:
            anonymise(employee, admin)
        assert refused.value.code == "active"
        employee.refresh_from_db()
        assert employee.name != f"Pegawai anonim #{employee.pk}"
        assert not Anonymisation.objects.exists()

    def test_a_reason_is_required(self, departed, admin):
        with pytest.raises(services.AnonymisationRefused) as refused:
            anonymise(departed, admin, reason="  ")
        assert refused.value.code == "no_reason"

    def test_nobody_anonymises_themselves(self, departed):
        departed.user.is_superuser = True
        with pytest.raises(services.AnonymisationRefused) as refused:
            anonymise(departed, departed.user)
        assert refused.value.code == "self"

    def test_a_failure_half_way_leaves_everything_as_it_was(self, departed, admin, monkeypatch):
        name = departed.name

        def broken(anonymisation):
            raise RuntimeError("disk full")

        monkeypatch.setattr(registry, "_after_anonymise", [*registry._after_anonymise, broken])
        with pytest.raises(RuntimeError):
            anonymise(departed, admin)
        departed.refresh_from_db()
        assert departed.name == name
        assert EmailAddress.objects.filter(user=departed.user).exists()
        assert not Anonymisation.objects.exists()
        assert not EvidenceEntry.objects.filter(kind="person.anonymised").exists()

    def test_a_non_asn_employee_loses_their_registration_number(
        self, city, admin, django_capture_on_commit_callbacks
    ):
        from netra.people.factories import EmployeeFactory
        from netra.people.models import EmploymentType

        from .conftest import deactivate

        employee = EmployeeFactory(
            office=city["kel"],
            employment_type=EmploymentType.NON_ASN,
            registration_number="PTT-0042",
            with_account=True,
        )
        employee = deactivate(employee, django_capture_on_commit_callbacks)
        anonymise(employee, admin)
        employee.refresh_from_db()
        assert (employee.nip, employee.registration_number) == (None, "")
        assert employee.name == f"Pegawai anonim #{employee.pk}"

    def test_html_in_a_name_is_stored_as_text_and_erased(
        self, city, admin, django_capture_on_commit_callbacks
    ):
        from netra.people.factories import EmployeeFactory

        from .conftest import deactivate

        employee = EmployeeFactory(
            office=city["kel"], name='<script>alert("x")</script>', with_account=True
        )
        employee = deactivate(employee, django_capture_on_commit_callbacks)
        anonymise(employee, admin)
        employee.refresh_from_db()
        assert "<script>" not in employee.name
