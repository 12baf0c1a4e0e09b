"""Certificates through the real database queue and `db_worker`: issued after commit,
made by the worker (never inline), and duplicated jobs or concurrent issuers never make a
second certificate."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from certificates import certification, issuing, services
from certificates.models import Certificate, EvidenceEntry
from certificates.tasks import issue_certificate, produce_certificate
from netra.people.factories import EmployeeFactory

from .conftest import finish_course
from .test_pact_concurrency import _run_together
from .test_pact_services import sign

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def jobs(name):
    return DBTaskResult.objects.filter(task_path=f"certificates.tasks.{name}")


def test_the_worker_issues_renders_and_emails(
    database_queue, pact, signer, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(signer, services.current_version(pact))
    assert not Certificate.objects.exists()  # queued, not issued inline
    # One job when the course was completed (the pact was still missing), one now.
    queued = {tuple(j.args_kwargs["args"]) for j in jobs("issue_certificate")}
    assert queued == {(signer.pk, course.pk)}
    work()
    certificate = Certificate.objects.get()
    assert certificate.pdf and certificate.emailed_at
    assert len(mail.outbox) == 1
    assert set(jobs("issue_certificate").values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_duplicated_jobs_make_one_certificate(database_queue, pact, signer, course):
    sign(signer, services.current_version(pact))
    for _ in range(3):
        issue_certificate.enqueue(signer.pk, course.pk)
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
    issue_certificate.enqueue(signer.pk, course.pk)
    work()
    certificate = Certificate.objects.get()
    assert not certificate.pdf and certificate.pdf_failures == 1
    # Issuing succeeded (the certificate is verifiable); its PDF job failed, says so, and
    # queued a retry that backs off.
    assert set(jobs("issue_certificate").values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert jobs("produce_certificate").filter(status="FAILED").count() == 1
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


@postgres_only
def test_many_learners_at_once_get_distinct_numbers(database_queue, pact, course, city):
    learners = [EmployeeFactory(office=city["dinas"], with_account=True).user for _ in range(12)]
    for user in learners:
        finish_course(user, course)
        sign(user, services.current_version(pact))
    assert not Certificate.objects.exists()

    def issue(i):
        return certification.certificate_issue(user=learners[i], course=course)

    results, errors = _run_together(len(learners), issue)
    assert errors == [] and all(r.created for r in results)
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(learners)
    call_command("verify_evidence", stdout=open("/dev/null", "w"))  # noqa: SIM115
