"""Demo election periods, with the dates of the 2024 elections (PKPU 3/2022, PKPU 2/2024)
and the next Pilkada as the one the demo pact is for."""

import datetime as dt
import random

from django.utils import timezone

from netra.people.models import Employee

from . import rebuild
from .models import CampaignCourse, ElectionKind, ElectionPeriod
from .progress import Change, apply_change

DEMO_CAMPAIGN = "Simulasi Pilkada Ulang Kota Wiratama (demo)"

PERIODS = [
    {
        "name": "Pemilu 2024",
        "kind": ElectionKind.PEMILU,
        "campaign_start": dt.date(2023, 11, 28),
        "campaign_end": dt.date(2024, 2, 10),
        "voting_day": dt.date(2024, 2, 14),
        "deadline": dt.date(2023, 11, 27),
    },
    {
        "name": "Pilkada Serentak 2024",
        "kind": ElectionKind.PILKADA,
        "campaign_start": dt.date(2024, 9, 25),
        "campaign_end": dt.date(2024, 11, 23),
        "voting_day": dt.date(2024, 11, 27),
        "deadline": dt.date(2024, 9, 24),
    },
]


def seed(*, stdout):
    for period in PERIODS:
        values = dict(period)
        ElectionPeriod.objects.update_or_create(name=values.pop("name"), defaults=values)
    stdout.write(f"  {len(PERIODS)} election periods")


def seed_campaign(*, course, pact, stdout):
    """A tracked demo campaign a month ahead requiring the demo course and pact, with
    simulated progress for two thirds of the demo employees so HR's dashboard has
    something to show. Called by the certificates app's seed, once course and pact exist.
    The dates are made up (relative to today) and the name says it is a simulation."""
    today = timezone.localdate()
    period, created = ElectionPeriod.objects.get_or_create(
        name=DEMO_CAMPAIGN,
        defaults={
            "kind": ElectionKind.OTHER,
            "campaign_start": today + dt.timedelta(days=35),
            "campaign_end": today + dt.timedelta(days=60),
            "voting_day": today + dt.timedelta(days=64),
            "deadline": today + dt.timedelta(days=30),
            "pact": pact,
        },
    )
    if not created:
        stdout.write(f"  campaign “{period.name}” (kept)")
        return period
    CampaignCourse.objects.create(period=period, course=course)
    rebuild.rebuild(period.pk)
    rng = random.Random(2029)  # the same demo every time  # nosec B311  # demo data
    employees = Employee.objects.filter(is_active=True, user__isnull=True).order_by("pk")
    for employee_id in employees.values_list("pk", flat=True):
        roll = rng.random()
        if roll < 0.33:
            continue
        change = Change(started=1) if roll < 0.6 else Change(completed=1, pact=roll > 0.7)
        apply_change(period.pk, employee_id, change)
    rebuild.rebuild(period.pk)  # folds the simulated changes into the counters
    stdout.write(f"  campaign “{period.name}” with simulated progress")
    return period
