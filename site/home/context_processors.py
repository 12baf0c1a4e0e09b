from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject


def _is_hr(user) -> bool:
    """Whether to show HR's menu. Cached for a few minutes so learners' pages stay free of
    queries; the HR views themselves check the scope on every request."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True

    def lookup():
        from netra.people.models import HrAssignment

        return HrAssignment.objects.filter(user=user).exists()

    return cache.get_or_set(f"netra:is-hr:{user.pk}", lookup, timeout=300)


def netra(request):
    """Cheap, query-free values every page template uses."""
    user = getattr(request, "user", None)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        # The Wagtail userbar costs permission queries; learners never need it.
        "show_userbar": bool(user and user.is_authenticated and user.is_staff),
        "is_hr": SimpleLazyObject(lambda: _is_hr(user)),
    }
