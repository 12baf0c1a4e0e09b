"""Demo seed for people and offices: a fictional city government, Pemerintah Kota Wiratama.

Idempotent: offices are keyed by code, employees by NIP (non-ASN by name and office), and
accounts by username, so running `seed_demo` twice changes nothing.
"""

import datetime as dt
import random

from django.contrib.auth.models import Group

from . import services
from .factories import FIRST_NAMES as FIRST
from .factories import LAST_NAMES as LAST
from .factories import totp_activate
from .models import Employee, EmploymentType, Golongan, HrAssignment, OfficeKind
from .nip import NipKind, build_nip

DEMO_PASSWORD = "Demo-Netra-2026"  # noqa: S105 - published in the README, demo data only  # nosec B105
# The demo HR officer and admin must sign in with an authenticator app (netra.people.mfa).
# Both share this published secret (base32) and these recovery codes, so anyone trying the
# demo can add the secret to an app and get in. Demo data only: real accounts set up their
# own app on /akun/2fa/, with a secret nobody else knows.
DEMO_TOTP_SECRET = "NETRADEMOWIRATAMAKOTASDMADMIN234"  # noqa: S105 - published in the README  # nosec B105
DEMO_RECOVERY_SEED = "netra-demo-recovery-codes"
HR_GROUP = "Petugas SDM"

CITY = ("Pemerintah Kota Wiratama", "WRT")
OPDS = [
    ("Sekretariat Daerah", []),
    ("Inspektorat Daerah", []),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", []),
    ("Badan Perencanaan Pembangunan Daerah", []),
    ("Dinas Pendidikan", ["UPT SD Negeri 01 Wiratama", "UPT SMP Negeri 03 Wiratama"]),
    ("Dinas Kesehatan", ["UPT Puskesmas Wiratama Utara", "UPT Puskesmas Pesisir"]),
    ("Dinas Kependudukan dan Pencatatan Sipil", []),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", []),
    ("Satuan Polisi Pamong Praja", []),
]
KECAMATAN = [
    ("Wiratama Utara", ["Sukamaju", "Mekarsari", "Tanjungsari"]),
    ("Wiratama Selatan", ["Karanganyar", "Sidomulyo", "Bojongsari"]),
    ("Wiratama Timur", ["Cempaka", "Margahayu", "Pasirjati"]),
    ("Wiratama Barat", ["Sindangrasa", "Tegalrejo", "Kebonjati"]),
    ("Pesisir", ["Tanjungmas", "Bandarharjo", "Pelabuhan"]),
]

BACK_TITLES = [
    "",
    "",
    "S.Sos.",
    "S.E.",
    "S.Kom.",
    "S.H.",
    "S.Pd.",
    "A.Md.",
    "S.I.P., M.Si.",
    "S.T., M.T.",
    "S.Kep., Ns.",
    "S.E., M.M.",
    "S.Ap.",
]
JABATAN = {
    OfficeKind.OPD: [
        "Analis Kebijakan",
        "Pengelola Keuangan",
        "Pranata Komputer",
        "Pengadministrasi Perkantoran",
        "Kepala Sub Bagian Umum",
        "Arsiparis",
    ],
    OfficeKind.KECAMATAN: [
        "Sekretaris Kecamatan",
        "Kepala Seksi Pemerintahan",
        "Pengadministrasi Umum",
        "Kepala Seksi Ketenteraman dan Ketertiban",
    ],
    OfficeKind.KELURAHAN: [
        "Sekretaris Kelurahan",
        "Kepala Seksi Pemberdayaan Masyarakat",
        "Pengadministrasi Umum",
        "Kepala Seksi Pelayanan",
    ],
    OfficeKind.UPT: [
        "Guru Ahli Pertama",
        "Perawat Terampil",
        "Bidan Terampil",
        "Pengelola Layanan Kesehatan",
        "Guru Ahli Muda",
    ],
}
NON_ASN_JABATAN = ["Pengemudi", "Petugas Kebersihan", "Operator Komputer", "Petugas Keamanan"]
PNS_GRADES = ["II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a"]
PPPK_GRADES = ["V", "VII", "IX", "X"]

# The demo accounts listed in the README.
LEARNER = {
    "nip": "199005122015032001",
    "name": "Rina Wulandari",
    "back_title": "S.Sos.",
    "email": "rina.wulandari@wiratama.example",
    "golongan": "III/b",
    "jabatan": "Analis Kebijakan",
    "office": "WRT-05",
}
HR_OFFICER = {
    "nip": "198008172006041002",
    "name": "Agus Setiawan",
    "back_title": "S.E., M.M.",
    "email": "agus.setiawan@wiratama.example",
    "golongan": "IV/a",
    "jabatan": "Kepala Bidang Pengembangan Kompetensi",
    "office": "WRT-03",
}
NON_ASN_LEARNER = {
    "username": "ptt-yusuf",
    "registration_number": "PTT-WRT-10-DEMO",
    "name": "Yusuf Maulana",
    "email": "yusuf.maulana@wiratama.example",
    "jabatan": "Pengemudi",
    "office": "WRT-10",
}
ADMIN = {"username": "admin", "email": "admin@wiratama.example"}


def _offices():
    city = services.office_upsert(name=CITY[0], code=CITY[1], kind=OfficeKind.PEMDA)
    offices = []
    for i, (name, units) in enumerate(OPDS, start=1):
        opd = services.office_upsert(
            name=name, code=f"WRT-{i:02d}", kind=OfficeKind.OPD, parent=city
        )
        offices.append(opd)
        for j, unit in enumerate(units, start=1):
            offices.append(
                services.office_upsert(
                    name=unit, code=f"WRT-{i:02d}-{j:02d}", kind=OfficeKind.UPT, parent=opd
                )
            )
    for i, (name, kelurahan) in enumerate(KECAMATAN, start=len(OPDS) + 1):
        kec = services.office_upsert(
            name=f"Kecamatan {name}", code=f"WRT-{i:02d}", kind=OfficeKind.KECAMATAN, parent=city
        )
        offices.append(kec)
        for j, kel in enumerate(kelurahan, start=1):
            offices.append(
                services.office_upsert(
                    name=f"Kelurahan {kel}",
                    code=f"WRT-{i:02d}-{j:02d}",
                    kind=OfficeKind.KELURAHAN,
                    parent=kec,
                )
            )
    return city, offices


def _random_nip(rng: random.Random, kind: NipKind, used: set[str]) -> str:
    while True:
        birth = dt.date(rng.randint(1966, 1999), rng.randint(1, 12), rng.randint(1, 28))
        year = min(birth.year + rng.randint(20, 30), 2025)
        if kind is NipKind.PPPK:
            nip = build_nip(
                birth_date=birth,
                appointment_year=max(year, 2021),
                sex=rng.randint(1, 2),
                sequence=rng.randint(1, 20),
                kind=kind,
                pppk_contract_digit=1,
            )
        else:
            nip = build_nip(
                birth_date=birth,
                appointment_year=year,
                appointment_month=rng.randint(1, 12),
                sex=rng.randint(1, 2),
                sequence=rng.randint(1, 20),
            )
        if nip not in used:
            used.add(nip)
            return nip


def _employees(offices, rng: random.Random, count: int = 300):
    used: set[str] = set()  # generated afresh each run, so reruns update the same rows
    for n in range(count):
        office = offices[n % len(offices)]
        roll = rng.random()
        kind = (
            EmploymentType.PNS
            if roll < 0.72
            else EmploymentType.PPPK
            if roll < 0.9
            else EmploymentType.NON_ASN
        )
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        front = rng.choice(["", "", "", "", "", "Dr.", "Ir.", "drg."])
        back = rng.choice(BACK_TITLES)
        if kind == EmploymentType.NON_ASN:
            services.employee_upsert(
                nip=None,
                registration_number=f"PTT-{office.code}-{n:03d}",
                name=name,
                employment_type=kind,
                office=office,
                jabatan=rng.choice(NON_ASN_JABATAN),
            )
            continue
        nip = _random_nip(rng, NipKind.PPPK if kind == EmploymentType.PPPK else NipKind.PNS, used)
        services.employee_upsert(
            nip=nip,
            name=name,
            employment_type=kind,
            office=office,
            front_title=front,
            back_title=back,
            golongan=rng.choice(PNS_GRADES if kind == EmploymentType.PNS else PPPK_GRADES),
            jabatan=rng.choice(JABATAN.get(office.kind, JABATAN[OfficeKind.OPD])),
        )


def _accounts(by_code, stdout):
    hr_group, _ = Group.objects.get_or_create(name=HR_GROUP)
    for person, group in ((LEARNER, None), (HR_OFFICER, hr_group)):
        employee = services.employee_upsert(
            nip=person["nip"],
            name=person["name"],
            back_title=person["back_title"],
            employment_type=EmploymentType.PNS,
            golongan=Golongan(person["golongan"]),
            jabatan=person["jabatan"],
            office=by_code[person["office"]],
        )
        user = services.account_provision(
            employee=employee, email=person["email"], password=DEMO_PASSWORD
        )
        if group:
            user.groups.add(group)
            # BKPSDM's HR officer oversees the whole city.
            HrAssignment.objects.get_or_create(user=user, office=by_code[CITY[1]])
            totp_activate(user, secret=DEMO_TOTP_SECRET, recovery_seed=DEMO_RECOVERY_SEED)
    ptt = NON_ASN_LEARNER
    employee = services.employee_upsert(
        nip=None,
        registration_number=ptt["registration_number"],
        name=ptt["name"],
        employment_type=EmploymentType.NON_ASN,
        jabatan=ptt["jabatan"],
        office=by_code[ptt["office"]],
    )
    services.account_provision(
        employee=employee, username=ptt["username"], email=ptt["email"], password=DEMO_PASSWORD
    )
    admin = services.account_provision(
        username=ADMIN["username"], email=ADMIN["email"], password=DEMO_PASSWORD, is_superuser=True
    )
    totp_activate(admin, secret=DEMO_TOTP_SECRET, recovery_seed=DEMO_RECOVERY_SEED)
    stdout.write("  demo accounts: admin, HR officer, PNS learner, non-ASN learner")


def seed(*, stdout):
    rng = random.Random(2026)  # the same people every run  # nosec B311  # demo data
    city, offices = _offices()
    by_code = {o.code: o for o in [city, *offices]}
    _employees(offices, rng)
    _accounts(by_code, stdout)
    stdout.write(f"  {len(offices) + 1} offices, {Employee.objects.count()} employees")
