"""Put background jobs left RUNNING by a killed worker back in the queue (cron, every
minute). See netra.home.jobs."""

import datetime as dt

from django.core.management.base import BaseCommand

from netra.home.jobs import STALE_AFTER, requeue_stale


class Command(BaseCommand):
    help = "Requeue background jobs whose worker died while running them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=STALE_AFTER.total_seconds(),
            help="seconds a job may run before it counts as lost (default %(default)s)",
        )

    def handle(self, *args, older_than, **options):
        count = requeue_stale(older_than=dt.timedelta(seconds=older_than))
        self.stdout.write(f"{count} job(s) requeued.")
