"""Pure pact rules: names, eligibility, verification codes and statuses."""

import pytest

from certificates import pacts, verification
from certificates.pacts import Blocker


class NameTests:
    @pytest.mark.parametrize(
        "typed",
        [
            "Rina Wulandari",
            "rina wulandari",
            "  RINA   WULANDARI ",
            "Rina Wulandari, S.Sos.",
            "Rina Wulandari S Sos",
        ],
    )
    def test_case_spacing_titles_and_punctuation_do_not_matter(self, typed):
        assert pacts.typed_name_matches(
            typed, name="Rina Wulandari", full_name="Rina Wulandari, S.Sos."
        )

    @pytest.mark.parametrize(
        "typed", ["", "Rina", "Rina Wulandar", "Rina Wulandari Putri", "Agus Setiawan", "Rína W."]
    )
    def test_a_different_or_partial_name_does_not_match(self, typed):
        assert not pacts.typed_name_matches(
            typed, name="Rina Wulandari", full_name="Rina Wulandari, S.Sos."
        )

    def test_accents_and_non_latin_names(self):
        assert pacts.typed_name_matches("Nunez", name="Núñez", full_name="Núñez")
        assert pacts.typed_name_matches("王小明", name="王小明", full_name="王小明")
        assert not pacts.typed_name_matches("王小", name="王小明", full_name="王小明")


def _eligibility(**overrides):
    facts = {
        "has_employee": True,
        "in_audience": True,
        "has_version": True,
        "course_title": "Netralitas",
        "course_completed": True,
        "already_signed": False,
    }
    return pacts.signing_eligibility(**{**facts, **overrides})


class EligibilityTests:
    def test_everything_in_order(self):
        assert _eligibility().allowed

    @pytest.mark.parametrize(
        ("overrides", "blocker"),
        [
            ({"has_employee": False}, Blocker.NO_EMPLOYEE),
            ({"in_audience": False}, Blocker.NOT_IN_AUDIENCE),
            ({"has_version": False}, Blocker.NO_VERSION),
            ({"course_completed": False}, Blocker.COURSE_INCOMPLETE),
            ({"already_signed": True}, Blocker.ALREADY_SIGNED),
        ],
    )
    def test_each_blocker(self, overrides, blocker):
        result = _eligibility(**overrides)
        assert not result.allowed and result.blocker == blocker and result.message

    def test_no_required_course_means_no_course_blocker(self):
        assert _eligibility(course_title=None, course_completed=False).allowed

    def test_the_course_message_names_the_course(self):
        assert "Netralitas" in _eligibility(course_completed=False).message


class VerificationTests:
    def test_codes_are_160_random_bits_and_well_formed(self):
        codes = {verification.new_code() for _ in range(2000)}
        assert len(codes) == 2000
        assert all(verification.is_well_formed(c) and len(c) == 32 for c in codes)

    @pytest.mark.parametrize(
        "code", ["", "abc", "A" * 32, "0" * 32, "a" * 31, "a" * 33, "a" * 31 + "!", "../" * 11]
    )
    def test_malformed_codes(self, code):
        assert not verification.is_well_formed(code)

    def test_mask_keeps_initials_and_hides_length(self):
        assert verification.mask_name("Rina Wulandari") == "R*** W***"
        assert verification.mask_name("Bambang Sutrisno Wiryo") == "B*** S*** W***"
        assert verification.mask_name("") == "***"

    def test_revoked_wins_over_superseded(self):
        assert verification.document_status(revoked=True, superseded=True) == "revoked"
        assert verification.document_status(revoked=False, superseded=True) == "superseded"
        assert verification.document_status(revoked=False, superseded=False) == "valid"

    def test_content_hash_is_stable_and_sensitive(self):
        content = {"title": "Pakta", "clauses": [{"id": "a", "text": "Satu"}]}
        same = {"clauses": [{"text": "Satu", "id": "a"}], "title": "Pakta"}
        changed = {"title": "Pakta", "clauses": [{"id": "a", "text": "Satu."}]}
        assert pacts.content_hash(content) == pacts.content_hash(same)
        assert pacts.content_hash(content) != pacts.content_hash(changed)
