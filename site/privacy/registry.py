"""Where personal data lives, and what export and erasure do with it (UU 27/2022).

Every app declares its models that hold personal data in its own `privacy.py` (found like
`wagtail_hooks.py`, by `autodiscover`); third-party models (allauth, Wagtail, sessions…) are
declared in `netra.privacy.third_party`. One declaration per model says:

- how to find one person's rows (`user_field`, `employee_field` or a `find` function);
- what the learner's download contains (`export`: key -> description, read with
  `QuerySet.values()`; `files`: their own documents) or why it is left out;
- what anonymising a departed employee does to the rows (`Erase`, `Delete`, `Keep` with the
  legal basis, or `Custom`);
- purpose, legal basis and retention, shown on "Data saya" and in the ZIP's README.

Models without personal data are declared with `exempt(label, reason=...)`.
`tests/privacy/test_registry.py` walks every installed model and fails when one that looks
personal (`personal_fields`) is neither declared nor exempt; docs/privacy.md explains how to
declare a new one. The export (`export.py`) and `services.anonymise_employee` read only this
registry, so a declaration is all a new model needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

# --- The subject ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Whose data: an account, a roster record, or both. The identifiers are taken before
    anything is erased, so every erasure step can still find what it must scrub."""

    user_id: int | None
    employee_id: int | None
    # NIP and registration number as they were (roster reports name people by these).
    keys: tuple[str, ...] = ()
    # Wagtail log entries about these objects carry the person's name in their label:
    # {ContentType id: [object ids]}, filled by the anonymisation service.
    logged_objects: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of_user(cls, user) -> Person:
        employee = getattr(user, "employee", None)
        return cls(
            user_id=user.pk,
            employee_id=employee.pk if employee is not None else None,
            keys=_keys(employee),
        )

    @classmethod
    def of_employee(cls, employee) -> Person:
        return cls(user_id=employee.user_id, employee_id=employee.pk, keys=_keys(employee))

    @property
    def placeholder(self) -> str:
        """The name an anonymised employee keeps: stored data, so not translated."""
        return f"Pegawai anonim #{self.employee_id or self.user_id}"


def _keys(employee) -> tuple[str, ...]:
    if employee is None:
        return ()
    return tuple(k for k in (employee.nip, employee.registration_number) if k)


# --- What anonymisation does ---------------------------------------------------------------


class LegalBasis(Enum):
    """Article 20(2) of UU 27/2022: the grounds for processing Netra relies on."""

    LEGAL_OBLIGATION = (
        "c",
        _(
            "Pemenuhan kewajiban hukum pengendali data (Pasal 20 ayat (2) huruf c UU 27/2022): "
            "pembinaan netralitas ASN dan penyimpanan arsip bukti sesuai jadwal retensi arsip."
        ),
    )
    PUBLIC_TASK = (
        "e",
        _(
            "Pelaksanaan tugas kepentingan umum dan kewenangan instansi berdasarkan peraturan "
            "perundang-undangan (Pasal 20 ayat (2) huruf e UU 27/2022): manajemen ASN dan "
            "sosialisasi netralitas."
        ),
    )
    LEGITIMATE_INTEREST = (
        "f",
        _(
            "Kepentingan yang sah (Pasal 20 ayat (2) huruf f UU 27/2022): keamanan akun dan "
            "sistem, serta jejak audit tindakan petugas."
        ),
    )

    def __init__(self, letter: str, text):
        self.letter = letter
        self.text = text


@dataclass(frozen=True)
class Erase:
    """Overwrite these fields on every row of the person (one UPDATE). A value may be a
    function of the person (a placeholder name). `then` runs after, for what an UPDATE
    cannot reach (many-to-many links)."""

    fields: Mapping[str, Any]
    then: Callable[[Person], Any] | None = None

    def values(self, person: Person) -> dict[str, Any]:
        return {k: v(person) if callable(v) else v for k, v in self.fields.items()}

    def run(self, entry: PersonalData, person: Person) -> int:
        count = entry.rows(person).update(**self.values(person))
        if self.then is not None:
            self.then(person)
        return count

    def describe(self, model: type[models.Model]):
        names = [str(model._meta.get_field(name).verbose_name) for name in self.fields]
        return _("dihapus atau diganti: %(fields)s") % {"fields": ", ".join(names)}


@dataclass(frozen=True)
class Delete:
    """Delete the person's rows (and what cascades from them)."""

    def run(self, entry: PersonalData, person: Person) -> int:
        _total, per_model = entry.rows(person).delete()
        return per_model.get(entry.label, 0)

    def describe(self, model: type[models.Model]):
        return _("dihapus")


@dataclass(frozen=True)
class Keep:
    """Keep the rows as they are, for the stated reason (evidence under retention, audit
    trail, rows that only point at the anonymised record)."""

    reason: Any

    def run(self, entry: PersonalData, person: Person) -> int:
        return 0

    def describe(self, model: type[models.Model]):
        return _("disimpan: %(reason)s") % {"reason": self.reason}


@dataclass(frozen=True)
class Custom:
    """Anything the three above cannot say; `func(person)` returns rows changed."""

    func: Callable[[Person], int]
    description: Any

    def run(self, entry: PersonalData, person: Person) -> int:
        return self.func(person)

    def describe(self, model: type[models.Model]):
        return self.description


Erasure = Erase | Delete | Keep | Custom


# --- Declarations --------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonalData:
    """One model's personal data. `label` is "app_label.ModelName"; `title`, `purpose`
    and `retention` are shown to learners (Bahasa Indonesia, lazily translated)."""

    model: type[models.Model] | str
    title: Any
    purpose: Any
    legal_basis: LegalBasis
    retention: Any
    erasure: Erasure
    user_field: str | None = None
    employee_field: str | None = None
    find: Callable[[Person], QuerySet] | None = None
    # Key -> description of each exported value; None leaves the model out of the ZIP.
    export: Mapping[str, Any] | None = None
    not_exported_because: Any = ""
    # The person's own documents: (file name inside the ZIP, FieldFile) pairs.
    files: Callable[[Person], Iterable[tuple[str, Any]]] | None = None
    # Wagtail's log names these rows by the person (`str()` is their name or NIP).
    logged_by_name: bool = False

    @property
    def label(self) -> str:
        if isinstance(self.model, str):
            return self.model
        return self.model._meta.label

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def on_erasure(self) -> str:
        """What anonymisation does to these rows, in words (the page, the ZIP, the admin)."""
        return str(self.erasure.describe(self.model_class))

    def rows(self, person: Person) -> QuerySet:
        manager = self.model_class._default_manager
        if self.find is not None:
            return self.find(person)
        conditions = []
        if self.user_field and person.user_id is not None:
            conditions.append(Q(**{self.user_field: person.user_id}))
        if self.employee_field and person.employee_id is not None:
            conditions.append(Q(**{self.employee_field: person.employee_id}))
        if not conditions:
            return manager.none()
        return manager.filter(reduce(or_, conditions))


@dataclass(frozen=True)
class Exemption:
    label: str
    reason: str


_entries: dict[str, PersonalData] = {}
_exempt: dict[str, Exemption] = {}
_after_anonymise: list[Callable] = []
_loaded = False


def register(entry: PersonalData) -> PersonalData:
    if entry.label in _entries or entry.label in _exempt:
        raise ValueError(f"{entry.label} is declared twice in the privacy registry")
    if entry.export is None and not entry.not_exported_because:
        raise ValueError(f"{entry.label}: say why it is not exported (not_exported_because)")
    _entries[entry.label] = entry
    return entry


def exempt(label: str, *, reason: str) -> None:
    """Declare that a model holds no personal data, and why (read by developers)."""
    if label in _entries or label in _exempt:
        raise ValueError(f"{label} is declared twice in the privacy registry")
    _exempt[label] = Exemption(label, reason)


def after_anonymise(func: Callable) -> Callable:
    """`func(anonymisation)` runs inside the anonymisation's transaction, after every
    erasure (the certificates app records it in the evidence chain this way: the site
    app does not import it)."""
    _after_anonymise.append(func)
    return func


def autodiscover() -> None:
    global _loaded
    if _loaded:
        return
    autodiscover_modules("privacy")
    from . import third_party  # noqa: F401 - registers on import

    _loaded = True


def entries() -> list[PersonalData]:
    autodiscover()
    return list(_entries.values())


def exemptions() -> list[Exemption]:
    autodiscover()
    return list(_exempt.values())


def anonymise_hooks() -> list[Callable]:
    autodiscover()
    return list(_after_anonymise)


# --- Completeness ---------------------------------------------------------------------------

# Field names that hold personal data wherever they appear. `name` is on the list on
# purpose: most models with a plain `name` are not people (offices, groups), and saying so
# once with `exempt` costs a line, while a missed name of a person costs a leak.
PERSONAL_NAMES = frozenset(
    {
        "username",
        "nip",
        "nik",
        "name",
        "nama",
        "full_name",
        "first_name",
        "last_name",
        "typed_name",
        "email",
        "phone",
        "telepon",
        "address",
        "alamat",
        "birth_date",
        "tanggal_lahir",
        "ip_address",
        "user_agent",
    }
)
_PERSONAL_PARTS = re.compile(r"(^|_)(email|phone|telepon|nip|nik)(_|$)")


def _people_models() -> tuple[type[models.Model], ...]:
    return (apps.get_model(settings.AUTH_USER_MODEL), apps.get_model("people", "Employee"))


def personal_fields(model: type[models.Model]) -> list[str]:
    """The fields of `model` itself (not those inherited from a concrete parent, which
    the parent's declaration covers) that point at a person or look like personal data."""
    people = _people_models()
    found = []
    for f in [*model._meta.local_fields, *model._meta.local_many_to_many]:
        if f.is_relation and isinstance(f.related_model, type):
            if issubclass(f.related_model, people) and not f.auto_created:
                found.append(f.name)
            continue
        if (
            f.name in PERSONAL_NAMES
            or _PERSONAL_PARTS.search(f.name)
            or isinstance(f, models.EmailField | models.GenericIPAddressField)
        ):
            found.append(f.name)
    return found


def value_fields(model: type[models.Model]) -> list[str]:
    """`personal_fields` without the links to a person: the values an `Erase` must cover."""
    relations = {f.name for f in model._meta.get_fields() if f.is_relation}
    return [name for name in personal_fields(model) if name not in relations]


def problems(candidates: Iterable[type[models.Model]] | None = None) -> list[str]:
    """What a developer must fix: models that look personal but are undeclared, erasures
    that miss a personal field, and declarations of models that do not exist."""
    autodiscover()
    if candidates is None:
        candidates = apps.get_models()
    found = []
    for model in candidates:
        meta = model._meta
        if meta.proxy or meta.auto_created:
            continue
        label = meta.label
        fields = personal_fields(model)
        if not fields or label in _exempt:
            continue
        entry = _entries.get(label)
        if entry is None:
            found.append(
                f"{label} has personal data ({', '.join(fields)}) but is not in the privacy "
                f"registry. Declare it in {meta.app_label}'s privacy.py with "
                "netra.privacy.registry.register(PersonalData(...)): how to find a person's "
                "rows, what to export and what anonymisation does (Erase, Delete, Keep with "
                "a reason, Custom); or, if it holds no personal data after all, "
                "registry.exempt(label, reason=...). See docs/privacy.md."
            )
        elif isinstance(entry.erasure, Erase):
            missing = [f for f in value_fields(model) if f not in entry.erasure.fields]
            if missing:
                found.append(
                    f"{label}: anonymisation does not erase {', '.join(missing)}. Add them to "
                    "the Erase(...) fields of its privacy.py declaration, or say why they stay "
                    "with Keep/Custom."
                )
    for label in [*_entries, *_exempt]:
        try:
            apps.get_model(label)
        except LookupError:
            found.append(f"{label} is declared in the privacy registry but is not installed.")
    return found
