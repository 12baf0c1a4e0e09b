"""Keeps HR officers and admins out of personal-data areas until they sign in with their
authenticator app (the rule is in `netra.people.mfa`; the paths in
`settings.NETRA_MFA_REQUIRED_PREFIXES`).

Placed after allauth's `AccountMiddleware` (settings.MIDDLEWARE). Pages get a redirect to
allauth: activating the app when the account has none, or entering its code on the
re-authentication page (which comes back to the page) when this session never did.
Requests that cannot follow a redirect to a form (JSON, XHR, fetch, file downloads) get a
403 instead. allauth's own pages, the logout views and static files are never held back,
whatever the prefixes say, so nobody can be locked in a loop.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseForbidden, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .mfa import MfaStatus, mfa_status

# Paths that end in these are files, even when a browser navigates to them.
DOWNLOAD_SUFFIXES = (".zip", ".csv", ".xlsx", ".xls", ".pdf", ".json", ".txt")
NEXT_SESSION_KEY = "netra_mfa_next"


def _exempt(path: str) -> bool:
    allauth_root = posixpath.commonpath([reverse("account_login"), reverse("mfa_index")])
    if path.startswith(settings.STATIC_URL) or (
        allauth_root != "/" and path.startswith(f"{allauth_root}/")
    ):
        return True
    return path in {
        reverse("account_logout"),
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
    }


def _guarded(path: str) -> bool:
    return path.startswith(tuple(settings.NETRA_MFA_REQUIRED_PREFIXES)) and not _exempt(path)


def _wants_json(request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _is_page_request(request) -> bool:
    """A browser navigating to a page, which can follow a redirect to a form."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest" or _wants_json(request):
        return False
    mode = request.headers.get("sec-fetch-mode")
    if mode and mode != "navigate":  # fetch(), <img>, <script>…
        return False
    return not request.path.lower().endswith(DOWNLOAD_SUFFIXES)


def _explanation(status: MfaStatus) -> str:
    if status is MfaStatus.NO_AUTHENTICATOR:
        return _(
            "Akun petugas SDM dan administrator wajib memakai verifikasi dua langkah "
            "sebelum membuka data pribadi pegawai. Aktifkan aplikasi autentikator "
            "(misalnya Google Authenticator, Microsoft Authenticator atau Aegis) untuk "
            "melanjutkan."
        )
    return _(
        "Halaman ini berisi data pribadi pegawai. Masukkan kode dari aplikasi autentikator "
        "Anda untuk melanjutkan."
    )


def _forbidden(request, status: MfaStatus, location: str):
    detail = _explanation(status)
    if _wants_json(request):
        return JsonResponse(
            {"error": "mfa_required", "status": status.value, "detail": detail, "url": location},
            status=403,
        )
    return HttpResponseForbidden(detail, content_type="text/plain; charset=utf-8")


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _guarded(request.path_info) and request.user.is_authenticated:
            response = mfa_gate(request)
            if response is not None:
                return response
        return self.get_response(request)


def mfa_gate(request):
    """The response that sends the user to set up or use their authenticator app, or None
    when they may go on. The middleware applies it to whole path prefixes; views that show
    one record to its owner and to HR call it for the HR branch."""
    if not request.user.is_authenticated:
        return None
    status = mfa_status(request)
    if status is MfaStatus.SATISFIED:
        request.session.pop(NEXT_SESSION_KEY, None)  # the way back is no longer needed
    if status in (MfaStatus.NOT_REQUIRED, MfaStatus.SATISFIED):
        return None
    if status is MfaStatus.NO_AUTHENTICATOR:
        location = reverse("mfa_activate_totp")
    else:
        query = urlencode({"next": request.get_full_path()})
        location = f"{reverse('mfa_reauthenticate')}?{query}"
    if not _is_page_request(request):
        return _forbidden(request, status, location)
    if status is MfaStatus.NO_AUTHENTICATOR:
        # allauth's activation ends on the recovery codes, which offer the way back.
        request.session[NEXT_SESSION_KEY] = request.get_full_path()
        messages.warning(request, _explanation(status))
    else:
        messages.info(request, _explanation(status))
    return HttpResponseRedirect(location)
