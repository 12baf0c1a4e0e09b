"""Generated learners for the benchmarks: offices under the demo city and accounts with
their employees, written in bulk (never a save per row). Shared by bench/certificate_queue.py
and bench/loadtest.py (each has this folder on sys.path)."""

from __future__ import annotations

import math
import random


def offices_create(count: int) -> list:
    """One more OPD per 1,000 learners under the demo city, each with three UPTs: the
    learners' offices (a handful, so made through the service)."""
    from netra.people import services as people_services
    from netra.people.models import Office, OfficeKind

    city = Office.objects.get(code="WRT")
    offices = []
    for number in range(1, 1 + math.ceil(count / 1000)):
        opd = people_services.office_create(
            name=f"Dinas Uji Beban {number}",
            code=f"BENCH-{number:02d}",
            kind=OfficeKind.OPD,
            parent=city,
        )
        offices += [
            people_services.office_create(
                name=f"UPT Uji Beban {number}.{unit}",
                code=f"BENCH-{number:02d}-{unit}",
                kind=OfficeKind.UPT,
                parent=opd,
            )
            for unit in range(1, 4)
        ]
    return offices


def people_create(
    count: int, rng: random.Random, *, password_hash: str | None = None, offices=None
) -> tuple[list, list]:
    """`count` accounts with their employees (PNS, every fifth PPPK), valid unique NIPs.
    Without `password_hash` the accounts cannot sign in with a password (a benchmark makes
    their sessions directly). Without `offices`, new ones are made (`offices_create`)."""
    from django.contrib.auth.hashers import make_password

    from netra.people.factories import FIRST_NAMES, LAST_NAMES, nip_for
    from netra.people.models import Employee, EmploymentType, User
    from netra.people.nip import NipKind, parse_nip

    taken = set(Employee.objects.exclude(nip=None).values_list("nip", flat=True))
    people = []
    index = 100_000  # generated indexes far from the demo's
    while len(people) < count:
        index += 1
        kind = NipKind.PPPK if index % 5 == 0 else NipKind.PNS
        nip = nip_for(index, kind=kind)
        if nip in taken:
            continue
        parse_nip(nip)  # raises if the generator ever makes an invalid one
        taken.add(nip)
        people.append((index, kind, nip))
    offices = offices or offices_create(count)
    password = password_hash or make_password(None)
    users = User.objects.bulk_create(
        [
            User(username=nip, email=f"uji.{index}@wiratama.example", password=password)
            for index, _kind, nip in people
        ],
        batch_size=2000,
    )
    employees = Employee.objects.bulk_create(
        [
            Employee(
                user=user,
                nip=nip,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                back_title=rng.choice(["", "S.Sos.", "S.E.", "S.Kom.", "S.Pd., M.Pd."]),
                employment_type=(
                    EmploymentType.PPPK if kind is NipKind.PPPK else EmploymentType.PNS
                ),
                golongan=rng.choice(["IX", "X"] if kind is NipKind.PPPK else ["III/a", "III/b"]),
                jabatan=rng.choice(["Guru Ahli Pertama", "Perawat Terampil", "Analis"]),
                office=offices[position % len(offices)],
            )
            for position, (user, (_index, kind, nip)) in enumerate(zip(users, people, strict=True))
        ],
        batch_size=2000,
    )
    return users, employees


def sessions_for(user_ids: list[int]) -> list[str]:
    """Signed-in session cookies for these learners, in the order given, made directly in
    the configured session store (as a login would), so no password hashing or login form
    sits in the measurement."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from netra.people.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore
    users = User.objects.in_bulk(user_ids)
    cookies = []
    for user_id in user_ids:
        user = users[user_id]
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    return cookies
