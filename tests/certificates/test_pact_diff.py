"""The pact diff a learner reads before signing a new version: clauses added, removed,
moved and changed (word by word), other parts of the text, and markup kept as text."""

import pytest
from django.template.loader import render_to_string

from certificates.pact_diff import Kind, Op, Segment, pact_diff, words


def content(*clauses, **parts):
    base = {
        "title": "Pakta Netralitas",
        "preamble": "Yang bertanda tangan di bawah ini:",
        "commitment_intro": "Dengan ini menyatakan:",
        "closing": "Bersedia menerima sanksi.",
        "consent": "Saya setuju.",
    }
    base.update(parts)
    base["clauses"] = [
        {"id": c[0], "text": c[1]} if isinstance(c, tuple) else {"id": f"id-{c}", "text": c}
        for c in clauses
    ]
    return base


A = "Tidak memberikan dukungan kepada calon."
B = "Tidak menyukai unggahan calon di media sosial."
C = "Tidak menghadiri kampanye."


class WordTests:
    def test_equal_texts_are_one_equal_run(self):
        assert words(A, A) == (Segment(Op.EQUAL, A),)

    def test_a_changed_word_is_deleted_then_inserted(self):
        segments = words("Tidak menyukai unggahan calon.", "Tidak membagikan unggahan calon.")
        assert segments == (
            Segment(Op.EQUAL, "Tidak "),
            Segment(Op.DELETE, "menyukai"),
            Segment(Op.INSERT, "membagikan"),
            Segment(Op.EQUAL, " unggahan calon."),
        )

    def test_punctuation_is_its_own_token(self):
        segments = words("ASN, PPPK", "ASN; PPPK")
        assert Segment(Op.DELETE, ",") in segments and Segment(Op.INSERT, ";") in segments


class ClauseTests:
    def test_identical_versions_have_no_changes(self):
        diff = pact_diff(content(A, B), content(A, B))
        assert not diff.has_changes and diff.unchanged == 2

    def test_an_added_clause(self):
        diff = pact_diff(content(A, B), content(A, B, C))
        assert [(c.kind, c.old_number, c.new_number) for c in diff.clauses] == [
            (Kind.ADDED, None, 3)
        ]
        assert diff.clauses[0].segments == (Segment(Op.INSERT, C),)
        assert diff.unchanged == 2

    def test_a_clause_added_at_the_top_moves_nothing(self):
        diff = pact_diff(content(A, B), content(C, A, B))
        assert [c.kind for c in diff.clauses] == [Kind.ADDED]

    def test_a_removed_clause_is_listed_where_it_stood(self):
        diff = pact_diff(content(A, B, C), content(A, ("new", "Tidak X."), C))
        kinds = [(c.kind, c.old_number, c.new_number) for c in diff.clauses]
        assert (Kind.REMOVED, 2, None) in kinds
        removed = next(c for c in diff.clauses if c.kind == Kind.REMOVED)
        assert removed.segments == (Segment(Op.DELETE, B),)

    def test_a_reordered_clause_is_moved_and_the_rest_stay(self):
        diff = pact_diff(content(A, B, C), content(B, C, A))
        assert [(c.kind, c.old_number, c.new_number) for c in diff.clauses] == [(Kind.MOVED, 1, 3)]
        assert diff.unchanged == 2

    def test_a_changed_clause_shows_word_changes(self):
        old = content(A, ("k2", "Tidak menyukai unggahan calon."))
        new = content(A, ("k2", "Tidak menyukai atau membagikan unggahan calon."))
        (change,) = pact_diff(old, new).clauses
        assert (change.kind, change.old_number, change.new_number) == (Kind.CHANGED, 2, 2)
        inserted = [s.text.strip() for s in change.segments if s.op == Op.INSERT]
        assert inserted == ["atau membagikan"]
        assert not change.moved

    def test_a_clause_typed_again_under_a_new_id_is_matched_by_its_text(self):
        diff = pact_diff(content(("x", A), ("y", B)), content(("z", A), ("y", B)))
        assert not diff.has_changes

    def test_a_rewritten_clause_under_a_new_id_is_matched_by_similarity(self):
        old = content(("x", "Tidak memberikan dukungan kepada calon kepala daerah."))
        new = content(("z", "Tidak memberikan dukungan apa pun kepada calon kepala daerah."))
        (change,) = pact_diff(old, new).clauses
        assert change.kind == Kind.CHANGED
        assert [s.text.strip() for s in change.segments if s.op == Op.INSERT] == ["apa pun"]

    def test_an_unrelated_clause_is_a_removal_and_an_addition(self):
        diff = pact_diff(content(("x", A)), content(("z", "Melaporkan pelanggaran ke BKPSDM.")))
        assert sorted(c.kind for c in diff.clauses) == [Kind.ADDED, Kind.REMOVED]

    def test_other_parts_of_the_text_are_compared_too(self):
        diff = pact_diff(content(A), content(A, closing="Bersedia menerima sanksi berat."))
        assert [p.key for p in diff.parts] == ["closing"]
        assert Segment(Op.INSERT, " berat") in diff.parts[0].segments


def test_markup_in_clause_text_is_escaped_when_rendered():
    old = content(("k", "Tidak <b>menyukai</b> unggahan."))
    new = content(("k", "Tidak <script>alert(1)</script> unggahan."), ("n", "<img src=x>"))
    html = render_to_string("certificates/includes/pact_diff.html", {"diff": pact_diff(old, new)})
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    # Tags are split into word tokens ("<", "script", ">"), each escaped on its own.
    assert "&lt;" in html and "&gt;" in html and "script" in html
    assert "&lt;img src=x&gt;" in html
    assert "<ins>" in html and "<del>" in html


@pytest.mark.parametrize("clauses", [[], [{"text": "Tanpa id."}]])
def test_old_content_without_ids_or_clauses_is_handled(clauses):
    old = {**content(), "clauses": clauses}
    diff = pact_diff(old, content(A))
    assert Kind.ADDED in {c.kind for c in diff.clauses}
