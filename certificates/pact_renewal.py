"""What a published regulation update does to the signers of the pacts it affects.

`netra.updates` calls the handler registered here (`apps.py`) for every published update,
whatever the path (publish hook, admin action, management command). The rule:

- a material update asks everyone whose valid signature is on an older version than the
  pact's current one to sign again: a `PactRenewalRequest` records what was asked, why and
  by which update, and HR's campaign counters take the signature back. The editor
  publishes the new pact version before (or with) the update; while the current version
  is still the one people signed, nobody is asked (logged), since there is nothing new to
  sign;
- a minor update asks nothing; the pact's signers are only notified.

Idempotent: one request per (learner, pact, update), so the same update applied twice, a
re-run command or two workers at once ask nobody twice. Resolved by `services.pact_sign`.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from netra.campaigns import progress as campaign_progress
from netra.updates.impact import Impact, Outcome

from .models import PactPage, PactRenewalRequest, PactSignature, PactVersion

logger = logging.getLogger(__name__)

CHUNK = 1000


def apply_impact(impact: Impact) -> Outcome:
    """The pacts side of an update's impact (the handler `netra.updates` calls)."""
    outcome = Outcome()
    for pact in PactPage.objects.filter(pk__in=impact.pact_ids):
        valid = PactSignature.objects.filter(version__pact=pact, revoked_at__isnull=True)
        if not impact.material:
            outcome.affected_user_ids |= set(valid.values_list("user_id", flat=True))
            continue
        current = PactVersion.objects.filter(pact=pact).order_by("-number").first()
        if current is None:
            logger.info("update %s: pact %s has no version yet", impact.update_page_id, pact.pk)
            continue
        stale = _stale_signers(pact, current)
        outcome.affected_user_ids |= set(stale)
        if not stale:
            logger.info(
                "update %s: pact %s version %s is the one its signers signed; nobody is asked "
                "to sign again until a new version is published",
                impact.update_page_id,
                pact.pk,
                current.number,
            )
            continue
        renewed = pact_recertify(pact=pact, current=current, impact=impact, stale=stale)
        outcome.renewed_user_ids |= renewed
        logger.info(
            "update %s: %d of %d signers of pact %s asked to sign version %s",
            impact.update_page_id,
            len(renewed),
            len(stale),
            pact.pk,
            current.number,
        )
    return outcome


def _stale_signers(pact: PactPage, current: PactVersion) -> dict[int, int]:
    """user id -> the version id of their latest valid signature, for the learners whose
    valid signatures are all on versions older than `current`."""
    valid = PactSignature.objects.filter(version__pact=pact, revoked_at__isnull=True)
    signed_current = valid.filter(version=current).values("user_id")
    latest = (
        valid.exclude(user_id__in=signed_current)
        .values("user_id")
        .annotate(number=Max("version__number"))
        .values_list("user_id", "number")
    )
    numbers = dict(PactVersion.objects.filter(pact=pact).values_list("number", "pk"))
    return {user_id: numbers[number] for user_id, number in latest if number < current.number}


def pact_recertify(
    *, pact: PactPage, current: PactVersion, impact: Impact, stale: dict[int, int]
) -> set[int]:
    """Ask the `stale` signers (user id -> version signed) not yet asked by this update to
    sign `current`; one transaction per chunk. Returns the user ids asked now."""
    user_ids = sorted(stale)
    asked: set[int] = set()
    for start in range(0, len(user_ids), CHUNK):
        asked |= _recertify_chunk(pact, current, impact, stale, user_ids[start : start + CHUNK])
    return asked


@transaction.atomic
def _recertify_chunk(pact, current, impact: Impact, stale: dict, user_ids: list[int]) -> set[int]:
    # Two workers applying the same update queue here, so the second sees the first's
    # requests and asks nobody again.
    PactPage.objects.select_for_update().filter(pk=pact.pk).values_list("pk").first()
    done = set(
        PactRenewalRequest.objects.filter(
            pact=pact, update_page_id=impact.update_page_id, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )
    new = [u for u in user_ids if u not in done]
    if not new:
        return set()
    now = timezone.now()
    PactRenewalRequest.objects.bulk_create(
        [
            PactRenewalRequest(
                user_id=user_id,
                pact=pact,
                signed_version_id=stale[user_id],
                version=current,
                update_page_id=impact.update_page_id,
                impact_id=impact.impact_id,
                update_title=impact.title[:255],
                update_url=impact.url[:500],
                reason=impact.reason,
                created_at=now,
            )
            for user_id in new
        ],
        batch_size=1000,
    )
    # HR's counters: their signature no longer counts for the campaign.
    campaign_progress.pact_progress_many(user_ids=new, pact_id=pact.pk, signed=False)
    return set(new)
