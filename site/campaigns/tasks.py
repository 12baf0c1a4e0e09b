"""Background work for campaigns: folding counters, rebuilding a campaign, reminders."""

from django_tasks import task

from . import rebuild as rebuilding
from . import reminders, rollups


@task()
def fold_rollups():
    """Fold the pending deltas; queue another fold if writers kept adding while it ran."""
    rollups.fold_scheduled_done()
    result = rollups.fold()
    while result.deltas >= 50_000:
        result = rollups.fold()
    if rollups.pending():
        # Deltas committed while this fold ran, by writers who saw it still queued.
        rollups.schedule_fold()
    return {"deltas": result.deltas, "rows": result.rows}


@task()
def rebuild_campaign(period_id: int):
    """Set a campaign up (or again, after its requirements changed) from recorded facts."""
    return rebuilding.rebuild(period_id).as_dict()


@task()
def send_reminders(period_id: int, office_ids: list[int], requested_by_id: int | None = None):
    """Remind the people not yet complete in these offices (HR's "Kirim pengingat", queued
    by `reminders.reminders_request`). Safe to run twice: the 24-hour claim makes the
    second run send nothing."""
    return reminders.reminders_send_requested(
        period_id=period_id, office_ids=office_ids, requested_by_id=requested_by_id
    ).as_dict()
