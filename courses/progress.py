"""Course progress and deadline arithmetic: pure functions, no ORM."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ProgressStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return str(
            {
                ProgressStatus.NOT_STARTED: _("Belum dimulai"),
                ProgressStatus.IN_PROGRESS: _("Sedang berjalan"),
                ProgressStatus.COMPLETED: _("Selesai"),
            }[self]
        )


@dataclass(frozen=True)
class Progress:
    completed: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent, rounded down so 99.6% never shows as 100% before the end."""
        if self.total <= 0:
            return 0
        return min(100, (100 * self.completed) // self.total)

    @property
    def status(self) -> ProgressStatus:
        if self.total > 0 and self.completed >= self.total:
            return ProgressStatus.COMPLETED
        if self.completed > 0:
            return ProgressStatus.IN_PROGRESS
        return ProgressStatus.NOT_STARTED


def course_progress(*, total_modules: int, completed_modules: int) -> Progress:
    """Progress counts only modules that are live now: a module withdrawn after a learner
    finished it no longer counts, and a newly published one is still to do."""
    completed = max(0, min(completed_modules, total_modules))
    return Progress(completed=completed, total=max(0, total_modules))


@dataclass(frozen=True)
class DeadlineState:
    deadline: dt.date | None
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def deadline_state(deadline: dt.date | None, *, today: dt.date) -> DeadlineState:
    return DeadlineState(deadline, None if deadline is None else (deadline - today).days)
