"""The certificate outbox: completions request, the worker decides in batches. A batch
applies the same rules to each learner as issuing one at a time, costs the same number
of queries whatever its size, and one bad request holds up nobody else."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates import certification, outbox, rules, selectors, services
from certificates.models import Certificate, CertificateRequest, EvidenceEntry
from certificates.verification import Status
from netra.people.factories import EmployeeFactory

from .conftest import finish_course
from .test_pact_services import sign

pytestmark = pytest.mark.django_db


def learners(city, n):
    return [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(n)]


def completed(users, course, pact, *, signed=True):
    """Finish the course (and sign the pact) without running the after-commit jobs: the
    requests wait in the outbox."""
    for user in users:
        finish_course(user, course)
        if signed:
            sign(user, services.current_version(pact))


def test_completing_writes_one_request_in_the_same_transaction(pact, course, city):
    (user,) = learners(city, 1)
    completed([user], course, pact)  # the course, then the pact: both ask
    request = CertificateRequest.objects.get()
    assert (request.user_id, request.course_id, request.attempts) == (user.pk, course.pk, 0)
    assert not Certificate.objects.exists()


def test_a_batch_decides_each_learner_on_their_own_facts(pact, course, city):
    ready, unsigned, renewed = learners(city, 3)
    completed([ready, renewed], course, pact)
    completed([unsigned], course, pact, signed=False)
    outbox.drain()
    old = Certificate.objects.get(user=renewed)
    assert set(Certificate.objects.values_list("user_id", flat=True)) == {ready.pk, renewed.pk}
    assert not CertificateRequest.objects.exists()  # "not due" is decided too

    # The renewed learner completes again, the unsigned one still has not signed: in one
    # batch, with a learner whose certificate is already issued for this cycle.
    Certificate.objects.filter(pk=old.pk).update(valid_until=dt.date(2020, 1, 1))
    assert certification.recertification_start(user=renewed, course=course)
    finish_course(renewed, course)
    results = certification.certificates_issue(
        course=course, user_ids=[ready.pk, unsigned.pk, renewed.pk]
    )
    assert results[ready.pk].certificate == Certificate.objects.get(user=ready)
    assert not results[ready.pk].created
    assert results[unsigned.pk].certificate is None
    assert results[unsigned.pk].missing == (rules.Missing.PACT,)
    new = results[renewed.pk].certificate
    assert results[renewed.pk].created and new.cycle == 2
    old.refresh_from_db()
    assert old.superseded_by == new
    assert selectors.certificate_status(old) == Status.SUPERSEDED
    assert list(new.pact_signatures.all()) == list(renewed.pact_signatures.all())
    assert rules.is_valid_number(new.number) and str(new.pk) in new.number
    # Each certificate's entry, then what it supersedes, in the one chain.
    kinds = list(EvidenceEntry.objects.values_list("kind", flat=True))
    assert kinds[-2:] == ["certificate.issued", "certificate.superseded"]
    assert new.evidence.payload["supersedes"] == str(old.reference)
    call_command("verify_evidence", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_batch_issues_what_one_at_a_time_issues(pact, course, city):
    one, many = learners(city, 1), learners(city, 4)
    completed(one + many, course, pact)
    single = certification.certificate_issue(user=one[0], course=course).certificate
    batch = certification.certificates_issue(course=course, user_ids=[u.pk for u in many])
    fields = ["course_title", "valid_until", "validity_note", "office_path", "cycle"]
    for result in batch.values():
        certificate = result.certificate
        assert [getattr(certificate, f) for f in fields] == [getattr(single, f) for f in fields]
        assert certificate.recipient.keys() == single.recipient.keys()
        assert certificate.evidence.payload.keys() == single.evidence.payload.keys()
        assert certificate.recipient["office_ancestors"] == single.recipient["office_ancestors"]
    assert len({r.certificate.verification_code for r in batch.values()}) == 4


def test_a_batch_costs_the_same_queries_whatever_its_size(pact, course, city):
    small, large = learners(city, 2), learners(city, 12)
    completed(small + large, course, pact)
    counts = []
    for group in (small, large):
        with CaptureQueriesContext(connection) as queries:
            results = certification.certificates_issue(
                course=course, user_ids=[u.pk for u in group]
            )
        assert all(r.created for r in results.values())
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_one_failing_request_holds_up_nobody(pact, course, city, monkeypatch):
    users = learners(city, 4)
    bad = users[2]
    completed(users, course, pact)
    real = certification.certificates_issue

    def failing(*, course, user_ids):
        if bad.pk in user_ids:
            raise ValueError("corrupt record")
        return real(course=course, user_ids=user_ids)

    monkeypatch.setattr(certification, "certificates_issue", failing)
    result = outbox.drain()
    assert (len(result.issued), result.failed) == (3, 1)
    assert set(Certificate.objects.values_list("user_id", flat=True)) == {
        u.pk for u in users if u != bad
    }
    request = CertificateRequest.objects.get()
    assert (request.user_id, request.attempts) == (bad.pk, 1)
    assert request.last_error == "ValueError: corrupt record"
    assert request.not_before > timezone.now() + dt.timedelta(seconds=25)
    # Not due again before its time; then, the fault gone, it is issued.
    assert str(outbox.drain()) == "issued 0, not due 0, failed 0"
    monkeypatch.undo()
    CertificateRequest.objects.update(not_before=timezone.now())
    assert len(outbox.drain().issued) == 1
    assert Certificate.objects.filter(user=bad).exists()


def test_retries_back_off_up_to_an_hour(course, city):
    (user,) = learners(city, 1)
    request = CertificateRequest.objects.create(user=user, course=course, attempts=9)
    outbox._postpone(request.pk, RuntimeError("still broken"))
    request.refresh_from_db()
    assert request.attempts == 10
    wait = request.not_before - timezone.now()
    assert dt.timedelta(minutes=59) < wait <= dt.timedelta(hours=1)


def test_batches_are_bounded(pact, course, city):
    users = learners(city, 5)
    completed(users, course, pact)
    assert len(outbox.drain(batch_size=2, max_batches=1).issued) == 2
    assert CertificateRequest.objects.count() == 3
    assert len(outbox.drain(batch_size=2).issued) == 3
