"""The PDF job goes through the real database queue and `db_worker`, as in `make run`.
(Publishing pages also queues Wagtail's own jobs, hence the filters on `task_path`.)"""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from certificates import services

from .test_pact_services import sign

# `db_worker` closes database connections between jobs, as a long-running worker should;
# that would end the per-test transaction of a plain `django_db` test on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_signature_commits_first_and_the_worker_makes_the_pdf(
    database_queue, pact, signer, seal_key, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signature = sign(signer, services.current_version(pact)).signature
    signature.refresh_from_db()
    assert not signature.pdf  # not rendered inline
    job = DBTaskResult.objects.get(task_path="certificates.tasks.render_pact_pdf")
    assert job.args_kwargs["args"] == [signature.pk]

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    signature.refresh_from_db()
    assert signature.pdf and len(signature.pdf_sha256) == 64
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"


def test_a_duplicated_job_changes_nothing(database_queue, pact, signer, seal_key):
    from certificates.tasks import render_pact_pdf

    signature = sign(signer, services.current_version(pact)).signature
    render_pact_pdf.enqueue(signature.pk)
    render_pact_pdf.enqueue(signature.pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    jobs = DBTaskResult.objects.filter(task_path="certificates.tasks.render_pact_pdf")
    statuses = set(jobs.values_list("status", flat=True))
    assert statuses == {"SUCCESSFUL"}
    signature.refresh_from_db()
    first = (signature.pdf.name, signature.pdf_sha256)
    render_pact_pdf.enqueue(signature.pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    signature.refresh_from_db()
    assert (signature.pdf.name, signature.pdf_sha256) == first


def test_missing_pdfs_are_queued_again(database_queue, pact, signer, seal_key):
    from io import StringIO

    signature = sign(signer, services.current_version(pact)).signature  # no on_commit here
    out = StringIO()
    call_command("render_missing_pdfs", "--dry-run", stdout=out)
    assert "1 signed pact(s) without a PDF would be queued" in out.getvalue()
    call_command("render_missing_pdfs", stdout=out)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    signature.refresh_from_db()
    assert signature.pdf
    out = StringIO()
    call_command("render_missing_pdfs", stdout=out)
    assert out.getvalue().startswith("0 signed")
