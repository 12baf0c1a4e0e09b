"""Writes of regulation updates: recording the impact of a published revision and applying
it. Every path goes through these functions (the publish signal, the admin's "Terapkan
ulang dampak", `manage.py apply_update_impact`), so they all behave the same."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import impact as registry
from .models import ChangeKind, RegulationUpdatePage, UpdateImpact

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApplyResult:
    impact_id: int
    handlers: int
    affected: int
    renewed: int

    def as_dict(self) -> dict:
        return asdict(self)


def impact_record(*, update: RegulationUpdatePage, revision, published_by=None) -> UpdateImpact:
    """Record what the revision that just went live requires (idempotent per revision),
    and queue its application once the publish commits.

    `update` must be the page as that revision has it (Wagtail's `page_published` sends
    exactly that): the ids are copied, so later edits never rewrite history."""
    with transaction.atomic():
        record, created = UpdateImpact.objects.get_or_create(
            revision=revision,
            defaults={
                "update": update,
                "published_by": published_by,
                "published_at": update.last_published_at or timezone.now(),
                "change_kind": update.change_kind,
                "reason": update.impact_reason,
                "course_ids": update.course_ids(),
                "changed_module_ids": update.changed_module_ids(),
                "pact_ids": update.pact_ids(),
            },
        )
        if created:
            log(
                instance=update,
                action="netra.update_impact.record",
                user=published_by,
                revision=revision,
                data={"impact_id": record.pk, "change_kind": record.change_kind},
            )
            transaction.on_commit(lambda: _enqueue_apply(record.pk))
    return record


def impact_set_publisher(*, revision_id: int, user_id: int | None) -> int:
    """Name who published a revision once Wagtail's audit log knows it (it writes the log
    entry just after the publish signal). Only fills a blank: the first publisher stays."""
    if user_id is None:
        return 0
    return UpdateImpact.objects.filter(revision_id=revision_id, published_by__isnull=True).update(
        published_by_id=user_id
    )


def _enqueue_apply(impact_id: int) -> None:
    from .tasks import apply_update_impact

    apply_update_impact.enqueue(impact_id)


def impact_reapply(*, impact: UpdateImpact, user) -> None:
    """The admin's "Terapkan ulang dampak": queue the application again (safe: handlers are
    idempotent and notifications are keyed per update) and note who asked."""
    log(
        instance=impact.update,
        action="netra.update_impact.reapply",
        user=user,
        data={"impact_id": impact.pk},
    )
    transaction.on_commit(lambda: _enqueue_apply(impact.pk))


def _notification_key(impact: UpdateImpact) -> str:
    # Per update page and kind, never per revision: re-publishing a typo fix must not
    # notify again, but an update that turns from minor to material must (it now asks
    # people to re-learn).
    return f"update-{impact.update_id}-{impact.change_kind}"


def _as_impact(record: UpdateImpact) -> registry.Impact:
    update = record.update
    return registry.Impact(
        impact_id=record.pk,
        update_page_id=update.pk,
        title=update.title,
        reason=record.reason,
        material=record.change_kind == ChangeKind.MATERIAL,
        course_ids=tuple(record.course_ids),
        changed_step_ids=tuple(record.changed_module_ids),
        pact_ids=tuple(record.pact_ids),
        url=_site_path(update),
    )


def _site_path(update: RegulationUpdatePage) -> str:
    # Notifications link within the site: the page's path, never a full URL.
    parts = update.get_url_parts()
    return parts[2] if parts else ""


def apply_impact(impact_id: int) -> ApplyResult:
    """Apply one recorded impact: every registered handler (courses renews enrolments,
    certificates asks for new signatures) acts on it, then every affected learner is
    notified (in the site and by email) and HR gets one summary per office.

    Safe to run again (a retried job, the admin action, the command): handlers change
    nothing twice and the notification keys are per update page, so nobody is reset or
    notified twice. The counts and `applied_at` record the last run; `renewed_count`
    adds up the people each run actually sent back."""
    from netra.notifications.services import notify, notify_hr_summary

    record = UpdateImpact.objects.select_related("update").get(pk=impact_id)
    data = _as_impact(record)
    affected: set[int] = set()
    renewed: set[int] = set()
    handlers = registry.handlers()
    for name, handler in sorted(handlers.items()):
        outcome = handler(data)
        logger.info(
            "update impact %s: handler %s affected %d, renewed %d",
            record.pk,
            name,
            len(outcome.affected_user_ids),
            len(outcome.renewed_user_ids),
        )
        affected |= outcome.affected_user_ids
        renewed |= outcome.renewed_user_ids

    if affected:
        key = _notification_key(record)
        user_ids = sorted(affected)
        with translation.override(settings.LANGUAGE_CODE):
            if data.material:
                title = _("Perlu dipelajari ulang: %(title)s") % {"title": data.title}
                # HR's summary reads "12 pegawai di <office> terdampak: <this>".
                hr_title = _("%(title)s (wajib sertifikasi ulang)") % {"title": data.title}
            else:
                title = _("Pembaruan regulasi: %(title)s") % {"title": data.title}
                hr_title = data.title
            body = data.reason or record.update.summary
        notify(user_ids=user_ids, key=key, title=title, body=body, url=data.url)
        notify_hr_summary(key=f"{key}-hr", title=hr_title, user_ids=user_ids, url=data.url)

    UpdateImpact.objects.filter(pk=record.pk).update(
        applied_at=timezone.now(),
        affected_count=len(affected),
        renewed_count=F("renewed_count") + len(renewed),
    )
    return ApplyResult(
        impact_id=record.pk, handlers=len(handlers), affected=len(affected), renewed=len(renewed)
    )
