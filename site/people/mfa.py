"""Two-factor sign-in (allauth TOTP) for the accounts that see other people's personal data.

The rule has two halves, both here:

- **Who must have it** (`mfa_required`): an active account that is a superuser or staff
  (the Wagtail admin lists employees, signatures and certificates), that may open the
  Wagtail admin through a group (`wagtailadmin.access_admin`), or that holds any
  `HrAssignment` (an HR officer sees their offices' staff). Learners are not asked.
- **Whether a request satisfies it** (`mfa_status`): the account has an authenticator app
  (allauth `Authenticator` of type TOTP) *and* this session's allauth authentication
  records hold an MFA step by one of the account's own authenticators: the TOTP code typed
  at sign-in (`mfa_authenticate`) or on allauth's re-authentication page
  (`mfa_reauthenticate`), or a recovery code there, which is the documented way in after a
  lost phone. A session signed in before the app was set up, or by password only, does not
  satisfy it until the code is entered once.

`netra.people.middleware.MfaRequiredMiddleware` enforces it for every path under
`settings.NETRA_MFA_REQUIRED_PREFIXES` (`/sdm/`, `/admin/`), so new HR pages there are
covered without doing anything. Pages outside those prefixes that show another person's
record to HR (a certificate or pact receipt opened by its random reference) are reached from
those lists; see docs/mfa.md for that boundary.
"""

from __future__ import annotations

import enum

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from .models import HrAssignment


class MfaStatus(enum.Enum):
    NOT_REQUIRED = "not_required"
    SATISFIED = "satisfied"
    NO_AUTHENTICATOR = "no_authenticator"  # set up an authenticator app first
    NOT_USED = "not_used"  # has the app, but this session never entered a code


def mfa_required(user) -> bool:
    """Whether `user` must have signed in with a second factor to see personal data.

    Checked cheapest first: the flags cost nothing, the HR assignment one query, the
    Wagtail admin permission (editors in a group, not flagged staff) two."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if HrAssignment.objects.filter(user=user).exists():
        return True
    return user.has_perm("wagtailadmin.access_admin")


def session_used_mfa(request, authenticator_ids: set[int]) -> bool:
    """Whether this session's allauth authentication records hold an MFA step (sign-in or
    re-authentication) by one of `authenticator_ids`. allauth keeps the records per
    session and per user, and drops them on logout."""
    return any(
        record.get("method") == "mfa" and record.get("id") in authenticator_ids
        for record in get_authentication_records(request, request.user)
    )


def mfa_status(request) -> MfaStatus:
    """Where the signed-in user of `request` stands with the rule (see the module
    docstring). Computed once per request."""
    cached = getattr(request, "_netra_mfa_status", None)
    if cached is not None:
        return cached
    user = request.user
    if not mfa_required(user):
        status = MfaStatus.NOT_REQUIRED
    else:
        authenticators = dict(
            Authenticator.objects.filter(
                user_id=user.pk,
                type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES],
            ).values_list("id", "type")
        )
        if Authenticator.Type.TOTP not in authenticators.values():
            status = MfaStatus.NO_AUTHENTICATOR
        elif session_used_mfa(request, set(authenticators)):
            status = MfaStatus.SATISFIED
        else:
            status = MfaStatus.NOT_USED
    request._netra_mfa_status = status
    return status
