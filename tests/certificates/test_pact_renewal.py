"""A material regulation update asks the signers of an older pact version to sign the new
one (once per update), shows them what changed, and takes the signature back from HR's
counters; a minor one asks nothing. Then the whole recertification cycle: the earlier
certificate is superseded by the new one and stays verifiable."""

import logging

import pytest
from django.db import connection
from django.urls import reverse

from certificates import pact_renewal, selectors, services
from certificates.models import Certificate, PactRenewalRequest
from certificates.verification import Status
from courses import recertification
from courses.factories import modules_of
from courses.models import Enrolment, RenewalRequest
from netra.campaigns import rebuild
from netra.campaigns.factories import ElectionPeriodFactory
from netra.campaigns.models import CampaignProgress
from netra.people.factories import EmployeeFactory
from netra.updates import impact as impact_registry
from netra.updates.impact import Impact
from tests.concurrency import at_once

from .conftest import finish_course
from .test_pact_services import republish, sign

pytestmark = pytest.mark.django_db

REASON = "Perpres 12/2029: larangan baru tentang siaran langsung kampanye."
NEW_CLAUSE = "Tidak menyiarkan langsung kegiatan kampanye di akun pribadi."


def material(pact, *, update_page_id=900, course=None, changed=()):
    return Impact(
        impact_id=7,
        update_page_id=update_page_id,
        title="Perubahan aturan kampanye daring",
        reason=REASON,
        material=True,
        course_ids=(course.pk,) if course else (),
        changed_step_ids=tuple(m.pk for m in changed),
        pact_ids=(pact.pk,),
        url="/peraturan/pembaruan/kampanye/",
    )


def new_version(pact):
    """The editor adds a clause and publishes: version 2."""
    clauses = [("clause", block.value) for block in pact.clauses] + [("clause", NEW_CLAUSE)]
    return republish(pact, clauses=clauses)


@pytest.fixture
def signers(city, course, pact):
    """Three learners who finished the course and signed version 1."""
    users = [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(3)]
    for user in users:
        finish_course(user, course)
        sign(user, services.current_version(pact))
    return users


class PactRenewalTests:
    def test_only_signers_of_an_older_version_are_asked(self, signers, pact, city):
        old, renewed_already, _ = signers
        new_version(pact)
        sign(renewed_already, services.current_version(pact))
        services.signature_revoke(
            signature=signers[2].pact_signatures.get(), by=old, reason="Salah orang"
        )

        outcome = pact_renewal.apply_impact(material(pact))

        assert outcome.renewed_user_ids == outcome.affected_user_ids == {old.pk}
        request = PactRenewalRequest.objects.get()
        assert (request.user, request.reason, request.resolved_at) == (old, REASON, None)
        assert request.signed_version.number == 1 and request.version.number == 2

    def test_nobody_is_asked_while_the_current_version_is_the_one_signed(
        self, signers, pact, caplog
    ):
        with caplog.at_level(logging.INFO, logger="certificates.pact_renewal"):
            outcome = pact_renewal.apply_impact(material(pact))
        assert outcome.renewed_user_ids == set() and outcome.affected_user_ids == set()
        assert not PactRenewalRequest.objects.exists()
        assert "nobody is asked to sign again" in caplog.text

    def test_the_same_update_twice_asks_nobody_twice(self, signers, pact):
        new_version(pact)
        first = pact_renewal.apply_impact(material(pact))
        again = pact_renewal.apply_impact(material(pact))
        assert first.renewed_user_ids == {u.pk for u in signers}
        assert again.renewed_user_ids == set()
        assert again.affected_user_ids == first.affected_user_ids  # still to sign: notified
        assert PactRenewalRequest.objects.count() == 3

    def test_signing_the_new_version_resolves_the_request(self, signers, pact):
        new_version(pact)
        pact_renewal.apply_impact(material(pact))
        signature = sign(signers[0], services.current_version(pact)).signature
        request = PactRenewalRequest.objects.get(user=signers[0])
        assert request.resolved_at == signature.signed_at
        assert PactRenewalRequest.objects.filter(resolved_at__isnull=True).count() == 2
        # Re-applied, the update asks the two others nothing more, and not them again.
        assert pact_renewal.apply_impact(material(pact)).renewed_user_ids == set()

    def test_a_minor_update_notifies_the_signers_and_asks_nothing(self, signers, pact):
        new_version(pact)
        minor = Impact(
            impact_id=8,
            update_page_id=901,
            title="Perbaikan redaksi",
            reason="Ejaan.",
            material=False,
            pact_ids=(pact.pk,),
        )
        outcome = pact_renewal.apply_impact(minor)
        assert outcome.affected_user_ids == {u.pk for u in signers}
        assert outcome.renewed_user_ids == set()
        assert not PactRenewalRequest.objects.exists()

    def test_hr_counters_take_the_signature_back(self, signers, pact, course, city):
        period = ElectionPeriodFactory(courses=[course], pact=pact)
        rebuild.rebuild(period.pk)
        rows = CampaignProgress.objects.filter(period=period, employee__user__in=signers)
        assert all(r.pact_signed_at is not None for r in rows)
        new_version(pact)
        pact_renewal.apply_impact(material(pact))
        assert all(r.pact_signed_at is None for r in rows.all())
        sign(signers[0], services.current_version(pact))
        assert rows.get(employee__user=signers[0]).pact_signed_at is not None

    def test_a_new_version_alone_takes_the_signature_back(
        self, signers, pact, course, django_capture_on_commit_callbacks
    ):
        # The editor publishes version 2 without (or before) a regulation update: the
        # signatures of version 1 stop counting in HR's figures all the same.
        period = ElectionPeriodFactory(courses=[course], pact=pact)
        rebuild.rebuild(period.pk)
        rows = CampaignProgress.objects.filter(period=period, employee__user__in=signers)
        with django_capture_on_commit_callbacks(execute=True):
            new_version(pact)
        assert all(r.pact_signed_at is None for r in rows.all())
        assert services.pact_progress_resync(pact.pk) == 0  # a second run writes nothing
        assert not PactRenewalRequest.objects.exists()  # no update asked for a reason

    def test_the_handler_is_registered_for_updates(self):
        assert impact_registry.handlers()["pacts"] is pact_renewal.apply_impact


class SignPageTests:
    def test_the_sign_page_shows_the_reason_and_what_changed(self, client, signers, pact):
        new_version(pact)
        pact_renewal.apply_impact(material(pact))
        client.force_login(signers[0])

        response = client.get(pact.url)
        page = response.content.decode()
        assert "Perlu diperbarui" in page and REASON in page
        assert "Yang berubah sejak versi 1" in page
        assert f"<ins>{NEW_CLAUSE}</ins>" in page
        assert response.context["diff"].counts["added"] == 1

        listing = client.get(reverse("certificates:my_pacts")).content.decode()
        assert "Perlu diperbarui" in listing and REASON in listing

        sign(signers[0], services.current_version(pact))
        page = client.get(pact.url).content.decode()
        assert "Perlu diperbarui" not in page and "Yang berubah sejak" not in page

    def test_a_first_time_signer_sees_no_diff(self, client, learner, course, pact):
        finish_course(learner, course)
        new_version(pact)
        client.force_login(learner)
        response = client.get(pact.url)
        assert response.context["diff"] is None
        assert "Yang berubah sejak" not in response.content.decode()


def test_full_cycle_keeps_the_earlier_certificate_superseded_and_verifiable(
    earn, done, signed, learner, course, pact
):
    """Complete → certificate A → material update (new pact version) → renewed → complete
    and sign again → certificate B; A is superseded, still verifiable, still listed."""
    first = earn(learner, course, pact)
    module = modules_of(course)[0]
    new_version(pact)
    impact = material(pact, course=course, changed=[module])
    assert recertification.apply_impact(impact).renewed_user_ids == {learner.pk}
    assert pact_renewal.apply_impact(impact).renewed_user_ids == {learner.pk}
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is None and enrolment.cycle == 2
    first.refresh_from_db()
    assert first.superseded_at is None  # current until the new one is issued

    done(learner, course)  # re-reads the changed module, passes the quiz again
    assert not Certificate.objects.exclude(pk=first.pk).exists()  # the pact is still due
    signed(learner, pact)

    second = Certificate.objects.get(user=learner, superseded_at__isnull=True)
    first.refresh_from_db()
    assert second.cycle == 2 and first.superseded_by == second
    assert selectors.certificate_status(first) == Status.SUPERSEDED
    assert selectors.verification_lookup(first.verification_code)["status"] == Status.SUPERSEDED
    assert selectors.verification_lookup(second.verification_code)["status"] == Status.VALID
    assert [c.pk for c in selectors.certificates_for_learner(learner)] == [second.pk, first.pk]
    assert RenewalRequest.objects.get(user=learner).resolved_at is not None
    assert PactRenewalRequest.objects.get(user=learner).resolved_at is not None
    assert enrolment.archived_completions.filter(step=module).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_applications_ask_each_signer_once(city, course, pact):
    users = [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(4)]
    for user in users:
        finish_course(user, course)
        sign(user, services.current_version(pact))
    new_version(pact)
    impact = material(pact)
    outcomes = at_once(lambda: pact_renewal.apply_impact(impact))
    asked = [uid for o in outcomes for uid in o.renewed_user_ids]
    assert sorted(asked) == sorted(u.pk for u in users)
    assert PactRenewalRequest.objects.count() == 4
