"""Whether a learner may start a quiz attempt now: a pure function, no ORM.

The service (`services.attempt_start`) loads the learner's past attempts and asks this
module; the quiz page asks the same module to explain why the start button is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PastAttempt:
    number: int
    finished_at: dt.datetime | None
    passed: bool | None


@dataclass(frozen=True)
class Eligibility:
    allowed: bool
    code: str
    message: str
    attempts_left: int | None
    retry_at: dt.datetime | None = None


def attempt_eligibility(
    attempts: Sequence[PastAttempt],
    *,
    now: dt.datetime,
    max_attempts: int,
    cooldown_minutes: int,
    step_unlocked: bool,
) -> Eligibility:
    """Rules, in the order a learner meets them: earlier course steps first; a passed
    quiz is done (no further attempts are needed); at most `max_attempts` attempts
    (0 = unlimited); and `cooldown_minutes` after the last finished attempt, so a learner
    re-reads the material instead of guessing again at once."""
    used = len(attempts)
    left = None if max_attempts == 0 else max(0, max_attempts - used)
    if not step_unlocked:
        return Eligibility(
            False, "locked", str(_("Selesaikan modul sebelumnya terlebih dahulu.")), left
        )
    if any(a.passed for a in attempts):
        return Eligibility(False, "passed", str(_("Anda sudah lulus kuis ini.")), left)
    if left == 0:
        return Eligibility(
            False,
            "no_attempts_left",
            str(_("Kesempatan mengerjakan kuis ini sudah habis. Hubungi petugas SDM Anda.")),
            0,
        )
    finished = [a.finished_at for a in attempts if a.finished_at is not None]
    if finished and cooldown_minutes:
        retry_at = max(finished) + dt.timedelta(minutes=cooldown_minutes)
        if now < retry_at:
            return Eligibility(
                False,
                "cooldown",
                str(_("Anda dapat mencoba lagi setelah masa jeda berakhir.")),
                left,
                retry_at,
            )
    return Eligibility(True, "ok", "", left)
