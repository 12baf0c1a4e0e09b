"""Reads for people and offices."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Employee, HrAssignment, Office, User


def offices_in_subtree(office: Office) -> QuerySet[Office]:
    """The office and everything under it, in tree order: one `path LIKE 'x%'` query."""
    return Office.objects.filter(path__startswith=office.path).order_by("path")


def employees_in_subtree(office: Office, *, active_only: bool = True) -> QuerySet[Employee]:
    """Employees of the office and of every office under it."""
    qs = Employee.objects.filter(office__path__startswith=office.path)
    return qs.filter(is_active=True) if active_only else qs


def employee_for_user(user: User) -> Employee | None:
    """The learner's employee record with its office, or None for accounts without one."""
    if not user.is_authenticated:
        return None
    return Employee.objects.select_related("office").filter(user=user, is_active=True).first()


def hr_office_paths(user) -> list[str]:
    """Paths of the office subtrees an HR officer is assigned to (empty for everyone else)."""
    if not user.is_authenticated:
        return []
    return list(
        HrAssignment.objects.filter(user=user, office__is_active=True)
        .order_by("office__path")
        .values_list("office__path", flat=True)
    )


def oversees(user, *office_paths: str) -> bool:
    """Whether `user` may see records of an office: a superuser, or an HR officer one of
    whose subtrees contains any of `office_paths`."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    scopes = hr_office_paths(user)
    return any(path and path.startswith(scope) for path in office_paths for scope in scopes)
