"""Background jobs (django-tasks; the `db_worker` process runs them). Every job is safe to
run twice: each step finds its work done and stops."""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from . import issuing

logger = logging.getLogger(__name__)

# A failed certificate PDF is retried this many times, waiting longer each time; after
# that `manage.py render_missing_pdfs` (run by cron) picks it up.
PDF_ATTEMPTS = 4
# Issuing (the record, its number and verification code) is quick and makes the
# certificate verifiable at once; the PDF is slow. In a rush (a whole city finishing the
# day before the deadline) the workers issue first and render after.
PDF_PRIORITY = -10


@task()
def render_pact_pdf(signature_id: int) -> str:
    """Render and seal a signed pact's PDF. Enqueued on commit of the signature; safe to
    run twice (the second run finds the PDF and stops)."""
    return issuing.pact_pdf_generate(signature_id).pdf_sha256


@task()
def pact_progress_resync(pact_id: int) -> str:
    """A new pact version was published: signers of older versions no longer count as
    signed in campaign progress."""
    from .services import pact_progress_resync as resync

    return f"{resync(pact_id)} progress rows unsigned"


@task()
def issue_pending_certificates() -> str:
    """Drain the certificate outbox (`outbox.py`): issue, in batches, every certificate
    learners have asked for by completing a course or signing its pact, then queue their
    PDFs. Queued after the commit of such a request."""
    from . import outbox

    return str(outbox.drain())


# PDFs per job: the job's own cost (claim, status, result) is paid once per chunk, while
# the workers still share a batch between them.
PDF_CHUNK = 10


def enqueue_pdfs(certificate_ids: list[int]) -> None:
    """Queue the PDFs (and emails) of newly issued certificates, behind any issuing."""
    for start in range(0, len(certificate_ids), PDF_CHUNK):
        chunk = certificate_ids[start : start + PDF_CHUNK]
        produce_certificates.using(priority=PDF_PRIORITY).enqueue(chunk)


@task()
def produce_certificates(certificate_ids: list[int]) -> str:
    """`produce_certificate` for a few certificates: one that fails is retried on its own
    (and counted), the others are made regardless."""
    failed = []
    for certificate_id in certificate_ids:
        try:
            _produce(certificate_id, attempt=1)
        except Exception:
            logger.exception("certificate %s: PDF failed", certificate_id)
            failed.append(certificate_id)
    if failed:
        raise RuntimeError(f"PDF failed for certificates {failed}; each retried on its own")
    return f"{len(certificate_ids)} PDFs"


@task()
def produce_certificate(certificate_id: int, attempt: int = 1) -> str:
    """Render, seal and store a certificate's PDF, then send the email: a retry, or a
    backfill after a worker outage."""
    return _produce(certificate_id, attempt=attempt)


def _produce(certificate_id: int, *, attempt: int) -> str:
    from .certification import certificate_email_send
    from .models import Certificate

    try:
        certificate = issuing.certificate_pdf_generate(certificate_id)
    except Exception:
        Certificate.objects.filter(pk=certificate_id).update(pdf_failures=F("pdf_failures") + 1)
        if attempt < PDF_ATTEMPTS:
            _retry(certificate_id, attempt + 1)
        raise
    certificate_email_send(certificate_id)
    return certificate.pdf_sha256


def _retry(certificate_id: int, attempt: int) -> None:
    logger.warning("certificate %s: PDF failed, retry %s queued", certificate_id, attempt)
    retry = produce_certificate
    if retry.get_backend().supports_defer:
        # 30 s, 2 min, 8 min: a brief outage (storage, the key's HSM) passes.
        delay = dt.timedelta(seconds=30 * 4 ** (attempt - 2))
        retry = retry.using(run_after=timezone.now() + delay)
    retry.enqueue(certificate_id, attempt)
