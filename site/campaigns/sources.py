"""Where campaign facts come from, without this app importing the apps that record them.

The course and pact apps register a function each (in their `AppConfig.ready`); `rebuild`
asks them for what is already recorded when a campaign is set up or its requirements
change. Dependencies keep pointing one way: see ../shared/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# course ids -> (user id, course id, completed?) for every learner who started one of them
CourseFacts = Callable[[list[int]], Iterable[tuple[int, int, bool]]]
# pact page id -> user ids holding a valid signature of the pact's current version
PactFacts = Callable[[int], Iterable[int]]

# user ids -> (user id, what (a course or pact title), reason) for each open renewal
# ("perlu diperbarui") a regulation update asked of those users
RenewalFacts = Callable[[list[int]], Iterable[tuple[int, str, str]]]

_course_facts: list[CourseFacts] = []
_pact_facts: list[PactFacts] = []
_renewal_facts: list[RenewalFacts] = []


def register_course_facts(fn: CourseFacts) -> CourseFacts:
    if fn not in _course_facts:
        _course_facts.append(fn)
    return fn


def register_pact_facts(fn: PactFacts) -> PactFacts:
    if fn not in _pact_facts:
        _pact_facts.append(fn)
    return fn


def register_renewal_facts(fn: RenewalFacts) -> RenewalFacts:
    if fn not in _renewal_facts:
        _renewal_facts.append(fn)
    return fn


def course_facts(course_ids: list[int]) -> Iterable[tuple[int, int, bool]]:
    for fn in _course_facts:
        yield from fn(course_ids)


def pact_facts(pact_id: int) -> Iterable[int]:
    for fn in _pact_facts:
        yield from fn(pact_id)


def renewal_facts(user_ids: list[int]) -> Iterable[tuple[int, str, str]]:
    """Open renewals of these users, one query per registered app (none for no users)."""
    if not user_ids:
        return
    for fn in _renewal_facts:
        yield from fn(user_ids)
