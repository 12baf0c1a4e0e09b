"""Wagtail admin views: revoke a signed pact or a certificate (with a reason), through
the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import certification, services
from .forms import RevokeForm
from .models import Certificate, PactSignature

REVOKE_PERMISSION = "certificates.revoke_pactsignature"
REVOKE_CERTIFICATE_PERMISSION = "certificates.revoke_certificate"


class _RevokeView(WagtailAdminTemplateMixin, FormView):
    template_name = "certificates/admin/revoke.html"
    form_class = RevokeForm
    header_icon = "warning"
    permission = ""
    queryset = None
    inspect_url_name = ""
    done_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.object = get_object_or_404(self.queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def form_valid(self, form):
        self.revoke(form.cleaned_data["reason"])
        messages.success(self.request, self.done_message)
        return redirect(reverse(self.inspect_url_name, args=[self.object.pk]))


class SignatureRevokeView(_RevokeView):
    page_title = _("Cabut tanda tangan pakta")
    permission = REVOKE_PERMISSION
    queryset = PactSignature.objects.select_related("version")
    inspect_url_name = "pact_signatures:inspect"
    done_message = _("Tanda tangan dicabut.")

    def get_page_subtitle(self):
        return self.object.signer.get("full_name", "")

    def get_context_data(self, **kwargs):
        object_ = self.object
        return super().get_context_data(
            heading=str(object_.version), issued_at=object_.signed_at, **kwargs
        )

    def revoke(self, reason):
        services.signature_revoke(signature=self.object, by=self.request.user, reason=reason)


class CertificateRevokeView(_RevokeView):
    page_title = _("Cabut sertifikat")
    permission = REVOKE_CERTIFICATE_PERMISSION
    queryset = Certificate.objects.select_related("employee__office")
    inspect_url_name = "issued_certificates:inspect"
    done_message = _("Sertifikat dicabut.")

    def get_page_subtitle(self):
        return self.object.recipient.get("full_name", "")

    def get_context_data(self, **kwargs):
        object_ = self.object
        return super().get_context_data(
            heading=f"{object_.number} · {object_.course_title}",
            issued_at=object_.issued_at,
            **kwargs,
        )

    def revoke(self, reason):
        certification.certificate_revoke(
            certificate=self.object, by=self.request.user, reason=reason
        )
