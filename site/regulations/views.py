"""Public views of the regulation library: the site search, a stable link to a regulation
and the download of its official document. The library pages themselves are Wagtail pages
(models.py); the public ones are listed in tests/home/test_access.py."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit
from wagtail.documents.views.serve import serve as serve_document

from .forms import SearchForm
from .models import RegulationPage
from .selectors import pages_visible_to, site_search

# Full-text queries cost more than a page view; one address gets this many a minute.
SEARCH_RATE = "60/m"


@login_not_required
@require_GET
@ratelimit(key="ip", rate=SEARCH_RATE, block=False)
def search(request):
    """Public: anonymous visitors find regulations and updates; signed-in learners also
    find the courses and modules they may open."""
    if getattr(request, "limited", False):
        response = render(request, "regulations/search_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": ""}
    if form.is_valid() and form.cleaned_data["q"]:
        context["query"] = form.cleaned_data["q"]
        context.update(
            site_search(
                request=request, query=context["query"], page_number=request.GET.get("halaman")
            )
        )
    return render(request, "regulations/search.html", context)


def _visible_regulation(request, page_id: int) -> RegulationPage:
    page = pages_visible_to(request).type(RegulationPage).filter(pk=page_id).specific().first()
    if page is None:
        raise Http404
    return page


@login_not_required
@require_GET
def regulation_link(request, page_id: int):
    """A link that survives moves and renames (frozen quiz feedback keeps page ids)."""
    return redirect(_visible_regulation(request, page_id).get_url(request))


@login_not_required
@require_GET
def regulation_document(request, page_id: int):
    """The official document of a live, visible regulation, through Wagtail's own serve
    view: its collection privacy, `Content-Disposition: attachment` and `nosniff` apply.
    Other documents stay behind sign-in at /dokumen/."""
    document = _visible_regulation(request, page_id).document
    if document is None:
        raise Http404
    return serve_document(request, document.pk, document.filename)
