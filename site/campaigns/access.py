"""What every HR compliance view does first: the user's scope, the campaign, or 404."""

from django.http import Http404

from netra.people.selectors import Scope, hr_scope

from . import selectors
from .models import ElectionPeriod


def scope_or_404(request) -> Scope:
    scope = hr_scope(request.user)
    if scope.is_empty:
        raise Http404
    return scope


def period_or_404(period_id) -> ElectionPeriod:
    period = selectors.period_or_none(period_id)
    if period is None:
        raise Http404
    return period
