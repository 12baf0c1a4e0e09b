"""Put background jobs lost to an outage back in the queue (cron, every minute): those left
RUNNING by a killed worker, and those that failed on a lost database connection. See
netra.home.jobs."""

import datetime as dt

from django.core.management.base import BaseCommand

from netra.home.jobs import STALE_AFTER, requeue_stale, requeue_transient_failures


class Command(BaseCommand):
    help = "Requeue background jobs lost to a killed worker or a lost database connection."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=STALE_AFTER.total_seconds(),
            help="seconds a job may run before it counts as lost (default %(default)s)",
        )

    def handle(self, *args, older_than, **options):
        stale = requeue_stale(older_than=dt.timedelta(seconds=older_than))
        failed = requeue_transient_failures()
        self.stdout.write(
            f"{stale + failed} job(s) requeued ({stale} left running, "
            f"{failed} failed on a lost database connection)."
        )
