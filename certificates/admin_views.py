"""Wagtail admin view: revoke a signed pact (with a reason), through the service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .models import PactSignature

REVOKE_PERMISSION = "certificates.revoke_pactsignature"


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pencabutan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di halaman verifikasi publik, mis. 'Ditandatangani oleh orang lain'."),
    )


class SignatureRevokeView(WagtailAdminTemplateMixin, FormView):
    template_name = "certificates/admin/revoke.html"
    form_class = RevokeForm
    header_icon = "warning"
    page_title = _("Cabut tanda tangan pakta")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REVOKE_PERMISSION):
            raise PermissionDenied
        self.signature = get_object_or_404(
            PactSignature.objects.select_related("version"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.signature.signer.get("full_name", "")

    def get_context_data(self, **kwargs):
        return super().get_context_data(signature=self.signature, **kwargs)

    def form_valid(self, form):
        services.signature_revoke(
            signature=self.signature, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("Tanda tangan dicabut."))
        return redirect(reverse("pact_signatures:inspect", args=[self.signature.pk]))
