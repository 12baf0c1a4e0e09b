import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courses.progress import ProgressStatus, course_progress, deadline_state


class CourseProgressTests:
    @pytest.mark.parametrize(
        ("total", "done", "percent", "status"),
        [
            (4, 0, 0, ProgressStatus.NOT_STARTED),
            (4, 1, 25, ProgressStatus.IN_PROGRESS),
            (3, 2, 66, ProgressStatus.IN_PROGRESS),
            (4, 4, 100, ProgressStatus.COMPLETED),
            (0, 0, 0, ProgressStatus.NOT_STARTED),
            # A module withdrawn after it was done cannot push progress past the end.
            (3, 5, 100, ProgressStatus.COMPLETED),
        ],
    )
    def test_percent_and_status_when_counted(self, total, done, percent, status):
        progress = course_progress(total_modules=total, completed_modules=done)
        assert (progress.percent, progress.status) == (percent, status)

    @given(total=st.integers(0, 500), done=st.integers(0, 600))
    def test_percent_stays_in_bounds_when_counts_vary(self, total, done):
        p = course_progress(total_modules=total, completed_modules=done)
        assert 0 <= p.percent <= 100
        assert (p.percent == 100) == (p.status == ProgressStatus.COMPLETED)


class DeadlineStateTests:
    @pytest.mark.parametrize(
        ("deadline", "days", "overdue"),
        [
            (dt.date(2026, 11, 30), 9, False),
            (dt.date(2026, 11, 21), 0, False),
            (dt.date(2026, 11, 20), -1, True),
            (None, None, False),
        ],
    )
    def test_days_left_when_compared_to_today(self, deadline, days, overdue):
        state = deadline_state(deadline, today=dt.date(2026, 11, 21))
        assert (state.days_left, state.overdue) == (days, overdue)
