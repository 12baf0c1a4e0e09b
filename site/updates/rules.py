"""Who may see and re-apply recorded impacts (pure predicates on the user)."""

from .editorial import EDITORS, REVIEWERS


def _groups(user) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(user.groups.values_list("name", flat=True))


def can_view_impacts(user) -> bool:
    """Admins and both editorial groups read the impact history."""
    return (user.is_active and user.is_superuser) or bool(_groups(user) & {EDITORS, REVIEWERS})


def can_reapply_impact(user) -> bool:
    """Re-applying sends people back and notifies them, so only admins and reviewers may;
    an editor's drafts reach learners only through a reviewer."""
    return (user.is_active and user.is_superuser) or REVIEWERS in _groups(user)
