"""Pact rules: pure functions, no ORM.

What a pact version contains and how it is hashed, how a typed name is compared with the
roster name, and who may sign. `services.py` applies these; tests exercise them directly.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from .evidence import canonical

CONTENT_FIELDS = ("title", "preamble", "commitment_intro", "clauses", "closing", "consent")


def content_hash(content: dict) -> str:
    """SHA-256 of the canonical JSON of a version's content: the hash of the text shown."""
    return hashlib.sha256(canonical(content).encode()).hexdigest()


def sha256_of(data: dict) -> str:
    return hashlib.sha256(canonical(data).encode()).hexdigest()


_PUNCTUATION = re.compile(r"[\s.,'\u2019`\-]+")


def normalise_name(name: str) -> str:
    """Case, accents, spacing and punctuation ignored: "rina  wulandari" and "Rina
    Wulandari" are the same name; letters are not (no fuzzy matching of a signature)."""
    folded = unicodedata.normalize("NFKC", name).casefold().strip()
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _PUNCTUATION.sub(" ", bare).strip()


def typed_name_matches(typed: str, *, name: str, full_name: str) -> bool:
    """The learner may type their name with or without their academic titles."""
    typed_n = normalise_name(typed)
    return bool(typed_n) and typed_n in {normalise_name(name), normalise_name(full_name)}


class Blocker(StrEnum):
    NO_EMPLOYEE = "no_employee"
    NOT_IN_AUDIENCE = "not_in_audience"
    NO_VERSION = "no_version"
    COURSE_INCOMPLETE = "course_incomplete"
    ALREADY_SIGNED = "already_signed"


@dataclass(frozen=True)
class Eligibility:
    blocker: Blocker | None
    message: str = ""

    @property
    def allowed(self) -> bool:
        return self.blocker is None


def signing_eligibility(
    *,
    has_employee: bool,
    in_audience: bool,
    has_version: bool,
    course_title: str | None,
    course_completed: bool,
    already_signed: bool,
) -> Eligibility:
    """Whether a learner may sign the current version now, and if not, why (the first
    reason in the order a learner can act on them)."""
    if not has_employee:
        return Eligibility(
            Blocker.NO_EMPLOYEE,
            _("Akun Anda belum terhubung dengan data kepegawaian. Hubungi petugas SDM."),
        )
    if not in_audience:
        return Eligibility(Blocker.NOT_IN_AUDIENCE, _("Pakta ini tidak ditujukan untuk Anda."))
    if not has_version:
        return Eligibility(Blocker.NO_VERSION, _("Pakta ini belum diterbitkan."))
    if already_signed:
        return Eligibility(Blocker.ALREADY_SIGNED, _("Anda sudah menandatangani versi pakta ini."))
    if course_title is not None and not course_completed:
        return Eligibility(
            Blocker.COURSE_INCOMPLETE,
            _("Selesaikan kursus “%(course)s” (termasuk lulus kuisnya) sebelum menandatangani.")
            % {"course": course_title},
        )
    return Eligibility(None)
