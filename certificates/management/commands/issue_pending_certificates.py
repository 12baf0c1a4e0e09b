"""Drain the certificate outbox now (cron: a safety net for requests whose job was lost),
and optionally ask for the certificates of completions that never had one (a course whose
certificates were switched on after learners finished it)."""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from certificates import outbox
from certificates.models import Certificate, CertificateRequest
from courses.models import Enrolment


class Command(BaseCommand):
    help = "Issue the certificates learners have asked for and no job has issued yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backfill",
            action="store_true",
            help="First request a certificate for every completed enrolment (of a course "
            "with certificates on) that has none for its current cycle.",
        )

    def handle(self, *args, backfill=False, **options):
        if backfill:
            self.stdout.write(f"{self._backfill()} completion(s) without a certificate requested.")
        result = outbox.drain()
        self.stdout.write(
            f"{len(result.issued)} certificate(s) issued, {result.not_due} request(s) not due, "
            f"{result.failed} failed (retried later)."
        )
        if result.issued:
            self.stdout.write("Their PDFs are queued for the worker.")

    def _backfill(self) -> int:
        issued = Certificate.objects.filter(enrolment=OuterRef("pk"), cycle=OuterRef("cycle"))
        completions = Enrolment.objects.filter(
            completed_at__isnull=False, course__certificate_enabled=True
        ).exclude(Exists(issued))
        rows = [
            CertificateRequest(user_id=user_id, course_id=course_id)
            for user_id, course_id in completions.values_list("user_id", "course_id").iterator()
        ]
        CertificateRequest.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        return len(rows)
