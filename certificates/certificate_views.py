"""Thin views for certificates: the learner's list and detail, PDF download, renewal,
revocation (admin or HR of the holder's office), and HR's list and ZIP per office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.people.middleware import mfa_gate

from . import certification, credentials, exporting, selectors
from .forms import RevokeForm

JWT = "application/jwt"
# Status lists exist up to the one holding the highest id; this only bounds the URL.
MAX_STATUS_LIST = 10_000


@require_GET
@never_cache
def my_certificates(request):
    """ "Sertifikat saya": every certificate the learner holds or held."""
    certificates = selectors.certificates_for_learner(request.user)
    today = timezone.localdate()
    rows = [(c, selectors.certificate_status(c, today=today)) for c in certificates]
    return render(request, "certificates/my_certificates.html", {"rows": rows})


def _certificate_or_404(request, reference):
    certificate = selectors.certificate_for_viewer(user=request.user, reference=reference)
    if certificate is None:
        raise Http404
    return certificate


def _gate(request, certificate):
    """Someone else's certificate is personal data: HR and admins open it only after the
    second factor, like every page under /sdm/ (the holder needs nothing more)."""
    return None if certificate.user_id == request.user.pk else mfa_gate(request)


@require_GET
@never_cache
def certificate_detail(request, reference):
    certificate = _certificate_or_404(request, reference)
    if (held := _gate(request, certificate)) is not None:
        return held
    today = timezone.localdate()
    is_holder = certificate.user_id == request.user.pk
    return render(
        request,
        "certificates/certificate.html",
        {
            "certificate": certificate,
            "status": selectors.certificate_status(certificate, today=today),
            "is_holder": is_holder,
            "pdf_pending": not certificate.pdf,
            "renewable": is_holder and selectors.certificate_renewable(certificate, today=today),
            "days_left": (certificate.valid_until - today).days
            if certificate.valid_until
            else None,
            "may_revoke": certificate.revoked_at is None
            and selectors.may_revoke(request.user, certificate),
        },
    )


@require_GET
@never_cache
def certificate_pdf(request, reference):
    certificate = _certificate_or_404(request, reference)
    if (held := _gate(request, certificate)) is not None:
        return held
    if not certificate.pdf:
        messages.info(request, _("Sertifikat sedang disiapkan. Coba lagi sebentar lagi."))
        return redirect("certificates:certificate", reference=reference)
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=exporting.pdf_filename(certificate),
        content_type="application/pdf",
    )


@require_POST
def certificate_renew(request, reference):
    certificate = _certificate_or_404(request, reference)
    if certificate.user_id != request.user.pk:
        raise Http404
    try:
        certification.recertification_start(user=request.user, course=certificate.course)
    except certification.RenewalRefused as exc:
        messages.error(request, exc.message)
        return redirect("certificates:certificate", reference=reference)
    messages.success(
        request,
        _(
            "Silakan ikuti kembali kursus ini. Sertifikat baru terbit setelah Anda "
            "menyelesaikannya; sertifikat lama tetap tercatat sebagai riwayat."
        ),
    )
    return redirect(certificate.course.url)


@require_http_methods(["GET", "POST"])
@never_cache
def certificate_revoke(request, reference):
    certificate = _certificate_or_404(request, reference)
    if (held := _gate(request, certificate)) is not None:
        return held
    if not selectors.may_revoke(request.user, certificate):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certification.certificate_revoke(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Sertifikat dicabut."))
            return redirect("certificates:certificate", reference=reference)
    return render(
        request, "certificates/certificate_revoke.html", {"certificate": certificate, "form": form}
    )


@require_GET
@never_cache
def hr_certificates(request):
    """HR: the current certificates of one of their offices, searchable, with the ZIP."""
    offices = selectors.offices_for_hr(request.user)
    if not offices:
        raise Http404
    office_id = request.GET.get("office") or offices[0].pk
    office = selectors.office_for_hr(request.user, office_id) if str(office_id).isdigit() else None
    if office is None:
        raise Http404
    search = request.GET.get("q", "")[:100]
    page = Paginator(
        selectors.certificates_in_office(office, search=search).select_related("course"), 50
    ).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "certificates/hr_certificates.html",
        {
            "offices": offices,
            "office": office,
            "search": search,
            "page": page,
            "rows": [(c, selectors.certificate_status(c, today=today)) for c in page],
        },
    )


@require_GET
@never_cache
def hr_certificates_zip(request, office_id: int):
    office = selectors.office_for_hr(request.user, office_id)
    if office is None:
        raise Http404
    certificates = list(selectors.certificates_in_office(office))
    response = StreamingHttpResponse(
        exporting.zip_stream(certificates), content_type="application/zip"
    )
    name = f"sertifikat_{exporting.safe_name(office.code or str(office.pk))}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Open Badges 3.0 -------------------------------------------------------------------------


@require_GET
@never_cache
def certificate_badge(request, reference):
    """The holder's certificate as a signed Open Badges 3.0 credential (a JWT), to import
    into a wallet; `?format=json` shows the credential inside, unsigned, for reading."""
    certificate = _certificate_or_404(request, reference)
    if certificate.user_id != request.user.pk:
        raise Http404
    name = f"open-badge_{exporting.safe_name(certificate.number or str(certificate.reference))}"
    if request.GET.get("format") == "json":
        response = JsonResponse(
            credentials.credential_for(certificate), json_dumps_params={"ensure_ascii": False}
        )
        response["Content-Disposition"] = f'inline; filename="{name}.json"'
        return response
    response = HttpResponse(credentials.signed_credential(certificate), content_type=JWT)
    response["Content-Disposition"] = f'attachment; filename="{name}.jwt"'
    return response


def _public(response, *, max_age: int):
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers fetch these
    return response


@login_not_required
@require_GET
def badge_issuer(request):
    return _public(
        JsonResponse(credentials.issuer_profile(), json_dumps_params={"ensure_ascii": False}),
        max_age=3600,
    )


@login_not_required
@require_GET
def badge_key(request):
    """The seal's public key (with its certificate chain): the `kid` of every token."""
    return _public(JsonResponse(credentials.public_key()), max_age=3600)


@login_not_required
@require_GET
def badge_status(request, number: int):
    """A revocation status list, signed. Short cache: a revocation shows within a minute."""
    if number > MAX_STATUS_LIST:
        raise Http404
    return _public(
        HttpResponse(credentials.signed_status_list(number), content_type=JWT), max_age=60
    )
