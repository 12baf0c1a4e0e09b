"""Test and demo factories for campaigns."""

import datetime as dt

import factory

from .models import CampaignCourse, ElectionKind, ElectionPeriod


class ElectionPeriodFactory(factory.django.DjangoModelFactory):
    """A Pilkada with a deadline; `courses=[...]` and `pact=` make it a campaign."""

    class Meta:
        model = ElectionPeriod
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Pilkada Uji {2029 + n}")
    kind = ElectionKind.PILKADA
    campaign_start = dt.date(2029, 9, 25)
    campaign_end = dt.date(2029, 11, 23)
    voting_day = dt.date(2029, 11, 27)
    deadline = dt.date(2029, 9, 24)
    pact = None

    @factory.post_generation
    def courses(obj, create, extracted, **kwargs):
        for course in extracted or ():
            CampaignCourse.objects.create(period=obj, course=course)
