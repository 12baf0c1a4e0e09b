"""Site-wide response headers that protect personal data (registered in settings.MIDDLEWARE).

- `ContentSecurityPolicyMiddleware`: django-csp's middleware with one policy for our pages
  (`CONTENT_SECURITY_POLICY`, strict: no inline script or style) and the relaxations the
  Wagtail admin still needs under its prefix (`NETRA_ADMIN_CSP_REPLACE`).
- `PersonalNoStoreMiddleware`: `Cache-Control: no-store` on every response to a signed-in
  user, so neither a shared cache nor the browser keeps a page or file with their data.
"""

from __future__ import annotations

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import add_never_cache_headers


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The admin's editors run Wagtail's inline scripts and styles, which our own pages
    never need; only paths under `NETRA_ADMIN_CSP_PREFIX` get them. A page preview is our
    page, rendered by the admin for its preview panel through a dummy request with the
    page's own path: it keeps our policy but may be framed by the admin. A view's own
    `csp_replace`/`csp_update` decorators still win."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if request.path_info.startswith(settings.NETRA_ADMIN_CSP_PREFIX):
            parts.replace = {**settings.NETRA_ADMIN_CSP_REPLACE, **(parts.replace or {})}
        elif getattr(request, "is_preview", False):
            parts.replace = {"frame-ancestors": [SELF], **(parts.replace or {})}
        return parts


def declared_public(response) -> bool:
    """A response its view marked cacheable by anyone (no personal data: the Open Badges
    issuer profile, key and status lists)."""
    directives = response.get("Cache-Control", "").replace(" ", "").lower().split(",")
    return "public" in directives


class PersonalNoStoreMiddleware:
    """Everything a signed-in user receives may hold personal data (their name in the
    header, their progress, a colleague's record for HR, a signed PDF): no cache may keep
    it. Views that mark a response public keep their header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not declared_public(response):
            add_never_cache_headers(response)
        return response
