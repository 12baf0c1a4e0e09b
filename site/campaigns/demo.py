"""Demo election periods, with the dates of the 2024 elections (PKPU 3/2022, PKPU 2/2024)
and the next Pilkada as the one the demo pact is for."""

import datetime as dt

from .models import ElectionKind, ElectionPeriod

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
