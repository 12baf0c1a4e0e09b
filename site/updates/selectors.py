"""Reads of regulation updates for the public pages and the feeds."""

from wagtail.models import Page

from .models import RegulationUpdatePage, UpdateImpact


def updates_published(*, index: Page | None = None):
    """Live, public updates, newest first (by the date the editor gave, then by when they
    first went live). Under `index` when given."""
    updates = RegulationUpdatePage.objects.live().public()
    if index is not None:
        updates = updates.child_of(index)
    return updates.order_by("-date", "-first_published_at", "-pk")


def update_regulations(*, update: RegulationUpdatePage) -> list:
    """The live regulations an update concerns, in the editor's order (one query)."""
    from netra.regulations.models import RegulationPage

    return list(
        RegulationPage.objects.live()
        .filter(updates__page=update)
        .order_by("updates__sort_order")
        .only("title", "url_path", "short_name", "status")
    )


def updates_latest(*, limit: int = 3) -> list[RegulationUpdatePage]:
    """The latest few updates for the home page: one query, only what a card shows."""
    return list(
        updates_published().only(
            "title", "slug", "url_path", "date", "summary", "first_published_at"
        )[:limit]
    )


def impacts_latest(*, update_ids: list[int] | None = None):
    """The impact of each update's latest published revision (what the command re-applies)."""
    impacts = UpdateImpact.objects.order_by("update_id", "-published_at", "-pk")
    if update_ids is not None:
        impacts = impacts.filter(update_id__in=update_ids)
    latest: dict[int, UpdateImpact] = {}
    for impact in impacts:
        latest.setdefault(impact.update_id, impact)
    return list(latest.values())
