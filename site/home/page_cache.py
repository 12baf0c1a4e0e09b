"""Keep Wagtail's per-request page look-ups off the database for hot pages.

Serving a page costs Wagtail look-ups whose answers rarely change: which page a URL routes
to (`routing.py`), and the page's view restrictions (one query for the ancestors and one
for the restrictions). They are cached under one *pages generation*, which every change
that could alter them, or what a cached page shows, replaces (a page, a view restriction,
a site, a document or an image saved or deleted, a page moved; see the receivers below),
so a stale entry is never read. `generation(request)` reads it once per request, for every
cache keyed by it (courses' module bodies too).
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

_GENERATION_KEY = "netra:pages:generation"
_TIMEOUT = 60 * 60 * 24
# What a page's routing, restrictions or cached content depend on (a module body shows
# the titles and URLs of the pages, documents and images it links to).
_SOURCES = (Page, PageViewRestriction, Site, AbstractDocument, AbstractImage)


def generation(request=None) -> int:
    """The current pages generation, read from the cache once per request."""
    found = getattr(request, "_netra_pages_generation", None)
    if found is None:
        found = cache.get_or_set(_GENERATION_KEY, time.time_ns, None)
        if request is not None:
            request._netra_pages_generation = found
    return found


def generation_and(request, key: str):
    """The pages generation and the value cached at `key` (or None), in one round trip."""
    found = cache.get_many([_GENERATION_KEY, key])
    current = found.get(_GENERATION_KEY)
    if current is None:
        current = cache.get_or_set(_GENERATION_KEY, time.time_ns, None)
    request._netra_pages_generation = current
    return current, found.get(key)


def _new_generation():
    cache.set(_GENERATION_KEY, time.time_ns(), None)


def _changed():
    _new_generation()
    # Again once the change is committed: a request that read the database between the
    # first replacement and the commit may have cached what it saw under that generation.
    transaction.on_commit(_new_generation)


@receiver(post_save)
@receiver(post_delete)
def _saved_or_deleted(sender, instance, **kwargs):
    # Every model's saves come through here: the check is one isinstance.
    if isinstance(instance, _SOURCES):
        _changed()


@receiver(post_page_move)
def _page_moved(**kwargs):
    _changed()


class CachedViewRestrictionsMixin:
    def get_view_restrictions(self):
        # `routing.py` hands over the restrictions it cached with the route.
        restrictions = getattr(self, "_netra_view_restrictions", None)
        if restrictions is None:
            key = f"netra:view-restrictions:{generation()}:{self.pk}"
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
