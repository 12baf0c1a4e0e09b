"""Queue the PDF job again for every signed pact that has no PDF yet, e.g. after the
worker was down or killed. The job is idempotent, so running this twice is harmless."""

from django.core.management.base import BaseCommand

from certificates.models import PactSignature
from certificates.tasks import render_pact_pdf


class Command(BaseCommand):
    help = "Enqueue PDF rendering for signed pacts that have no PDF yet."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, dry_run=False, **options):
        missing = PactSignature.objects.filter(pdf="").values_list("pk", flat=True)
        count = 0
        for signature_id in missing.iterator(chunk_size=1000):
            if not dry_run:
                render_pact_pdf.enqueue(signature_id)
            count += 1
        verb = "would be queued" if dry_run else "queued"
        self.stdout.write(f"{count} signed pact(s) without a PDF {verb}.")
