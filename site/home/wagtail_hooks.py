"""Page access policy: deny by default.

`LoginRequiredMiddleware` cannot see page types (all pages share Wagtail's serve view), so
`netra.urls` marks that view public and this hook re-applies the rule per page: a page is
served to anonymous visitors only when its class sets `login_required = False`.
"""

from django.contrib.auth.views import redirect_to_login
from wagtail import hooks


@hooks.register("before_serve_page")
def require_login(page, request, serve_args, serve_kwargs):
    if getattr(page.specific_class, "login_required", True) and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None
