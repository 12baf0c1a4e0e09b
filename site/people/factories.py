"""factory_boy factories for people and offices, shared by the tests and the demo seed.

They create records through the services so factories can never build what the product
would refuse.
"""

import datetime as dt

import factory
from factory import fuzzy

from . import services
from .models import Employee, EmploymentType, Office, OfficeKind, User
from .nip import NipKind, build_nip

FIRST_NAMES = [
    "Agus",
    "Budi",
    "Dewi",
    "Eko",
    "Fitri",
    "Hendra",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nur",
    "Putu",
    "Rina",
    "Siti",
    "Taufik",
    "Wahyu",
    "Yuliana",
    "Ahmad",
    "Ratna",
    "Bambang",
    "Citra",
    "Dian",
    "Endang",
    "Fajar",
    "Gita",
    "Hadi",
    "Ika",
    "Kadek",
    "Lukman",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Lestari",
    "Saputra",
    "Rahmawati",
    "Hidayat",
    "Kusuma",
    "Nugroho",
    "Pratama",
    "Siregar",
    "Harahap",
    "Simanjuntak",
    "Wulandari",
    "Setiawan",
    "Purnama",
    "Halim",
    "Sembiring",
    "Nasution",
    "Permana",
    "Utami",
    "Gunawan",
    "Susanti",
    "Maharani",
]


def nip_for(index: int, *, kind: NipKind = NipKind.PNS, sex: int | None = None) -> str:
    """A valid, deterministic NIP for the n-th generated person (unique by sequence)."""
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=(index * 97) % 12000)
    # Capped so no generated appointment lies in the future (the parser refuses those).
    year = min(birth.year + 22 + index % 10, 2025)
    sex = sex or (1 + index % 2)
    if kind is NipKind.PPPK:
        year = max(year, 2021)
        return build_nip(
            birth_date=birth,
            appointment_year=year,
            sex=sex,
            sequence=1 + index % 999,
            kind=kind,
            pppk_contract_digit=1,
        )
    return build_nip(
        birth_date=birth,
        appointment_year=year,
        appointment_month=1 + index % 12,
        sex=sex,
        sequence=1 + index % 999,
    )


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"Unit Kerja {n}")
    code = factory.Sequence(lambda n: f"UNIT-{n:05d}")
    kind = OfficeKind.OPD
    parent = None

    @classmethod
    def _create(cls, model_class, *, parent=None, **kwargs):
        return services.office_create(parent=parent, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.go.id")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-Netra-2026")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EmployeeFactory(factory.django.DjangoModelFactory):
    """An active PNS by default. `with_account=True` (or an `email`) also gives a login."""

    class Meta:
        model = Employee

    name = factory.LazyFunction(
        lambda: f"{fuzzy.FuzzyChoice(FIRST_NAMES).fuzz()} {fuzzy.FuzzyChoice(LAST_NAMES).fuzz()}"
    )
    employment_type = EmploymentType.PNS
    nip = factory.LazyAttributeSequence(
        lambda o, n: (
            None
            if o.employment_type == EmploymentType.NON_ASN
            else nip_for(
                n, kind=NipKind.PPPK if o.employment_type == EmploymentType.PPPK else NipKind.PNS
            )
        )
    )
    golongan = factory.LazyAttribute(
        lambda o: {EmploymentType.PNS: "III/a", EmploymentType.PPPK: "IX"}.get(
            o.employment_type, ""
        )
    )
    jabatan = "Analis Kebijakan"
    office = factory.SubFactory(OfficeFactory)

    # Not model fields: `_create` pops them to provision a login.
    with_account = False
    email = None
    password = "rahasia-Netra-2026"  # noqa: S105 - test/demo only

    @classmethod
    def _create(cls, model_class, *, with_account=False, email=None, password=None, **kwargs):
        employee = services.employee_upsert(**kwargs)
        if with_account or email:
            services.account_provision(
                employee=employee,
                username=None if employee.nip else f"nonasn-{employee.pk}",
                email=email or f"pegawai{employee.pk}@example.go.id",
                password=password,
            )
        return employee
