"""What a published regulation update asks of learners, as plain data, and the registry
of the apps that act on it.

`site` imports neither `courses` nor `certificates`: those apps register a handler here
in their `AppConfig.ready()` (courses renews enrolments, certificates asks for a new pact
signature), and `services.apply_impact` calls every handler for a recorded impact. Each
handler must be idempotent: the same impact applied twice (a re-published page, a re-run
command, a retried job) changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Impact:
    """One recorded impact (`models.UpdateImpact`) of one published revision of an update."""

    impact_id: int
    update_page_id: int
    title: str  # the update's title
    reason: str  # the editor's short explanation, shown to learners ("perlu diperbarui: …")
    material: bool  # True: recertification required; False: notify only
    course_ids: tuple[int, ...] = ()  # affected courses.CoursePage ids
    changed_step_ids: tuple[int, ...] = ()  # modules marked changed (any affected course)
    pact_ids: tuple[int, ...] = ()  # affected certificates.PactPage ids
    url: str = ""  # the update page's URL, for notifications


@dataclass
class Outcome:
    """What a handler did: who is affected (notified) and who was sent back to re-learn
    or re-sign by this call (empty on a repeated call)."""

    affected_user_ids: set[int] = field(default_factory=set)
    renewed_user_ids: set[int] = field(default_factory=set)


Handler = Callable[[Impact], Outcome]
_handlers: dict[str, Handler] = {}


def register(name: str, handler: Handler) -> None:
    """Register `handler` under `name` (re-registering a name replaces it)."""
    _handlers[name] = handler


def handlers() -> dict[str, Handler]:
    return dict(_handlers)
