"""`python manage.py apply_update_impact (--update PAGE_ID | --all)`: apply again the
impact of the latest published revision of one update, or of every update, in this
process. Safe to repeat: nobody is reset or notified twice (`services.apply_impact`)."""

from django.core.management.base import BaseCommand, CommandError

from netra.updates.selectors import impacts_latest
from netra.updates.services import apply_impact


class Command(BaseCommand):
    help = "Apply the recorded impact of regulation updates again (idempotent)."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--update", type=int, metavar="PAGE_ID", help="one update page")
        target.add_argument("--all", action="store_true", help="every published update")

    def handle(self, *args, **options):
        update_ids = None if options["all"] else [options["update"]]
        impacts = impacts_latest(update_ids=update_ids)
        if update_ids and not impacts:
            raise CommandError(f"Update page {options['update']} has no published impact.")
        for impact in impacts:
            result = apply_impact(impact.pk)
            self.stdout.write(
                f"Update {impact.update_id} (impact {impact.pk}): "
                f"{result.affected} affected, {result.renewed} renewed."
            )
        self.stdout.write(f"{len(impacts)} impact(s) applied.")
