"""`python manage.py setup_editorial`: the editorial groups, the review workflow and their
page permissions on the regulation and update index pages (idempotent). Run after adding
those index pages; `seed_demo` runs it for the demo."""

from django.core.management.base import BaseCommand
from django.db import transaction

from netra.updates.editorial import editorial_setup


class Command(BaseCommand):
    help = "Set up 'Editor Regulasi', 'Peninjau Regulasi' and the 'Tinjauan regulasi' workflow."

    def handle(self, *args, **options):
        with transaction.atomic():
            lines = editorial_setup()
        for line in lines:
            self.stdout.write(line)
        if not lines:
            self.stdout.write("No regulation or update index page yet: only groups and workflow.")
