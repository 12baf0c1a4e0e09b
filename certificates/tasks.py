"""Background jobs (django-tasks; the `db_worker` process runs them)."""

from django_tasks import task

from . import issuing


@task()
def render_pact_pdf(signature_id: int) -> str:
    """Render and seal a signed pact's PDF. Enqueued on commit of the signature; safe to
    run twice (the second run finds the PDF and stops)."""
    return issuing.pact_pdf_generate(signature_id).pdf_sha256
