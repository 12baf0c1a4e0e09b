"""Fold finished quiz attempts into the per-question statistics now (cron: a safety net for
folds whose job was lost), or count them again from the stored answers."""

from django.core.management.base import BaseCommand

from quizzes import tallies


class Command(BaseCommand):
    help = "Add finished quiz attempts to the per-question statistics."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recount",
            action="store_true",
            help="Drop the statistics and count every finished attempt again from its answers.",
        )

    def handle(self, *args, recount=False, **options):
        if recount:
            self.stdout.write(f"{tallies.recount_all()} finished attempt(s) to count again.")
        self.stdout.write(f"{tallies.fold()} attempt(s) folded into the statistics.")
