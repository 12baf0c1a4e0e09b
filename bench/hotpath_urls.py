"""The bench's URLconf (bench/hotpath_settings.py only, never the site's): the project's
routes plus `/_bench/bare/`, the peer the module page is measured against. It sits behind
the same middleware, session and authentication (LoginRequiredMiddleware) as every page."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from netra.urls import urlpatterns as site_urlpatterns


@require_GET
def bare(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("_bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
