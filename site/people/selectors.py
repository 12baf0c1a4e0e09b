"""Reads for people and offices."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Employee, HrAssignment, Office, RosterImport, User


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


def employees_for_users(user_ids) -> dict[int, Employee]:
    """`employee_for_user` for many accounts at once, by user id (accounts without an
    active employee record are left out). One query."""
    rows = Employee.objects.select_related("office").filter(user_id__in=user_ids, is_active=True)
    return {employee.user_id: employee for employee in rows}


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


def roster_import_is_admin(user) -> bool:
    """Whether `user` imports rosters as an administrator (any office, scope optional):
    a superuser, or staff given the `people.add_rosterimport` permission."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("people.add_rosterimport")


def roster_import_allowed(user) -> bool:
    """Administrators and HR officers (anyone with an assignment) may import rosters."""
    return roster_import_is_admin(user) or bool(hr_office_paths(user))


def roster_scopes_for_user(user) -> QuerySet[Office]:
    """Offices offered as an import's scope: for HR, their assigned offices and the units
    right under them; for administrators, the top two levels (pemda, OPDs, kecamatan).
    Deeper scopes are rare and the list stays short; `oversees` is what authorises."""
    offices = Office.objects.filter(is_active=True).order_by("path")
    if roster_import_is_admin(user):
        return offices.filter(depth__lte=2)
    query = Q(pk__in=[])
    for path in hr_office_paths(user):
        query |= Q(path__startswith=path, depth__lte=len(path) // Office.steplen + 1)
    return offices.filter(query)


def roster_imports_for_user(user) -> QuerySet[RosterImport]:
    """The import history a user sees: administrators every import, HR officers only the
    files they uploaded themselves."""
    imports = RosterImport.objects.select_related("scope", "uploaded_by").defer("content")
    if roster_import_is_admin(user):
        return imports
    if not hr_office_paths(user):
        return imports.none()
    return imports.filter(uploaded_by=user)


def roster_import_for_user(user, import_id) -> RosterImport | None:
    """One import if the user may see it (None: a 404 for anyone else's)."""
    return roster_imports_for_user(user).filter(pk=import_id).first()


# -- HR scope: every HR list, count, chart, export and detail page goes through these -----


@dataclass(frozen=True)
class Scope:
    """The office subtrees a user may see: `everything` for superusers, else the roots of
    their assigned subtrees (nested assignments collapsed into the outer one)."""

    roots: tuple[str, ...]
    everything: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.roots

    def covers(self, path: str | None) -> bool:
        if not path:
            return False
        return self.everything or any(path.startswith(root) for root in self.roots)

    def q(self, field: str = "path") -> Q:
        """A filter keeping rows whose `field` (an office path) lies in the scope."""
        if self.everything:
            return Q()
        query = Q(pk__in=[])
        for root in self.roots:
            query |= Q(**{f"{field}__startswith": root})
        return query


def hr_scope(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope(())
    if user.is_superuser:
        return Scope((), everything=True)
    roots: list[str] = []
    for path in hr_office_paths(user):  # sorted: an outer subtree comes before its inner ones
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return Scope(tuple(roots))


def scope_top_offices(scope: Scope) -> QuerySet[Office]:
    """Where a user's dashboard starts: the pemda/agencies (roots) for superusers, the
    assigned offices for HR."""
    offices = Office.objects.filter(is_active=True).order_by("name")
    if scope.everything:
        return offices.filter(depth=1)
    return offices.filter(path__in=scope.roots)


def scoped_office(scope: Scope, office_id) -> Office | None:
    """An active office inside the scope, or None (which views turn into a 404)."""
    if not str(office_id).isdigit():
        return None
    office = Office.objects.filter(pk=office_id, is_active=True).first()
    return office if office is not None and scope.covers(office.path) else None
