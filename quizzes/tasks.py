"""Background jobs of quizzes (django-tasks; the `db_worker` process runs them)."""

from django_tasks import task

from . import tallies


@task()
def fold_tallies() -> str:
    """Add finished attempts to the per-question statistics (`tallies.fold`). Queued after
    the commit of a finish; safe to run twice or at once (each attempt counts once)."""
    return f"{tallies.fold()} attempts folded"
