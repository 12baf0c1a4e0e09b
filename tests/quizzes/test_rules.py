"""Who may start an attempt: pure rules, no database."""

import datetime as dt

import pytest

from quizzes.rules import PastAttempt, attempt_eligibility

NOW = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)


def _check(attempts, **kwargs):
    options = {
        "now": NOW,
        "max_attempts": 3,
        "cooldown_minutes": 30,
        "step_unlocked": True,
    }
    options.update(kwargs)
    return attempt_eligibility(attempts, **options)


def _failed(number, minutes_ago):
    return PastAttempt(number, NOW - dt.timedelta(minutes=minutes_ago), False)


class EligibilityTests:
    def test_first_attempt_is_allowed_when_earlier_steps_are_done(self):
        result = _check([])
        assert result.allowed and result.attempts_left == 3

    def test_refused_when_modules_before_the_quiz_are_unread(self):
        result = _check([], step_unlocked=False)
        assert not result.allowed and result.code == "locked"

    def test_refused_when_already_passed(self):
        result = _check([PastAttempt(1, NOW, True)])
        assert result.code == "passed"

    def test_refused_when_no_attempts_are_left(self):
        attempts = [_failed(n, 600) for n in (1, 2, 3)]
        result = _check(attempts)
        assert result.code == "no_attempts_left" and result.attempts_left == 0

    def test_unlimited_attempts_when_maximum_is_zero(self):
        attempts = [_failed(n, 600) for n in range(1, 50)]
        result = _check(attempts, max_attempts=0)
        assert result.allowed and result.attempts_left is None

    @pytest.mark.parametrize(("minutes_ago", "allowed"), [(5, False), (29, False), (30, True)])
    def test_cooldown_counts_from_the_last_finished_attempt(self, minutes_ago, allowed):
        result = _check([_failed(1, 600), _failed(2, minutes_ago)])
        assert result.allowed is allowed
        if not allowed:
            assert result.code == "cooldown"
            assert result.retry_at == NOW - dt.timedelta(minutes=minutes_ago - 30)

    def test_no_cooldown_when_set_to_zero(self):
        assert _check([_failed(1, 0)], cooldown_minutes=0).allowed
