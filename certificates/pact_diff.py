"""What changed between two versions of a pact, clause by clause: pure, no ORM, no HTML.

Shown on the sign page to a learner who signed an earlier version, before they sign the
new one. The result is plain data (segments of text tagged equal / insert / delete); the
template renders insertions as `<ins>` and deletions as `<del>` with autoescaping, so the
clause text is never trusted as markup.

Clauses are matched by their StreamField block id (kept when an editor edits a clause in
place), then by identical text (a clause deleted and typed again), then by similarity; the
rest are added or removed. A matched clause whose position moved relative to the others
is reported as moved (adding a clause at the top renumbers the rest, but moves nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# Below this similarity two unmatched clauses are a removal and an addition, not an edit.
SIMILAR = 0.5

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

# The other parts of the text, in reading order, with their labels.
PARTS = (
    ("title", _("Judul")),
    ("preamble", _("Pembuka")),
    ("commitment_intro", _("Pengantar butir")),
    ("closing", _("Penutup")),
    ("consent", _("Pernyataan persetujuan")),
)


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"  # moved, text unchanged (a moved and edited clause is CHANGED, moved)
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


@dataclass(frozen=True)
class ClauseChange:
    kind: Kind
    old_number: int | None  # 1-based position in the version signed
    new_number: int | None  # 1-based position in the new version
    segments: tuple[Segment, ...]
    moved: bool = False


@dataclass(frozen=True)
class PartChange:
    key: str
    label: str
    segments: tuple[Segment, ...]


@dataclass
class PactDiff:
    parts: list[PartChange] = field(default_factory=list)
    clauses: list[ClauseChange] = field(default_factory=list)  # in the new version's order
    unchanged: int = 0  # clauses identical and in place (not listed)

    @property
    def has_changes(self) -> bool:
        return bool(self.parts or self.clauses)

    @property
    def counts(self) -> dict[str, int]:
        counts = {k.value: 0 for k in Kind}
        for clause in self.clauses:
            counts[clause.kind.value] += 1
        counts[Kind.UNCHANGED.value] = self.unchanged
        return counts


def words(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level diff of two texts: runs of equal, deleted and inserted text. Whitespace
    and punctuation are tokens of their own, so "ASN," to "ASN;" changes one character."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Segment] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(out, Op.EQUAL, "".join(a[i1:i2]))
        else:
            _add(out, Op.DELETE, "".join(a[i1:i2]))
            _add(out, Op.INSERT, "".join(b[j1:j2]))
    return tuple(out)


def _add(out: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1].op == op:
        out[-1] = Segment(op, out[-1].text + text)
    else:
        out.append(Segment(op, text))


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, _TOKEN.findall(a), _TOKEN.findall(b), autojunk=False).ratio()


def _clauses(content: dict) -> list[tuple[str, str]]:
    return [(str(c.get("id") or ""), str(c.get("text", ""))) for c in content.get("clauses", [])]


def _match(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> dict[int, int]:
    """new index -> old index for the clauses that are the same clause in both versions."""
    pairs: dict[int, int] = {}
    old_by_id = {cid: i for i, (cid, _t) in enumerate(old) if cid}
    for j, (cid, _text) in enumerate(new):
        if cid and cid in old_by_id:
            pairs[j] = old_by_id[cid]
    taken = set(pairs.values())
    for j, (_cid, text) in enumerate(new):  # the same words under a new block id
        if j in pairs:
            continue
        i = next((i for i, o in enumerate(old) if i not in taken and o[1] == text), None)
        if i is not None:
            pairs[j] = i
            taken.add(i)
    candidates = sorted(
        (
            (_ratio(old[i][1], new[j][1]), -j, -i, j, i)
            for j in range(len(new))
            if j not in pairs
            for i in range(len(old))
            if i not in taken
        ),
        reverse=True,
    )
    for ratio, *_order, j, i in candidates:
        if ratio < SIMILAR:
            break
        if j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)
    return pairs


def _in_place(order: list[int]) -> set[int]:
    """The longest run of old positions kept in increasing order (these did not move);
    `order` lists old positions in the new order."""
    if not order:
        return set()
    best = [1] * len(order)
    prev = [-1] * len(order)
    for k in range(len(order)):
        for m in range(k):
            if order[m] < order[k] and best[m] + 1 > best[k]:
                best[k], prev[k] = best[m] + 1, m
    k = max(range(len(order)), key=best.__getitem__)
    kept = set()
    while k != -1:
        kept.add(order[k])
        k = prev[k]
    return kept


def pact_diff(old: dict, new: dict) -> PactDiff:
    """The changes from version content `old` to version content `new` (both in the shape
    `services.pact_content` freezes)."""
    diff = PactDiff()
    for key, label in PARTS:
        a, b = str(old.get(key, "")), str(new.get(key, ""))
        if a != b:
            diff.parts.append(PartChange(key, str(label), words(a, b)))
    old_c, new_c = _clauses(old), _clauses(new)
    pairs = _match(old_c, new_c)
    kept = _in_place([pairs[j] for j in sorted(pairs)])
    listed_old = set()
    for j, (_cid, text) in enumerate(new_c):
        i = pairs.get(j)
        if i is None:
            diff.clauses.append(ClauseChange(Kind.ADDED, None, j + 1, (Segment(Op.INSERT, text),)))
            continue
        listed_old.add(i)
        moved = i not in kept
        before = old_c[i][1]
        if before != text:
            segments = words(before, text)
            diff.clauses.append(ClauseChange(Kind.CHANGED, i + 1, j + 1, segments, moved))
        elif moved:
            diff.clauses.append(
                ClauseChange(Kind.MOVED, i + 1, j + 1, (Segment(Op.EQUAL, text),), True)
            )
        else:
            diff.unchanged += 1
    # A removed clause is listed before the first listed clause that followed it.
    for i, (_cid, text) in enumerate(old_c):
        if i in listed_old:
            continue
        removed = ClauseChange(Kind.REMOVED, i + 1, None, (Segment(Op.DELETE, text),))
        at = next(
            (k for k, c in enumerate(diff.clauses) if (c.old_number or 0) > i + 1),
            len(diff.clauses),
        )
        diff.clauses.insert(at, removed)
    return diff
