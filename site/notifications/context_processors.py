from django.utils.functional import SimpleLazyObject

from .selectors import unread_count_for_user


def notifications(request):
    """The header's unread count, looked up only when a template shows it (signed-in
    people) and then from the cache, so most page views spend no query on it."""
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count_for_user(user))}
