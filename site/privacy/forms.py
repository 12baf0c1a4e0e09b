from django import forms
from django.utils.translation import gettext_lazy as _

from .services import REASON_MAX_LENGTH


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mis. nomor SK pemberhentian atau pensiun. Jangan menulis nama atau NIP: alasan "
            "disimpan setelah data pribadi dihapus."
        ),
    )
    confirm = forms.BooleanField(
        label=_("Saya memahami bahwa anonimisasi tidak dapat dibatalkan."), required=True
    )
