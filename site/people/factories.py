"""factory_boy factories for people and offices, shared by the tests and the demo seed.

They create records through the services so factories can never build what the product
would refuse.
"""

import datetime as dt
import secrets

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
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


# The authenticator app secret of `UserFactory(totp=True)` and `totp_activate` (base32).
TOTP_TEST_SECRET = "JBSWY3DPEHPK3PXPNETRAUJIANTOTP23"  # noqa: S105 - tests only  # nosec B105


def totp_activate(
    user, *, secret: str = TOTP_TEST_SECRET, recovery_seed: str | None = None
) -> Authenticator:
    """Give `user` an authenticator app (TOTP) with a known `secret`, plus recovery codes,
    stored as allauth's activation page stores them, so a code computed from `secret` signs
    in. Idempotent: an existing app is set to `secret`; `recovery_seed` fixes the recovery
    codes (the demo prints them), otherwise they are random as in allauth."""
    totp, _ = Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(secret)}}
    )
    if decrypt(totp.data["secret"]) != secret:
        totp.data = {"secret": encrypt(secret)}
        totp.save(update_fields=["data"])
    codes, _ = Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        defaults={
            "data": {"seed": encrypt(recovery_seed or secrets.token_hex(40)), "used_mask": 0}
        },
    )
    if recovery_seed and decrypt(codes.data["seed"]) != recovery_seed:
        codes.data = {"seed": encrypt(recovery_seed), "used_mask": 0}
        codes.save(update_fields=["data"])
    return totp


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

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """`UserFactory(totp=True)`: with an authenticator app (TOTP_TEST_SECRET), as HR
        officers and admins need; `totp="BASE32..."` picks the secret."""
        if create and extracted:
            totp_activate(obj, secret=TOTP_TEST_SECRET if extracted is True else extracted)


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
    password = "rahasia-Netra-2026"  # noqa: S105 - test/demo only  # nosec B105

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
