"""Sign-in form: accepts a NIP written with spaces, or an email."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext_lazy as _

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
