"""`python manage.py seed_demo`: load the demo city, accounts and content (idempotent).

Each app that has demo data defines `seed_demo(stdout=...)` on its AppConfig; this command
calls them in INSTALLED_APPS order. That keeps `netra` free of imports from the feature
apps (courses, quizzes, certificates) while they add their own demo content.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load demo offices, employees, accounts and course content. Safe to run twice."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            seeder = getattr(config, "seed_demo", None)
            if seeder is None:
                continue
            self.stdout.write(f"Seeding {config.label}…")
            with transaction.atomic():
                seeder(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
