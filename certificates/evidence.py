"""The evidence chain's hashing rules: pure functions, no ORM.

Each entry's hash covers its position, its kind, the previous entry's hash, its time and
a canonical JSON form of its payload. Editing any entry changes its hash; deleting or
reordering entries breaks the link to the previous hash or the sequence. Anyone can
recompute the chain from an export with these few lines, which is the point.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical(payload: dict) -> str:
    """Sorted keys, no whitespace, UTF-8 kept as is: one byte string per payload, the same
    after a round trip through PostgreSQL's jsonb or SQLite's text."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def entry_hash(
    *, sequence: int, kind: str, prev_hash: str, created_at: dt.datetime, payload: dict
) -> str:
    material = "\n".join(
        ["netra-evidence-v1", str(sequence), kind, prev_hash, timestamp(created_at)]
    )
    return hashlib.sha256(f"{material}\n{canonical(payload)}".encode()).hexdigest()


@dataclass(frozen=True)
class Row:
    id: int
    sequence: int
    kind: str
    prev_hash: str
    entry_hash: str
    created_at: dt.datetime
    payload: dict


@dataclass(frozen=True)
class Break:
    row: Row | None
    sequence: int
    reason: str

    def __str__(self) -> str:
        where = f"entry #{self.sequence}" + (f" (id {self.row.id})" if self.row else "")
        return f"{where}: {self.reason}"


def first_break(rows: Iterable[Row]) -> Break | None:
    """Walk rows in sequence order and return the first one that does not fit the chain,
    or None when the whole chain is intact."""
    expected_sequence, prev = 1, GENESIS
    for row in rows:
        if row.sequence != expected_sequence:
            return Break(
                row,
                expected_sequence,
                f"missing or reordered: expected #{expected_sequence}, found #{row.sequence}",
            )
        if row.prev_hash != prev:
            return Break(row, row.sequence, "link to the previous entry is broken")
        recomputed = entry_hash(
            sequence=row.sequence,
            kind=row.kind,
            prev_hash=row.prev_hash,
            created_at=row.created_at,
            payload=row.payload,
        )
        if recomputed != row.entry_hash:
            return Break(row, row.sequence, "content does not match its hash (edited)")
        prev, expected_sequence = row.entry_hash, expected_sequence + 1
    return None
