"""Writes for certificates' records. So far: appending to the evidence chain."""

from __future__ import annotations

import json

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from . import evidence
from .models import EvidenceEntry

# Any constant: one PostgreSQL advisory lock guards the chain's tail.
_CHAIN_LOCK = 7_362_518_204


def evidence_append(*, kind: str, payload: dict) -> EvidenceEntry:
    """Append one entry to the evidence chain, linked to the current tail.

    Appends are serialised with a transaction-scoped advisory lock on PostgreSQL, so two
    signatures at the same instant never both link to the same tail (a fork). Elsewhere
    the unique sequence number refuses a fork and the append is retried.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
                tail = (
                    EvidenceEntry.objects.order_by("-sequence")
                    .only("sequence", "entry_hash")
                    .first()
                )
                sequence = tail.sequence + 1 if tail else 1
                prev_hash = tail.entry_hash if tail else evidence.GENESIS
                # Microseconds only: the hash must match what the database gives back.
                created_at = timezone.now()
                payload = _json_roundtrip(payload)
                return EvidenceEntry.objects.create(
                    sequence=sequence,
                    kind=kind,
                    payload=payload,
                    prev_hash=prev_hash,
                    entry_hash=evidence.entry_hash(
                        sequence=sequence,
                        kind=kind,
                        prev_hash=prev_hash,
                        created_at=created_at,
                        payload=payload,
                    ),
                    created_at=created_at,
                )
        except IntegrityError:
            continue
    raise RuntimeError("evidence chain busy: could not append after 5 tries")


def _json_roundtrip(payload: dict) -> dict:
    """The payload as it will read back from the database (tuples become lists...)."""
    return json.loads(evidence.canonical(payload))
