"""Queue the PDF job again for every signed pact and certificate that has no PDF yet, e.g.
after the worker was down or killed, or a certificate ran out of retries. The jobs are
idempotent, so running this twice is harmless."""

from django.core.management.base import BaseCommand

from certificates.models import Certificate, PactSignature
from certificates.tasks import produce_certificate, render_pact_pdf


class Command(BaseCommand):
    help = "Enqueue PDF rendering for signed pacts and certificates that have no PDF yet."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, dry_run=False, **options):
        verb = "would be queued" if dry_run else "queued"
        jobs = [
            ("signed pact(s)", PactSignature.objects.filter(pdf=""), render_pact_pdf),
            ("certificate(s)", Certificate.objects.filter(pdf=""), produce_certificate),
        ]
        for label, missing, job in jobs:
            count = 0
            for pk in missing.values_list("pk", flat=True).iterator(chunk_size=1000):
                if not dry_run:
                    job.enqueue(pk)
                count += 1
            self.stdout.write(f"{count} {label} without a PDF {verb}.")
