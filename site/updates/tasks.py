"""Background work for regulation updates."""

from django_tasks import task

from . import services


@task()
def apply_update_impact(impact_id: int):
    """Apply a recorded impact (queued when a revision goes live, or by "Terapkan ulang
    dampak"). Safe to run twice: see `services.apply_impact`."""
    return services.apply_impact(impact_id).as_dict()
