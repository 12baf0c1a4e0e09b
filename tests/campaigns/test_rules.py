import datetime as dt

from netra.campaigns import rules
from netra.campaigns.rules import Counts, Requirements, State, Status

REQ = Requirements(slots=(0, 1), pact_required=True)


def test_complete_needs_every_course_and_the_pact():
    assert rules.status(State(), REQ) is Status.NOT_STARTED
    assert rules.status(State(0b01, 0b01), REQ) is Status.IN_PROGRESS
    assert rules.status(State(0b11, 0b11), REQ) is Status.IN_PROGRESS  # pact missing
    assert rules.status(State(0, 0, True), REQ) is Status.IN_PROGRESS  # signing counts as a start
    assert rules.status(State(0b11, 0b11, True), REQ) is Status.COMPLETED
    assert rules.status(State(0b11, 0b11), Requirements((0, 1), False)) is Status.COMPLETED


def test_a_course_removed_from_the_campaign_no_longer_matters():
    assert rules.is_complete(State(0b101, 0b101, True), Requirements((0, 2), True))
    assert not rules.is_complete(State(0b011, 0b011, True), Requirements((0, 2), True))


def test_course_scope_counts_a_completion_as_started():
    done = rules.contribution(State(0, 0b10), REQ, scope=2)
    assert done == Counts(1, 1, 1, 0)
    assert rules.contribution(State(0b10, 0), REQ, scope=2) == Counts(1, 1, 0, 0)
    assert rules.contribution(State(0b10, 0), REQ, scope=1) == Counts(1, 0, 0, 0)


def test_summary_splits_counters_and_marks_overdue_only_after_the_deadline():
    counts = Counts(headcount=10, started=7, completed=4, pact_signed=5)
    s = rules.summarise(counts, overdue=False)
    assert (s.not_started, s.in_progress, s.completed, s.overdue) == (3, 3, 4, 0)
    assert s.percent_complete == 40.0
    assert rules.summarise(counts, overdue=True).overdue == 6
    assert rules.summarise(Counts(), overdue=True).percent_complete == 0.0


def test_days_left():
    today = dt.date(2029, 9, 20)
    assert rules.days_left(dt.date(2029, 9, 24), today) == 4
    assert rules.days_left(dt.date(2029, 9, 19), today) == -1
    assert rules.days_left(None, today) is None
