"""Sign-in form (accepts a NIP written with spaces, or an email) and the roster import's
upload and apply forms."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.utils.translation import gettext_lazy as _

from . import roster, selectors
from .adapters import GENERIC_LOGIN_ERROR
from .nip import normalize_nip


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("NIP atau email")
        login.widget.attrs.update(
            {"placeholder": _("contoh: 19860926 201505 1 001"), "autocomplete": "username"}
        )

    def clean_login(self) -> str:
        login = super().clean_login()
        compact = normalize_nip(login)
        # `19860926 201505 1 001` is how NIPs are printed; the account stores the digits.
        return compact if compact.isdigit() else login

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "user", None) is not None and not self.user.is_active:
            # allauth would show a deactivated account its own page once the password
            # matches, telling whoever holds an old password that it is right: a departed
            # employee reads the same as a wrong password.
            self.user = None
            raise forms.ValidationError(GENERIC_LOGIN_ERROR)
        return cleaned_data


class RosterUploadForm(forms.Form):
    """Uploading a roster (SIASN/SIMPEG export) for a dry run. The file is read whole here
    (at most 20 MB) so its content, not its name, decides whether it is a roster."""

    file = forms.FileField(
        label=_("Berkas daftar pegawai (.csv atau .xlsx)"),
        help_text=_(
            "Ekspor SIASN/SIMPEG: CSV (koma atau titik koma, UTF-8) atau XLSX, maksimal 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    scope = forms.ModelChoiceField(
        queryset=None,
        label=_("Cakupan"),
        help_text=_(
            "Pegawai aktif di unit ini dan di bawahnya yang tidak ada di berkas akan "
            "dinonaktifkan (tidak dihapus)."
        ),
    )
    allow_errors = forms.BooleanField(
        required=False,
        label=_("Impor baris yang benar meskipun ada baris yang ditolak"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = self.fields["scope"]
        scope.queryset = selectors.roster_scopes_for_user(user)
        if selectors.roster_import_is_admin(user):
            scope.required = False
            scope.empty_label = _("Tanpa cakupan (tidak ada yang dinonaktifkan)")
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > roster.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (maksimal %(mb)s MB).")
                % {"mb": roster.MAX_UPLOAD_BYTES // 2**20}
            )
        self.content = upload.read()
        try:
            roster.sniff_format(self.content, upload.name)
        except roster.RosterFileError as exc:
            raise forms.ValidationError(exc.message) from None
        return upload


class RosterApplyForm(forms.Form):
    """Applying a checked roster: the two choices that may unblock it."""

    allow_errors = forms.BooleanField(
        required=False,
        label=_("Impor baris yang benar meskipun ada baris yang ditolak"),
    )
    confirm_deactivation = forms.BooleanField(
        required=False,
        label=_("Saya yakin: nonaktifkan pegawai yang tidak ada di berkas"),
    )
