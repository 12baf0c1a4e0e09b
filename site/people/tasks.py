"""Background jobs of the people app (django-tasks; the `db_worker` process runs them)."""

from __future__ import annotations

from django_tasks import task


@task()
def process_roster_import(import_id: int) -> str:
    """Check (dry run) or apply an uploaded roster. Enqueued on commit by
    `roster_load.roster_import_create` and `roster_import_apply`; a second run of the same
    job finds the import no longer queued and stops."""
    from .roster_load import roster_import_run

    return roster_import_run(import_id).status
