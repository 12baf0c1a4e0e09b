from django.conf import settings


def netra(request):
    """Cheap, query-free values every page template uses."""
    user = getattr(request, "user", None)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        # The Wagtail userbar costs permission queries; learners never need it.
        "show_userbar": bool(user and user.is_authenticated and user.is_staff),
    }
