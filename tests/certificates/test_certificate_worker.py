"""Certificates through the real database queue and `db_worker`: requested in the
completion's transaction, issued by the worker in batches from the outbox (never inline),
and duplicated requests, duplicated jobs or concurrent issuers never make a second
certificate."""

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from certificates import certification, issuing, outbox, services
from certificates.models import Certificate, CertificateRequest, EvidenceEntry
from certificates.tasks import issue_pending_certificates, produce_certificate
from netra.home import jobs as home_jobs
from netra.people.factories import EmployeeFactory

from .conftest import finish_course
from .test_pact_concurrency import _run_together
from .test_pact_services import sign

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work():
    """Run every job queued, once the drain jobs' one-second windows have closed."""
    jobs("issue_pending_certificates").update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def jobs(name):
    return DBTaskResult.objects.filter(task_path=f"certificates.tasks.{name}")


def test_the_worker_issues_renders_and_emails(
    database_queue, pact, signer, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(signer, services.current_version(pact))
    assert not Certificate.objects.exists()  # requested, not issued inline
    request = CertificateRequest.objects.get()
    assert (request.user_id, request.course_id) == (signer.pk, course.pk)
    assert jobs("issue_pending_certificates").count() == 1
    work()
    certificate = Certificate.objects.get()
    assert certificate.pdf and certificate.emailed_at
    assert len(mail.outbox) == 1
    assert not CertificateRequest.objects.exists()
    assert jobs("issue_pending_certificates").get().return_value == (
        "issued 1, not due 0, failed 0"
    )
    assert jobs("produce_certificates").get().status == "SUCCESSFUL"


def test_duplicated_requests_and_jobs_make_one_certificate(database_queue, pact, signer, course):
    sign(signer, services.current_version(pact))
    for _ in range(3):
        outbox.request_add(user_id=signer.pk, course_id=course.pk)
        issue_pending_certificates.enqueue()
    assert CertificateRequest.objects.count() == 1
    work()
    certificate = Certificate.objects.get()
    produce_certificate.enqueue(certificate.pk)
    work()
    assert Certificate.objects.count() == 1
    assert EvidenceEntry.objects.filter(kind="certificate.issued").count() == 1
    assert EvidenceEntry.objects.filter(kind="certificate.pdf").count() == 1
    assert len(mail.outbox) == 1


def test_a_failed_job_is_retried_later_and_backfilled(
    database_queue, pact, signer, course, monkeypatch
):
    sign(signer, services.current_version(pact))
    monkeypatch.setattr(
        issuing, "certificate_pdf_generate", lambda pk: (_ for _ in ()).throw(OSError("disk"))
    )
    work()  # the drain job the signature queued
    certificate = Certificate.objects.get()
    assert not certificate.pdf and certificate.pdf_failures == 1
    # Issuing succeeded (the certificate is verifiable); its PDF job failed, says so, and
    # queued a retry of that certificate alone that backs off.
    assert jobs("issue_pending_certificates").get().status == "SUCCESSFUL"
    assert jobs("produce_certificates").get().status == "FAILED"
    retry = jobs("produce_certificate").get(status="READY")
    assert retry.run_after is not None
    monkeypatch.undo()
    call_command("render_missing_pdfs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    certificate.refresh_from_db()
    assert certificate.pdf and len(mail.outbox) == 1


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and advisory locks are PostgreSQL's"
)


@postgres_only
def test_issuers_racing_for_one_learner_make_one_certificate(database_queue, pact, signer, course):
    sign(signer, services.current_version(pact))  # its job stays queued: no worker here

    def issue(_i):
        return certification.certificate_issue(user=signer, course=course)

    results, errors = _run_together(8, issue)
    assert errors == []
    assert Certificate.objects.count() == 1
    assert sum(r.created for r in results) == 1
    assert {r.certificate.pk for r in results} == {Certificate.objects.get().pk}
    assert EvidenceEntry.objects.filter(kind="certificate.issued").count() == 1


def _finished_and_signed(n, pact, course, city):
    """`n` learners who completed the course and signed its pact (their certificates due)."""
    learners = [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(n)]
    for user in learners:
        finish_course(user, course)
        sign(user, services.current_version(pact))
    return learners


@postgres_only
def test_many_learners_at_once_get_distinct_numbers(database_queue, pact, course, city):
    learners = _finished_and_signed(12, pact, course, city)
    assert not Certificate.objects.exists()

    def issue(i):
        return certification.certificate_issue(user=learners[i], course=course)

    results, errors = _run_together(len(learners), issue)
    assert errors == [] and all(r.created for r in results)
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(learners)
    call_command("verify_evidence", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_requests_within_a_window_share_one_drain_job(database_queue, pact, course, city):
    """However many completions commit within the window, one job serves them, and it runs
    once the window has closed (so it sees them all); after it, a new job."""
    learners = [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(3)]
    before = timezone.now()
    for user in learners:
        outbox.request_add(user_id=user.pk, course_id=course.pk)
    assert CertificateRequest.objects.count() == 3
    job = jobs("issue_pending_certificates").get()
    assert job.run_after >= before + dt.timedelta(seconds=outbox.DRAIN_WINDOW_SECONDS)
    cache.delete(outbox.DRAIN_KEY)  # the window closes
    outbox.request_add(user_id=learners[0].pk, course_id=course.pk)
    assert jobs("issue_pending_certificates").count() == 2


def test_a_drain_job_is_queued_when_the_cache_is_down(database_queue, course, city, monkeypatch):
    user = EmployeeFactory(office=city["dinas"], with_account=True).user

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(home_jobs.cache, "add", down)
    outbox.request_add(user_id=user.pk, course_id=course.pk)
    outbox.request_add(user_id=user.pk, course_id=course.pk)
    assert jobs("issue_pending_certificates").count() == 2
    work()
    assert not CertificateRequest.objects.exists()


@postgres_only
def test_drains_running_at_once_issue_each_certificate_once(database_queue, pact, course, city):
    _finished_and_signed(12, pact, course, city)
    assert CertificateRequest.objects.count() == 12

    results, errors = _run_together(4, lambda _i: outbox.drain(batch_size=2))
    assert errors == []
    assert sum(len(r.issued) for r in results) == 12
    assert Certificate.objects.count() == 12
    assert not CertificateRequest.objects.exists()
    call_command("verify_evidence", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_backfill_requests_completions_that_never_had_a_certificate(
    database_queue, pact, signer, course
):
    sign(signer, services.current_version(pact))
    CertificateRequest.objects.all().delete()  # as if certificates were switched on later
    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("issue_pending_certificates", stdout=out)
    assert not Certificate.objects.exists()
    call_command("issue_pending_certificates", "--backfill", stdout=out)
    assert Certificate.objects.get().user == signer
    call_command("issue_pending_certificates", "--backfill", stdout=out)
    assert Certificate.objects.count() == 1
