"""Certificate rules: who gets one, how long it is valid, its number and its status.
Pure functions, no ORM: the services load the facts and ask this module.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .verification import Status

# --- Who gets a certificate ----------------------------------------------------------------


class Missing(StrEnum):
    """A requirement not met yet, in the order a learner meets them."""

    DISABLED = "disabled"
    NO_EMPLOYEE = "no_employee"
    COURSE_NOT_LIVE = "course_not_live"
    MODULES = "modules"
    QUIZ = "quiz"
    PACT = "pact"


@dataclass(frozen=True)
class RequiredPact:
    title: str
    signed: bool  # a signature on its current version that is not revoked


@dataclass(frozen=True)
class Facts:
    certificates_enabled: bool
    has_employee: bool
    course_live: bool
    modules_total: int
    modules_done: int
    quizzes_total: int
    quizzes_passed: int  # quizzes passed in the current cycle, with their step completed
    pacts: tuple[RequiredPact, ...] = ()


def missing_requirements(facts: Facts) -> list[Missing]:
    """Every requirement the learner has not met; empty means a certificate is due."""
    missing = []
    if not facts.certificates_enabled:
        missing.append(Missing.DISABLED)
    if not facts.has_employee:
        missing.append(Missing.NO_EMPLOYEE)
    if not facts.course_live:
        missing.append(Missing.COURSE_NOT_LIVE)
    # A course with no live step at all cannot be "completed".
    if facts.modules_done < facts.modules_total or facts.modules_total + facts.quizzes_total == 0:
        missing.append(Missing.MODULES)
    if facts.quizzes_passed < facts.quizzes_total:
        missing.append(Missing.QUIZ)
    if any(not p.signed for p in facts.pacts):
        missing.append(Missing.PACT)
    return missing


def missing_message(missing: Missing, *, pacts: tuple[RequiredPact, ...] = ()) -> str:
    unsigned = ", ".join(p.title for p in pacts if not p.signed)
    return {
        Missing.DISABLED: _("Kursus ini tidak menerbitkan sertifikat."),
        Missing.NO_EMPLOYEE: _("Akun Anda belum terhubung dengan data kepegawaian."),
        Missing.COURSE_NOT_LIVE: _("Kursus ini sudah tidak tersedia."),
        Missing.MODULES: _("Selesaikan semua modul kursus."),
        Missing.QUIZ: _("Lulus kuis kursus."),
        Missing.PACT: _("Tanda tangani pakta integritas: %(pacts)s.") % {"pacts": unsigned},
    }[missing]


# --- How long it is valid ------------------------------------------------------------------


class Validity(StrEnum):
    # The same values as `courses.models.CertificateValidity`.
    NONE = "none"
    MONTHS = "months"
    ELECTION_PERIOD = "election_period"


@dataclass(frozen=True)
class Policy:
    validity: Validity
    months: int | None = None
    period_name: str = ""
    period_end: dt.date | None = None  # the period's voting day


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(policy: Policy, issued_on: dt.date) -> dt.date | None:
    """The last day a certificate issued on `issued_on` is valid, None for no expiry. A
    policy that cannot be applied (no months, no period) gives no expiry rather than a
    certificate that is expired the day it is issued."""
    if policy.validity == Validity.MONTHS and policy.months:
        return add_months(issued_on, policy.months)
    if policy.validity == Validity.ELECTION_PERIOD and policy.period_end:
        return policy.period_end
    return None


def validity_note(policy: Policy, until: dt.date | None) -> str:
    if until is None:
        return _("Berlaku tanpa batas waktu.")
    when = date_format(until, "j F Y")
    if policy.validity == Validity.ELECTION_PERIOD:
        return _("Berlaku sampai %(date)s (hari pemungutan suara %(period)s).") % {
            "date": when,
            "period": policy.period_name,
        }
    return _("Berlaku sampai %(date)s.") % {"date": when}


def is_expired(until: dt.date | None, *, today: dt.date) -> bool:
    return until is not None and today > until


def expiry_notice_due(until: dt.date | None, *, today: dt.date, notice_days: int) -> bool:
    """Whether the learner should be told now that the certificate ends soon."""
    return until is not None and today <= until <= today + dt.timedelta(days=notice_days)


def renewable(
    *,
    revoked: bool,
    superseded: bool,
    valid_until: dt.date | None,
    today: dt.date,
    notice_days: int,
) -> bool:
    """Whether the holder may re-take the course now to renew a certificate: it is the
    current one and it was revoked, has expired, or ends within the notice period."""
    if superseded:
        return False
    return (
        revoked
        or is_expired(valid_until, today=today)
        or expiry_notice_due(valid_until, today=today, notice_days=notice_days)
    )


def certificate_status(
    *, revoked: bool, superseded: bool, valid_until: dt.date | None, today: dt.date
) -> Status:
    """Revoked wins (a revoked certificate is never shown as valid history), then
    superseded (renewed: the newer one is the one that counts), then expired."""
    if revoked:
        return Status.REVOKED
    if superseded:
        return Status.SUPERSEDED
    if is_expired(valid_until, today=today):
        return Status.EXPIRED
    return Status.VALID


# --- Its number ----------------------------------------------------------------------------

NUMBER_PREFIX = "NTR"


def luhn_digit(digits: str) -> int:
    """The Luhn check digit of a digit string: catches any single mistyped digit and most
    swaps of neighbours, so a number read out over the phone is checked before a search."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return (10 - total % 10) % 10


def certificate_number(*, year: int, serial: int) -> str:
    """ "NTR-2026-000123-5": prefix, year of issue, serial (the record's id, unique and
    never reused), check digit. Human-readable, but not the verification secret: the QR
    code's random code is."""
    body = f"{year:04d}{serial:06d}"
    return f"{NUMBER_PREFIX}-{year:04d}-{serial:06d}-{luhn_digit(body)}"


def is_valid_number(number: str) -> bool:
    parts = (number or "").strip().upper().split("-")
    if len(parts) != 4 or parts[0] != NUMBER_PREFIX:
        return False
    _prefix, year, serial, check = parts
    if not (year.isdigit() and serial.isdigit() and check.isdigit() and len(year) == 4):
        return False
    return luhn_digit(year + serial) == int(check)
