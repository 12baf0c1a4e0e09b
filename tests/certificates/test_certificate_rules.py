"""Certificate rules as pure functions: requirements, validity, status, numbers."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certificates import rules
from certificates.verification import Status

DONE = rules.Facts(
    certificates_enabled=True,
    has_employee=True,
    course_live=True,
    modules_total=3,
    modules_done=3,
    quizzes_total=1,
    quizzes_passed=1,
    pacts=(rules.RequiredPact("Pakta 2029", signed=True),),
)


def facts(**changes) -> rules.Facts:
    return rules.Facts(**{**DONE.__dict__, **changes})


class RequirementTests:
    def test_everything_done_means_nothing_missing(self):
        assert rules.missing_requirements(DONE) == []

    @pytest.mark.parametrize(
        ("changes", "missing"),
        [
            ({"certificates_enabled": False}, rules.Missing.DISABLED),
            ({"has_employee": False}, rules.Missing.NO_EMPLOYEE),
            ({"course_live": False}, rules.Missing.COURSE_NOT_LIVE),
            ({"modules_done": 2}, rules.Missing.MODULES),
            ({"quizzes_passed": 0}, rules.Missing.QUIZ),
            ({"pacts": (rules.RequiredPact("Pakta", signed=False),)}, rules.Missing.PACT),
        ],
    )
    def test_each_requirement_on_its_own(self, changes, missing):
        assert rules.missing_requirements(facts(**changes)) == [missing]

    def test_a_course_without_steps_is_never_complete(self):
        empty = facts(modules_total=0, modules_done=0, quizzes_total=0, quizzes_passed=0)
        assert rules.missing_requirements(empty) == [rules.Missing.MODULES]

    def test_no_pact_required_is_fine(self):
        assert rules.missing_requirements(facts(pacts=())) == []

    def test_message_names_the_unsigned_pact(self):
        pacts = (rules.RequiredPact("Pakta A", True), rules.RequiredPact("Pakta B", False))
        message = rules.missing_message(rules.Missing.PACT, pacts=pacts)
        assert "Pakta B" in message and "Pakta A" not in message


class ValidityTests:
    def test_months_clamp_to_the_end_of_a_short_month(self):
        assert rules.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
        assert rules.add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
        assert rules.add_months(dt.date(2026, 11, 21), 14) == dt.date(2028, 1, 21)

    @given(
        st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)),
        st.integers(min_value=1, max_value=120),
    )
    def test_months_always_land_later_in_the_right_month(self, day, months):
        later = rules.add_months(day, months)
        assert later > day
        assert (later.year - day.year) * 12 + later.month - day.month == months

    def test_policies(self):
        issued = dt.date(2026, 11, 21)
        assert rules.valid_until(rules.Policy(rules.Validity.NONE), issued) is None
        assert rules.valid_until(rules.Policy(rules.Validity.MONTHS, months=12), issued) == dt.date(
            2027, 11, 21
        )
        period = rules.Policy(
            rules.Validity.ELECTION_PERIOD,
            period_name="Pilkada 2029",
            period_end=dt.date(2029, 11, 27),
        )
        assert rules.valid_until(period, issued) == dt.date(2029, 11, 27)
        assert "Pilkada 2029" in rules.validity_note(period, dt.date(2029, 11, 27))

    def test_an_incomplete_policy_gives_no_expiry_rather_than_an_expired_certificate(self):
        issued = dt.date(2026, 11, 21)
        assert rules.valid_until(rules.Policy(rules.Validity.MONTHS), issued) is None
        assert rules.valid_until(rules.Policy(rules.Validity.ELECTION_PERIOD), issued) is None

    def test_expiry_is_after_the_last_valid_day(self):
        last = dt.date(2027, 1, 31)
        assert not rules.is_expired(last, today=last)
        assert rules.is_expired(last, today=last + dt.timedelta(days=1))
        assert not rules.is_expired(None, today=dt.date(2100, 1, 1))

    def test_notice_window(self):
        last = dt.date(2027, 1, 31)
        assert rules.expiry_notice_due(last, today=dt.date(2027, 1, 1), notice_days=30)
        assert not rules.expiry_notice_due(last, today=dt.date(2026, 12, 31), notice_days=30)
        assert not rules.expiry_notice_due(last, today=dt.date(2027, 2, 1), notice_days=30)
        assert not rules.expiry_notice_due(None, today=dt.date(2027, 1, 1), notice_days=30)


class StatusTests:
    today = dt.date(2027, 6, 1)

    @pytest.mark.parametrize(
        ("revoked", "superseded", "until", "status"),
        [
            (False, False, None, Status.VALID),
            (False, False, dt.date(2027, 6, 1), Status.VALID),
            (False, False, dt.date(2027, 5, 31), Status.EXPIRED),
            (False, True, dt.date(2027, 5, 31), Status.SUPERSEDED),
            (True, True, None, Status.REVOKED),
            (True, False, dt.date(2027, 5, 31), Status.REVOKED),
        ],
    )
    def test_precedence(self, revoked, superseded, until, status):
        assert (
            rules.certificate_status(
                revoked=revoked, superseded=superseded, valid_until=until, today=self.today
            )
            == status
        )


class NumberTests:
    def test_format(self):
        number = rules.certificate_number(year=2026, serial=123)
        assert number.startswith("NTR-2026-000123-")
        assert rules.is_valid_number(number)

    def test_a_mistyped_digit_is_caught(self):
        number = rules.certificate_number(year=2026, serial=123)
        typo = number.replace("000123", "000128")
        assert not rules.is_valid_number(typo)

    @pytest.mark.parametrize(
        "bad", ["", "NTR", "NTR-2026-000123", "XYZ-2026-000123-1", "NTR-20a6-000123-1"]
    )
    def test_malformed_numbers(self, bad):
        assert not rules.is_valid_number(bad)

    @given(st.integers(min_value=1, max_value=10**9))
    def test_every_serial_makes_a_valid_unique_number(self, serial):
        number = rules.certificate_number(year=2026, serial=serial)
        assert rules.is_valid_number(number)
        assert str(serial) in number.replace("-", "")


class RenewableTests:
    today = dt.date(2027, 6, 1)

    @pytest.mark.parametrize(
        ("revoked", "superseded", "until", "expected"),
        [
            (False, False, None, False),  # no expiry, valid: nothing to renew
            (False, False, dt.date(2027, 12, 1), False),  # far from expiry
            (False, False, dt.date(2027, 6, 20), True),  # within the 30-day notice
            (False, False, dt.date(2027, 5, 1), True),  # expired
            (True, False, None, True),  # revoked
            (True, True, dt.date(2027, 5, 1), False),  # already replaced
        ],
    )
    def test_cases(self, revoked, superseded, until, expected):
        assert (
            rules.renewable(
                revoked=revoked,
                superseded=superseded,
                valid_until=until,
                today=self.today,
                notice_days=30,
            )
            is expected
        )
