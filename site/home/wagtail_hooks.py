"""Page access policy: deny by default.

`LoginRequiredMiddleware` cannot see page types (all pages share Wagtail's serve view), so
`netra.urls` marks that view public and this hook re-applies the rule per page: a page is
served to anonymous visitors only when its class sets `login_required = False`.
"""

from django.contrib.auth.views import redirect_to_login
from wagtail import hooks


def page_type_is_public(page_class) -> bool:
    """Whether anonymous visitors may open pages of this class (the site search filters
    with the same rule, netra.regulations.selectors.pages_visible_to)."""
    return not getattr(page_class, "login_required", True)


@hooks.register("before_serve_page")
def require_login(page, request, serve_args, serve_kwargs):
    if not page_type_is_public(page.specific_class) and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None
