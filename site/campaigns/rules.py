"""Compliance rules as pure functions: what an employee's progress state means, and what it
adds to the counters. No ORM here; `progress.py`, `rollups.py` and the SQL recount all
follow these definitions (the recount's SQL is tested against `contribution`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

OVERALL = 0  # rollup scope of the whole campaign; scope n is the course in slot n-1


class Status(StrEnum):
    NOT_STARTED = "belum"
    IN_PROGRESS = "proses"
    COMPLETED = "selesai"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.NOT_STARTED: _("Belum mulai"),
    Status.IN_PROGRESS: _("Sedang berjalan"),
    Status.COMPLETED: _("Selesai"),
}


@dataclass(frozen=True)
class Requirements:
    """What a campaign asks for: the course slots in use and whether a pact is required."""

    slots: tuple[int, ...]
    pact_required: bool

    @property
    def full_mask(self) -> int:
        mask = 0
        for slot in self.slots:
            mask |= 1 << slot
        return mask

    @property
    def scopes(self) -> tuple[int, ...]:
        return (OVERALL, *(slot + 1 for slot in self.slots))


@dataclass(frozen=True)
class State:
    started_mask: int = 0
    completed_mask: int = 0
    pact_signed: bool = False


def is_complete(state: State, req: Requirements) -> bool:
    full = req.full_mask
    return (state.completed_mask & full) == full and (state.pact_signed or not req.pact_required)


def is_started(state: State) -> bool:
    return bool(state.started_mask or state.completed_mask or state.pact_signed)


def status(state: State, req: Requirements) -> Status:
    if is_complete(state, req):
        return Status.COMPLETED
    return Status.IN_PROGRESS if is_started(state) else Status.NOT_STARTED


def course_status(state: State, slot: int) -> Status:
    bit = 1 << slot
    if state.completed_mask & bit:
        return Status.COMPLETED
    return Status.IN_PROGRESS if state.started_mask & bit else Status.NOT_STARTED


@dataclass(frozen=True)
class Counts:
    headcount: int = 0
    started: int = 0
    completed: int = 0
    pact_signed: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.headcount + other.headcount,
            self.started + other.started,
            self.completed + other.completed,
            self.pact_signed + other.pact_signed,
        )

    def scaled(self, weight: int) -> Counts:
        return Counts(
            self.headcount * weight,
            self.started * weight,
            self.completed * weight,
            self.pact_signed * weight,
        )

    @property
    def is_zero(self) -> bool:
        return not (self.headcount or self.started or self.completed or self.pact_signed)


def contribution(state: State, req: Requirements, scope: int) -> Counts:
    """What one active employee in `state` adds to the counters of `scope`. "Started"
    counts everyone who began, finished included, so not started = headcount - started and
    in progress = started - completed."""
    pact = int(state.pact_signed)
    if scope == OVERALL:
        return Counts(1, int(is_started(state)), int(is_complete(state, req)), pact)
    bit = 1 << (scope - 1)
    done = int(bool(state.completed_mask & bit))
    return Counts(1, int(bool(state.started_mask & bit)) | done, done, pact)


@dataclass(frozen=True)
class Summary:
    """Counters as HR reads them, for one office row of the dashboard."""

    headcount: int
    not_started: int
    in_progress: int
    completed: int
    pact_signed: int
    overdue: int

    @property
    def percent_complete(self) -> float:
        return 100.0 * self.completed / self.headcount if self.headcount else 0.0


def summarise(counts: Counts, *, overdue: bool) -> Summary:
    """Overdue means not complete once the deadline has passed."""
    return Summary(
        headcount=counts.headcount,
        not_started=counts.headcount - counts.started,
        in_progress=counts.started - counts.completed,
        completed=counts.completed,
        pact_signed=counts.pact_signed,
        overdue=counts.headcount - counts.completed if overdue else 0,
    )


def days_left(deadline: dt.date | None, today: dt.date) -> int | None:
    """Days until the deadline (0 on the day itself, negative after it)."""
    return None if deadline is None else (deadline - today).days
