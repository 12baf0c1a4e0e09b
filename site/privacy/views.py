"""Thin views: "Data saya" (what Netra keeps about the signed-in person and why) and the
download of it as a ZIP. Only ever the signed-in person's own data: nothing in the request
names whose data it is."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from . import export, registry

# Downloads per person per hour; settings.NETRA_DATA_EXPORT_RATE overrides it.
DEFAULT_EXPORT_RATE = "5/h"


def _export_rate(group, request) -> str:
    return getattr(settings, "NETRA_DATA_EXPORT_RATE", DEFAULT_EXPORT_RATE)


def _page(request, *, status: int = 200, limited: bool = False):
    entries = sorted(registry.entries(), key=lambda e: str(e.title))
    return render(
        request, "privacy/my_data.html", {"entries": entries, "limited": limited}, status=status
    )


@require_GET
@never_cache
def my_data(request):
    """What is kept about me, where, why and for how long; and the download button."""
    return _page(request)


@require_POST
@never_cache
# The password (or authenticator code) again, as for signing a pact: a ZIP of someone's
# personal data is worth more than one page of it. allauth keeps this POST while it asks
# and replays it afterwards.
@reauthentication_required
@ratelimit(key="user", rate=_export_rate, method="POST", block=False)
def my_data_download(request):
    if getattr(request, "limited", False):
        response = _page(request, status=429, limited=True)
        response["Retry-After"] = "3600"
        return response
    person = registry.Person.of_user(request.user)
    archive = export.write_zip(person, account_name=request.user.get_username())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    # never_cache above marks it `no-store`: no proxy or browser cache keeps a copy.
    return FileResponse(
        archive,
        as_attachment=True,
        filename=f"data-saya-netra-{stamp}.zip",
        content_type="application/zip",
    )
