"""Root URLconf.

Deny by default: `LoginRequiredMiddleware` guards every view below unless it is wrapped in
`login_not_required`. The public ones are few and listed in `PUBLIC_VIEWS` of
tests/home/test_access.py, which fails when a new public view appears unannounced.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from netra.home import routing


@login_not_required
def healthz(request):
    """Liveness probe for load balancers; touches nothing."""
    return HttpResponse("ok", content_type="text/plain")


# Wagtail's own login forms would bypass allauth's rate limits; send them to the one sign-in.
to_allauth_login = login_not_required(
    RedirectView.as_view(pattern_name="account_login", query_string=True)
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("akun/", include("allauth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/login/", to_allauth_login, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("", include("courses.urls")),
    path("", include("quizzes.urls")),
    path("", include("certificates.urls")),
    path("", include("netra.people.urls")),
    path("", include("netra.campaigns.urls")),
    path("", include("netra.regulations.urls")),
    path("", include("netra.updates.urls")),
    path("", include("netra.notifications.urls")),
    path("", include("netra.privacy.urls")),
]

if settings.DEBUG:
    from django.views.static import serve as serve_media

    # Development only; in production the web server or object storage serves uploads.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            login_not_required(serve_media),
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += [
    # Wagtail's private-page helpers.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        login_not_required(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path("_util/login/", to_allauth_login, name="wagtailcore_login"),
    # Pages enforce login per page type in netra.home.wagtail_hooks.require_login. Wagtail's
    # serve view, with the route to the page kept in the cache (netra.home.routing).
    re_path(serve_pattern, login_not_required(routing.serve), name="wagtail_serve"),
]
