"""Remind everyone not yet complete, on a schedule (cron or a systemd timer, e.g. daily at
08:00): every tracked campaign whose deadline is still ahead (today included), or the one
given, over every office or the one given. Same rule as HR's button
(`netra.campaigns.reminders`): nobody twice within 24 hours, batches over one SMTP
connection each, a summary to each office's head."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from netra.campaigns import reminders
from netra.campaigns.models import ElectionPeriod
from netra.people.models import Office
from netra.people.selectors import Scope


class Command(BaseCommand):
    help = "Email reminders to employees who have not completed a tracked campaign."

    def add_arguments(self, parser):
        parser.add_argument("--period", type=int, help="only this election period (id)")
        parser.add_argument("--office", help="only this office and the units under it (code)")
        parser.add_argument(
            "--dry-run", action="store_true", help="count who would be reminded; send nothing"
        )
        parser.add_argument("--batch-size", type=int, default=reminders.BATCH_SIZE)

    def handle(self, *args, period=None, office=None, dry_run=False, batch_size=None, **options):
        periods = ElectionPeriod.objects.filter(tracked=True).order_by("deadline", "pk")
        if period:
            periods = periods.filter(pk=period)
            if not periods:
                raise CommandError(f"no tracked election period with id {period}")
        else:
            periods = periods.filter(deadline__gte=timezone.localdate())
        if office:
            offices = list(Office.objects.filter(code=office, is_active=True))
            if not offices:
                raise CommandError(f"no active office with code {office!r}")
        else:
            offices = list(Office.objects.filter(depth=1, is_active=True).order_by("path"))
        everything = Scope((), everything=True)
        for p in periods:
            if dry_run:
                audience = reminders.reminders_preview(period=p, offices=offices, scope=everything)
                self.stdout.write(
                    f"{p}: {audience.pending} not complete, {audience.due} would be reminded, "
                    f"{audience.recent} reminded in the last 24 h, "
                    f"{audience.without_email} without email (dry run, nothing sent)"
                )
                continue
            result = reminders.reminders_send(
                period=p, offices=offices, scope=everything, batch_size=batch_size
            )
            self.stdout.write(
                f"{p}: {result.reminded} reminded in {result.batches} batch(es), "
                f"{result.recent} reminded in the last 24 h, "
                f"{result.without_email} without email, {result.summaries} office summaries"
                + (
                    f", {result.offices_without_head} office(s) with nobody to summarise to"
                    if result.offices_without_head
                    else ""
                )
            )
