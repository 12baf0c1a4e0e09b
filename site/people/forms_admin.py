"""Wagtail admin forms for offices: offices are placed in (and moved around) the tree by
the services, never by a plain save."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .models import Office


class OfficeAdminForm(WagtailAdminModelForm):
    parent = forms.ModelChoiceField(
        queryset=Office.objects.order_by("path"),
        required=False,
        label=_("induk"),
        help_text=_(
            "Kosongkan untuk pemerintah daerah (akar pohon). Memindahkan unit ikut memindahkan "
            "seluruh unit di bawahnya; petugas SDM langsung melihat susunan baru."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self._parent = self.instance.get_parent()
            self.fields["parent"].initial = self._parent
            self.fields["parent"].queryset = Office.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if self.instance.pk and (parent is None) != (self._parent is None):
            raise forms.ValidationError(
                _("Unit akar tidak dapat dijadikan sub-unit, dan sebaliknya.")
            )
        return parent

    @transaction.atomic
    def save(self, commit=True):
        if self.instance.pk:
            office = super().save(commit=commit)
            parent = self.cleaned_data["parent"]
            if parent is not None and parent != self._parent:
                office = services.office_move(office, parent)
            return office
        data = self.cleaned_data
        return services.office_create(
            name=data["name"], code=data["code"], kind=data["kind"], parent=data["parent"]
        )
