"""Email learners whose certificates end soon (each course sets how many days before).
Run once a day, e.g. from cron: `manage.py send_certificate_notices`. Each certificate is
announced once, so running it twice a day is harmless."""

from django.core.management.base import BaseCommand

from certificates.certification import expiry_notices_send


class Command(BaseCommand):
    help = "Email learners whose certificates expire within their course's notice period."

    def handle(self, *args, **options):
        sent = expiry_notices_send()
        self.stdout.write(f"{sent} expiry notice(s) sent.")
