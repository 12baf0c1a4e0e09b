"""Wagtail admin forms for offices: new offices must be placed in the tree by the service."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .models import Office


class OfficeAdminForm(WagtailAdminModelForm):
    parent = forms.ModelChoiceField(
        queryset=Office.objects.order_by("path"),
        required=False,
        label=_("induk"),
        help_text=_("Kosongkan untuk pemerintah daerah (akar pohon). Tidak dapat diubah."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].disabled = True
            self.fields["parent"].initial = self.instance.get_parent()

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        data = self.cleaned_data
        return services.office_create(
            name=data["name"], code=data["code"], kind=data["kind"], parent=data["parent"]
        )
