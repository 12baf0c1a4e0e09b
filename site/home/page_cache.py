"""Keep Wagtail's per-request privacy look-up off the database for hot pages.

Wagtail checks page view restrictions on every serve: one query for the ancestors and one
for the restrictions. They change rarely, so `CachedViewRestrictionsMixin` keeps them in the
cache under a generation that any restriction change or page move replaces (see the
receivers below), so a stale entry is never read.
"""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

_GENERATION_KEY = "netra:view-restrictions:generation"
_TIMEOUT = 60 * 60 * 24


def _generation() -> int:
    return cache.get_or_set(_GENERATION_KEY, time.time_ns, None)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def _restrictions_changed(**kwargs):
    cache.set(_GENERATION_KEY, time.time_ns(), None)


class CachedViewRestrictionsMixin:
    def get_view_restrictions(self):
        key = f"netra:view-restrictions:{_generation()}:{self.pk}"
        restrictions = cache.get(key)
        if restrictions is None:
            restrictions = list(super().get_view_restrictions())
            cache.set(key, restrictions, _TIMEOUT)
        queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in restrictions])
        # Iterating or `.exists()` reads the cached rows; `.order_by()` and other clones query
        # afresh, so admin views that refine the queryset still see the database.
        queryset._result_cache = restrictions
        queryset._prefetch_done = True
        return queryset
