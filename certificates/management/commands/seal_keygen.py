"""Create the development seal key and CA once (used by `make run`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from certificates.keys import create_seal


class Command(BaseCommand):
    help = "Create a local CA and an ECDSA P-256 seal key at NETRA_SEAL_PKCS12 if missing."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="replace an existing key")

    def handle(self, *args, force=False, **options):
        target = Path(settings.NETRA_SEAL_PKCS12)
        if target.exists() and not force:
            self.stdout.write(f"Seal key already present: {target}")
            return
        ca_path, seal_path = create_seal(
            target.parent,
            organisation=settings.WAGTAIL_SITE_NAME,
            password=settings.NETRA_SEAL_PASSWORD,
        )
        if seal_path != target:
            seal_path.replace(target)
        self.stdout.write(
            self.style.SUCCESS(f"Seal key written to {target}; trust root (CA) at {ca_path}.")
        )
