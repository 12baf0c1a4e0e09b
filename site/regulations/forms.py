"""GET forms of the library and the site search. A bad value (`?tahun=abc`) shows an error
next to its field and is ignored; the other filters still apply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RegulationStatus, RegulationType


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Kata kunci"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Kata kunci terlalu panjang (paling banyak 200 huruf).")},
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[("", _("Semua jenis")), *RegulationType.choices],
        error_messages={"invalid_choice": _("Jenis regulasi tidak dikenal.")},
    )
    tahun = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        min_value=1945,
        max_value=2100,
        error_messages={
            "invalid": _("Tahun harus berupa angka, mis. 2023."),
            "min_value": _("Tahun paling awal 1945."),
            "max_value": _("Tahun paling akhir 2100."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *RegulationStatus.choices],
        error_messages={"invalid_choice": _("Status tidak dikenal.")},
    )

    def filters(self) -> dict:
        """The valid, non-empty filters (fields with errors are left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=200,
        strip=True,
        error_messages={"max_length": _("Kata kunci terlalu panjang (paling banyak 200 huruf).")},
    )
