"""Pure rules of the regulation library (no ORM): what status a regulation shows.

The editor sets a status on each regulation, and a later regulation records that it
amends or revokes an earlier one. Both can disagree (the editor of the old page has not
caught up yet); the library then shows the stricter of the two, so a learner never reads a
revoked rule as in force, and names the regulation that changed it.
"""

from collections.abc import Iterable

BERLAKU = "berlaku"
DIUBAH = "diubah"
DICABUT = "dicabut"

AMENDS = "mengubah"
REVOKES = "mencabut"

_SEVERITY = {BERLAKU: 0, DIUBAH: 1, DICABUT: 2}
_STATUS_OF_RELATION = {AMENDS: DIUBAH, REVOKES: DICABUT}


def effective_status(stored: str, incoming: Iterable[str]) -> str:
    """The stricter of the editor's `stored` status and the statuses implied by the kinds
    of live relations pointing at the regulation (`mengubah` implies diubah, `mencabut`
    implies dicabut)."""
    statuses = [stored, *(_STATUS_OF_RELATION[kind] for kind in incoming)]
    return max(statuses, key=_SEVERITY.__getitem__)
