"""The pact signing form: the typed name and the consent tick. The password or TOTP code
is asked by allauth's re-authentication page, never by this form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignForm(forms.Form):
    typed_name = forms.CharField(
        label=_("Ketik nama lengkap Anda"),
        max_length=300,
        help_text=_("Sama dengan nama Anda di data kepegawaian; gelar boleh ditulis atau tidak."),
        error_messages={"required": _("Ketik nama lengkap Anda sebagai konfirmasi.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Centang pernyataan persetujuan untuk melanjutkan.")}
    )
    content_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = version.content["consent"]
        self.fields["content_hash"].initial = version.content_hash


class RevokeForm(forms.Form):
    """Revoking a signed pact or a certificate: the reason is shown on the public
    verification page."""

    reason = forms.CharField(
        label=_("Alasan pencabutan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di halaman verifikasi publik, mis. 'Ditandatangani oleh orang lain'."),
    )
