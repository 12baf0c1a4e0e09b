"""allauth adapter: closed sign-up and one generic login error."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _

GENERIC_LOGIN_ERROR = _("NIP/email atau kata sandi tidak sesuai.")


class AccountAdapter(DefaultAccountAdapter):
    # A wrong password, an unknown NIP and a malformed NIP must read the same, so nobody can
    # probe which NIPs have accounts.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": GENERIC_LOGIN_ERROR,
        "username_password_mismatch": GENERIC_LOGIN_ERROR,
    }

    def is_open_for_signup(self, request):
        # Accounts come from the roster (SIASN/SIMPEG) or an administrator.
        return False

    def get_reauthentication_methods(self, user):
        # Someone who set up an authenticator app confirms with its code first: a stronger
        # proof than the password for acts such as signing a pact. The password stays
        # available as the other choice on the same page.
        methods = super().get_reauthentication_methods(user)
        return sorted(methods, key=lambda m: m["id"] != "mfa_reauthenticate")
