"""Find the page for a URL without a query on a warm cache, ahead of Wagtail's serve view.

Wagtail's own routing costs four queries for a course module: the request's Site, the site
root as its specific page, then (`HomePage.route`) the page by `url_path` and that page as
its specific type. Here the cache keeps, per host and path, the Site and the specific page
that answered, with the page's view restrictions, under the pages generation
(`page_cache.py`): any page, restriction, site, document or image saved, deleted or moved
replaces it, so a hint never outlives what it holds. Wagtail gets the route it would have
found (`request._wagtail_route_for_request`), so every serve hook (login rule, view
restrictions) still runs. On a miss Wagtail routes the request and the hint is stored.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page

from .page_cache import CachedViewRestrictionsMixin, generation_and

_TIMEOUT = 60 * 60 * 24


def _key(request, path: str) -> str:
    # Host and port as Wagtail's Site lookup reads them (`Site._find_for_request`).
    host = split_domain_port(request._get_raw_host())[0]
    where = hashlib.blake2b(f"{host}:{request.get_port()}/{path}".encode(), digest_size=16)
    return f"netra:route:{where.hexdigest()}"


def _from_hint(request, hint) -> tuple | None:
    site, page, restrictions = hint
    try:
        route = page.route(request, [])  # Http404 unless live
    except Http404:
        return None
    if restrictions is not None:
        page._netra_view_restrictions = restrictions
    request._wagtail_site = site
    return route


def route_for_request(request, path: str):
    """The route Wagtail would find for `path` (page, args, kwargs), or None for a 404;
    leaves both on the request as Wagtail's `Page.route_for_request` does."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    key = _key(request, path)
    current, hint = generation_and(request, key)
    route = _from_hint(request, hint[1:]) if hint and hint[0] == current else None
    if route is not None:
        request._wagtail_route_for_request = route
        return route
    route = Page.route_for_request(request, path)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None:
        return route
    page, args, kwargs = route
    # Only a page that is the whole path (not a sub-route of a routable page, which may
    # answer more paths than its own) is remembered.
    if not args and not kwargs and page.url_path == f"{site.root_page.url_path}{path}":
        restrictions = None
        if isinstance(page, CachedViewRestrictionsMixin):
            restrictions = list(page.get_view_restrictions())
        cache.set(key, (current, site, page, restrictions), _TIMEOUT)
    return route


def serve(request, path):
    """Wagtail's serve view, with the page found by `route_for_request` above."""
    route_for_request(request, path)
    return wagtail_views.serve(request, path)
