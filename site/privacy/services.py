"""Writes for personal data: anonymising a departed employee (UU 27/2022 erasure).

The admin action (`admin_views.py`) and `manage.py anonymise_employee` both call
`anonymise_employee`, so both check, erase and record the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from netra.people.models import Employee
from netra.people.services import employees_changed_on_commit

from . import registry
from .models import Anonymisation

LOG_ACTION = "netra.privacy.anonymise"
REASON_MAX_LENGTH = 500


class AnonymisationRefused(Exception):
    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class AnonymiseResult:
    anonymisation: Anonymisation
    created: bool


def _logged_objects(person: registry.Person) -> dict[int, tuple[str, ...]]:
    """Which of the person's rows Wagtail's log may name by their `str()`, read before
    anything is erased or deleted (an HR assignment is deleted, its log entries stay)."""
    found: dict[int, tuple[str, ...]] = {}
    for entry in registry.entries():
        if not entry.logged_by_name:
            continue
        model = entry.model_class
        ids = tuple(str(pk) for pk in entry.rows(person).values_list("pk", flat=True))
        if ids:
            found[ContentType.objects.get_for_model(model).pk] = ids
    return found


@transaction.atomic
def anonymise_employee(employee: Employee, *, by, reason: str) -> AnonymiseResult:
    """Erase a departed employee's personal data as every model declares in the privacy
    registry (`registry.entries()`), record it (an `Anonymisation`, Wagtail's log and the
    evidence chain through `registry.after_anonymise`), and keep everything that counts.

    Rules: the employee must already be inactive, i.e. have left through the roster import
    or the admin, which also took them out of the compliance headcount (anonymising is not
    a way to make someone leave). Nobody anonymises themselves. A second call for the same
    employee changes nothing and returns the first record. Signed pacts, certificates,
    their PDFs and the evidence chain are kept as they are (docs/privacy.md).
    """
    reason = (reason or "").strip()
    if not reason:
        raise AnonymisationRefused(_("Alasan anonimisasi wajib diisi."), code="no_reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise AnonymisationRefused(
            _("Alasan paling panjang %(n)d karakter.") % {"n": REASON_MAX_LENGTH},
            code="reason_too_long",
        )
    # The row lock serialises two administrators pressing the button at once.
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    existing = Anonymisation.objects.filter(employee=employee).first()
    if existing is not None:
        return AnonymiseResult(existing, created=False)
    if employee.is_active:
        raise AnonymisationRefused(
            _(
                "Pegawai ini masih aktif. Nonaktifkan dahulu (hapus centang 'aktif' pada data "
                "pegawai, atau lewat impor daftar pegawai) agar ia keluar dari hitungan "
                "kepatuhan, lalu anonimkan."
            ),
            code="active",
        )
    if by is not None and employee.user_id is not None and employee.user_id == by.pk:
        raise AnonymisationRefused(
            _("Anda tidak dapat menganonimkan data Anda sendiri."), code="self"
        )

    person = registry.Person.of_employee(employee)
    person = replace(person, logged_objects=_logged_objects(person))
    counts = {}
    for entry in registry.entries():
        changed = entry.erasure.run(entry, person)
        if changed:
            counts[entry.label] = changed
    record = Anonymisation.objects.create(
        employee=employee,
        performed_by=by,
        performed_at=timezone.now(),
        reason=reason,
        counts=counts,
    )
    for hook in registry.anonymise_hooks():
        hook(record)
    employee.refresh_from_db()
    # Wagtail's history of the employee (labelled with the placeholder name from now on).
    log(
        instance=employee, action=LOG_ACTION, user=by, data={"anonymisation": str(record.reference)}
    )
    # Other apps follow roster changes (the compliance counters); nothing they count changed.
    employees_changed_on_commit([employee.pk])
    return AnonymiseResult(record, created=True)
