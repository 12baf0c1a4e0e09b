"""Verification codes and what the public verification page may show: pure functions.

Codes are 160 random bits in lowercase base32 (32 characters), so they cannot be guessed
or enumerated; the page shows a masked name and never a NIP.
"""

from __future__ import annotations

import base64
import re
import secrets
from enum import StrEnum

CODE_BYTES = 20  # 160 bits; the issue asks for at least 128
CODE_RE = re.compile(r"^[a-z2-7]{32}$")


def new_code() -> str:
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().lower()


def is_well_formed(code: str) -> bool:
    return bool(CODE_RE.fullmatch(code or ""))


def mask_name(name: str) -> str:
    """ "Rina Wulandari" -> "R*** W***": each word's first letter and a fixed mask, so the
    length of the name is not given away either. Titles are not passed in."""
    words = [w for w in name.split() if w]
    return " ".join(f"{w[0]}***" for w in words) or "***"


class Status(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"  # certificates only: a pact does not expire
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


def document_status(*, revoked: bool, superseded: bool) -> Status:
    """Revocation wins over supersession: a revoked document is never shown as history."""
    if revoked:
        return Status.REVOKED
    if superseded:
        return Status.SUPERSEDED
    return Status.VALID
