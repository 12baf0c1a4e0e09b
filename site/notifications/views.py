"""The signed-in person's notifications: the list, opening one (marks it read, then goes
to its link) and "tandai semua dibaca". Only ever the person's own: anyone else's is 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import rules, selectors, services

PAGE_SIZE = 30


@require_GET
@never_cache
def notification_list(request):
    page = Paginator(selectors.notifications_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": selectors.unread_count_for_user(request.user)},
    )


@require_POST
def notification_open(request, notification_id):
    notification = services.mark_read(user=request.user, notification_id=notification_id)
    if notification is None:
        raise Http404
    # The model refuses off-site links; checked again here because this is a redirect.
    if rules.is_internal_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
def notification_read_all(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notifikasi ditandai dibaca.",
                "%(count)d notifikasi ditandai dibaca.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Tidak ada notifikasi yang belum dibaca."))
    return redirect(reverse("notifications:list"))
