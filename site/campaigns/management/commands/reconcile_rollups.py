"""Compare the office counters with a recount from the progress rows; `--fix` replaces
them. Run after restoring a backup, or nightly as a check (exit status 1 on mismatch)."""

from django.core.management.base import BaseCommand, CommandError

from netra.campaigns import rebuild, rollups
from netra.campaigns.models import ElectionPeriod


class Command(BaseCommand):
    help = "Check (and with --fix, repair) the per-office compliance counters."

    def add_arguments(self, parser):
        parser.add_argument("--period", type=int, help="only this election period (id)")
        parser.add_argument("--fix", action="store_true", help="replace wrong counters")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="also re-read course and pact facts into the progress rows first",
        )

    def handle(self, *args, period=None, fix=False, **options):
        periods = ElectionPeriod.objects.filter(tracked=True).order_by("pk")
        if period:
            periods = periods.filter(pk=period)
        bad = 0
        for p in periods:
            if options["rebuild"]:
                result = rebuild.rebuild(p.pk)
                self.stdout.write(
                    f"{p}: {result.rows_created} rows created, {result.rows_changed} changed"
                )
            result = rollups.reconcile(p.pk, fix=fix)
            state = "fixed" if result.fixed else ("OK" if not result.mismatches else "MISMATCH")
            self.stdout.write(
                f"{p}: {result.rows} counters, {len(result.mismatches)} differ: {state}"
            )
            for key, have, want in result.mismatches[:20]:
                self.stdout.write(f"  {key}: stored {have}, recount {want}")
            bad += bool(result.mismatches) and not result.fixed
        if bad:
            raise CommandError(f"{bad} campaign(s) with wrong counters; run with --fix")
