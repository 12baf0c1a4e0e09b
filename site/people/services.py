"""Writes for people and offices. Views, the admin, the roster import and the demo seed all
go through these functions so the same validation applies everywhere."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext as _

from . import events
from .models import Employee, Office, User
from .nip import normalize_nip


@transaction.atomic
def office_create(*, name: str, code: str, kind: str, parent: Office | None = None) -> Office:
    """Add an office under `parent` (or as a new root, e.g. a Pemkot)."""
    office = Office(name=name, code=code, kind=kind)
    office.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return Office.add_root(instance=office)
    # Re-read the parent: treebeard computes child paths from its current numchild.
    return Office.objects.get(pk=parent.pk).add_child(instance=office)


@transaction.atomic
def office_upsert(*, name: str, code: str, kind: str, parent: Office | None = None) -> Office:
    """Create the office with this code, or rename it in place (idempotent seeding)."""
    office = Office.objects.filter(code=code).first()
    if office is None:
        return office_create(name=name, code=code, kind=kind, parent=parent)
    if (office.name, office.kind) != (name, kind):
        office.name, office.kind = name, kind
        office.full_clean(exclude=["path", "depth", "numchild"])
        office.save(update_fields=["name", "kind"])
    return office


class OfficeMoveRefused(ValueError):
    pass


@transaction.atomic
def office_move(office: Office, new_parent: Office) -> Office:
    """Put `office` (with everything under it) under `new_parent`. What HR officers see
    follows at once: scopes are path prefixes, read per request."""
    office = Office.objects.select_for_update().get(pk=office.pk)
    new_parent = Office.objects.get(pk=new_parent.pk)
    if new_parent.path.startswith(office.path):
        raise OfficeMoveRefused(_("Unit tidak dapat dipindah ke bawah dirinya sendiri."))
    if office.path[: -office.steplen] == new_parent.path:
        return office
    old_path = office.path
    events.office_moving.send(sender=Office, office_id=office.pk)
    office.move(new_parent, pos="last-child")
    office.refresh_from_db()
    events.office_moved.send(
        sender=Office, office_id=office.pk, old_path=old_path, new_path=office.path
    )
    return office


@transaction.atomic
def employee_upsert(
    *,
    nip: str | None,
    name: str,
    employment_type: str,
    office: Office,
    front_title: str = "",
    back_title: str = "",
    golongan: str = "",
    jabatan: str = "",
    is_active: bool = True,
    registration_number: str = "",
) -> Employee:
    """Create or update an employee keyed by NIP, or by registration number for non-ASN
    staff (who have no NIP).

    Validation is `Employee.clean`: NIP rules, NIP kind against employment type, golongan
    against employment type. Raises `ValidationError` with Indonesian messages.
    """
    employee = None
    if nip:
        employee = Employee.objects.filter(nip=normalize_nip(nip)).first()
    elif registration_number:
        employee = Employee.objects.filter(registration_number=registration_number).first()
    employee = employee or Employee()
    before = None if employee._state.adding else _employee_values(employee)
    employee.registration_number = registration_number
    employee.nip = normalize_nip(nip or "") or None
    employee.name = name
    employee.front_title = front_title
    employee.back_title = back_title
    employee.employment_type = employment_type
    employee.golongan = golongan
    employee.jabatan = jabatan
    employee.office = office
    employee.is_active = is_active
    employee.full_clean(exclude=["user"])
    if before is not None and before == _employee_values(employee):
        return employee  # nothing to write, nothing to tell
    employee.save()
    employees_changed_on_commit([employee.pk])
    return employee


def _employee_values(employee: Employee) -> tuple:
    return tuple(getattr(employee, f) for f in _EMPLOYEE_FIELDS)


_EMPLOYEE_FIELDS = (
    "registration_number",
    "nip",
    "name",
    "front_title",
    "back_title",
    "employment_type",
    "golongan",
    "jabatan",
    "office_id",
    "is_active",
)


def employees_changed_on_commit(employee_ids: list[int]) -> None:
    """Tell other apps (compliance counters) which employees were created, changed or
    deactivated, once the transaction that wrote them commits (`events.employees_changed`).
    Every writer of employees calls it: `employee_upsert`, the roster import, the admin."""
    if not employee_ids:
        return
    ids = list(employee_ids)
    transaction.on_commit(lambda: events.employees_changed.send(sender=Employee, employee_ids=ids))


@transaction.atomic
def account_provision(
    *,
    employee: Employee | None = None,
    username: str | None = None,
    email: str = "",
    password: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Give a person a sign-in account (or update it).

    ASN sign in with their NIP, so it becomes the username; others need `username`. The email
    is recorded with allauth as verified and primary because it comes from the roster or an
    administrator, not from self sign-up.
    """
    if employee is not None and employee.nip:
        username = employee.nip
    if not username:
        raise ValueError("A username is needed for people without a NIP.")
    user = employee.user if employee is not None and employee.user_id else None
    user = user or User.objects.filter(username=username).first() or User(username=username)
    user.username = username
    user.email = email.strip().lower()
    user.is_staff = is_staff or is_superuser
    user.is_superuser = is_superuser
    if employee is not None:
        user.first_name = employee.name[:150]
    if password is not None:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean(exclude=["password", "email"] if not user.email else ["password"])
    user.save()
    if employee is not None and employee.user_id != user.pk:
        employee.user = user
        employee.save(update_fields=["user"])
    if user.email:
        EmailAddress.objects.filter(user=user).exclude(email=user.email).delete()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user
