"""Follow the roster: the people app announces changes, campaign progress follows."""

from django.dispatch import receiver

from netra.people.events import employees_changed, office_moved, office_moving

from . import progress


@receiver(employees_changed)
def _employees_changed(sender, employee_ids, **kwargs):
    progress.employees_sync(employee_ids)


@receiver(office_moving)
def _office_moving(sender, office_id, **kwargs):
    progress.office_moving()


@receiver(office_moved)
def _office_moved(sender, office_id, old_path, new_path, **kwargs):
    progress.office_moved(office_id=office_id, old_path=old_path, new_path=new_path)
