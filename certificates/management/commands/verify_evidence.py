"""Recompute the evidence chain and fail loudly at the first entry that does not fit."""

from django.core.management.base import BaseCommand, CommandError

from certificates.evidence import Row, first_break
from certificates.models import EvidenceEntry


class Command(BaseCommand):
    help = (
        "Verify the evidence chain; exit non-zero naming the first edited, deleted or "
        "reordered entry."
    )

    def handle(self, *args, **options):
        entries = EvidenceEntry.objects.order_by("sequence").iterator(chunk_size=2000)
        rows = (
            Row(e.id, e.sequence, e.kind, e.prev_hash, e.entry_hash, e.created_at, e.payload)
            for e in entries
        )
        try:
            broken = first_break(rows)
        finally:
            entries.close()  # stop the database cursor now, not at garbage collection
        if broken is not None:
            raise CommandError(f"Evidence chain broken at {broken}")
        count = EvidenceEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Evidence chain intact: {count} entries."))
