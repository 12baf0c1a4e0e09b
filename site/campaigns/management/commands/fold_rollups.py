"""Fold pending compliance deltas into the office counters, once or in a loop.

The worker folds a few seconds after each change; `--loop` is for deployments that prefer
a dedicated folding process (or a cron-like safety net)."""

import time

from django.core.management.base import BaseCommand

from netra.campaigns import rollups


class Command(BaseCommand):
    help = "Fold pending compliance deltas into the per-office counters."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, metavar="SECONDS", help="repeat every N seconds")

    def handle(self, *args, loop=None, **options):
        while True:
            result = rollups.fold()
            if options["verbosity"] > 1 or not loop:
                self.stdout.write(f"folded {result.deltas} deltas into {result.rows} counters")
            if not loop:
                return
            if result.deltas < 50_000:
                time.sleep(loop)
