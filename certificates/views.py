"""Thin views for pacts: sign, receipt, PDF download and the public verification page."""

from __future__ import annotations

import datetime as dt

from allauth.account.adapter import get_adapter
from allauth.account.authentication import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from netra.people.middleware import mfa_gate

from . import selectors, services
from .forms import SignForm
from .models import PactVersion


@require_GET
def my_pacts(request):
    """ "Pakta saya": the pacts that apply to the learner and their status."""
    return render(
        request,
        "certificates/my_pacts.html",
        {"cards": selectors.pact_cards_for_learner(user=request.user)},
    )


def _reauthentication(request) -> tuple[list[dict], dt.datetime | None]:
    """The session's sign-in and re-authentication events as allauth recorded them
    (method, TOTP or password, time), without usernames or emails, and the time of the
    latest re-authentication."""
    records = get_authentication_records(request, request.user)
    methods = [
        {
            "method": str(r.get("method", "")),
            **({"type": str(r["type"])} if r.get("type") else {}),
            "at": dt.datetime.fromtimestamp(r["at"], tz=dt.UTC).isoformat(),
            "reauthenticated": bool(r.get("reauthenticated")),
        }
        for r in records
        if isinstance(r.get("at"), int | float)
    ]
    latest = max((r["at"] for r in records if r.get("reauthenticated")), default=None)
    return methods, dt.datetime.fromtimestamp(latest, tz=dt.UTC) if latest else None


def _render_pact(request, page, *, form, error: str = "", status: int = 400):
    context = page.get_context(request)
    context.update({"form": form, "sign_error": error})
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
@never_cache
def pact_sign(request, version_id: int):
    """Sign a pact version. When the learner has not re-entered their password (or TOTP
    code) in the last few minutes, allauth's middleware keeps this POST, asks for it, and
    replays the POST afterwards."""
    version = get_object_or_404(PactVersion.objects.select_related("pact"), pk=version_id)
    page = version.pact
    if not page.live:
        raise Http404
    form = SignForm(request.POST, version=version)
    if not form.is_valid():
        return _render_pact(request, page, form=form)
    methods, reauthenticated_at = _reauthentication(request)
    try:
        result = services.pact_sign(
            user=request.user,
            version=version,
            typed_name=form.cleaned_data["typed_name"],
            consent=form.cleaned_data["consent"],
            content_hash=form.cleaned_data["content_hash"],
            auth_methods=methods,
            reauthenticated_at=reauthenticated_at,
            # The client's address as the proxy saw it (allauth's trusted header, the same
            # one the rate limits key on), not the proxy's own.
            ip_address=get_adapter(request).get_client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    except services.ReauthenticationNeeded:
        raise ReauthenticationRequired() from None
    except services.SigningRefused as exc:
        return _render_pact(request, page, form=form, error=exc.message)
    if result.created:
        messages.success(request, _("Pakta berhasil ditandatangani. Terima kasih."))
    else:
        messages.info(request, _("Anda sudah menandatangani versi pakta ini sebelumnya."))
    return redirect("certificates:receipt", reference=result.signature.reference)


@require_GET
@never_cache
def receipt(request, reference):
    signature = selectors.signature_for_viewer(user=request.user, reference=reference)
    if signature is None:
        raise Http404
    if signature.user_id != request.user.pk and (held := mfa_gate(request)) is not None:
        return held  # someone else's signed pact: HR and admins need the second factor
    waiting = not signature.pdf
    return render(
        request,
        "certificates/receipt.html",
        {
            "signature": signature,
            "content": signature.version.content,
            "is_signer": signature.user_id == request.user.pk,
            "pdf_pending": waiting,
            "verify_path": reverse("certificates:verify", args=[signature.verification_code]),
        },
    )


@require_GET
@never_cache
def receipt_pdf(request, reference):
    signature = selectors.signature_for_viewer(user=request.user, reference=reference)
    if signature is None:
        raise Http404
    if signature.user_id != request.user.pk and (held := mfa_gate(request)) is not None:
        return held  # someone else's signed pact: HR and admins need the second factor
    if not signature.pdf:
        messages.info(request, _("PDF pakta sedang disiapkan. Coba lagi sebentar lagi."))
        return redirect("certificates:receipt", reference=reference)
    number = signature.signer.get("nip") or str(signature.reference)[:8]
    return FileResponse(
        signature.pdf.open("rb"),
        as_attachment=True,
        filename=f"pakta-integritas-{number}-v{signature.version.number}.pdf",
        content_type="application/pdf",
    )


@login_not_required
@require_GET
@never_cache
@ratelimit(key="ip", rate=lambda group, request: settings.NETRA_VERIFY_RATE, block=False)
def verify(request, code: str):
    """Public: anyone who scans the QR code. Unknown and malformed codes get the same
    answer; too many look-ups from one address get 429."""
    if getattr(request, "limited", False):
        response = render(request, "certificates/verify_limited.html", status=429)
        response["Retry-After"] = "60"
    else:
        result = selectors.verification_lookup(code)
        response = render(
            request,
            "certificates/verify.html",
            {"result": result},
            status=200 if result else 404,
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
