"""Personal data of the people app, for the privacy registry (netra.privacy.registry):
accounts, roster records, HR scopes and roster imports."""

from django.contrib.auth.hashers import make_password
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from netra.privacy.registry import (
    Custom,
    Delete,
    Erase,
    LegalBasis,
    PersonalData,
    exempt,
    register,
)

from .models import Employee, EmploymentType, HrAssignment, RosterImport, User

RETAIN_ACCOUNT = _("Selama Anda bekerja di instansi; dianonimkan setelah Anda keluar.")


def _anonymous_username(person) -> str:
    # Unique (from the id) and meaningless: no NIP, no name.
    return f"anonim-{person.user_id}"


def _clear_user_links(person) -> None:
    """Groups and permissions: an anonymised account holds no role."""
    for user in User.objects.filter(pk=person.user_id):
        user.groups.clear()
        user.user_permissions.clear()


register(
    PersonalData(
        model=User,
        title=_("Akun"),
        purpose=_("Masuk ke Netra dengan NIP atau email; email untuk pemberitahuan."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETAIN_ACCOUNT,
        user_field="pk",
        export={
            "username": _("Nama pengguna (NIP untuk ASN)"),
            "email": _("Alamat email"),
            "first_name": _("Nama depan"),
            "last_name": _("Nama belakang"),
            "date_joined": _("Waktu akun dibuat"),
            "last_login": _("Waktu masuk terakhir"),
            "is_active": _("Akun aktif"),
        },
        # The account stays (records point at it) but can never sign in again.
        erasure=Erase(
            {
                "username": _anonymous_username,
                "email": "",
                "first_name": "",
                "last_name": "",
                "password": lambda person: make_password(None),
                "is_active": False,
                "is_staff": False,
                "is_superuser": False,
                "last_login": None,
            },
            then=_clear_user_links,
        ),
        logged_by_name=True,
    )
)


def _anonymous_nip(person) -> str | None:
    # ASN rows must keep a NIP (a database constraint); "ANON…" can never be a real one
    # (18 digits), so a later roster import with the person's real NIP makes a new record.
    employment_type = (
        Employee.objects.filter(pk=person.employee_id)
        .values_list("employment_type", flat=True)
        .first()
    )
    if employment_type == EmploymentType.NON_ASN:
        return None
    return f"ANON{person.employee_id:014d}"


register(
    PersonalData(
        model=Employee,
        title=_("Data kepegawaian"),
        purpose=_(
            "Menentukan kursus dan pakta yang wajib Anda selesaikan dan unit kerja yang "
            "memantau kepatuhan Anda (dari SIASN/SIMPEG)."
        ),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETAIN_ACCOUNT,
        employee_field="pk",
        export={
            "nip": _("NIP / NI PPPK"),
            "registration_number": _("Nomor registrasi (non-ASN)"),
            "front_title": _("Gelar depan"),
            "name": _("Nama"),
            "back_title": _("Gelar belakang"),
            "employment_type": _("Jenis kepegawaian (PNS, PPPK, NON_ASN)"),
            "golongan": _("Golongan"),
            "jabatan": _("Jabatan"),
            "office__code": _("Kode unit kerja"),
            "office__name": _("Nama unit kerja"),
            "is_active": _("Masih aktif"),
            "created_at": _("Dicatat sejak"),
            "updated_at": _("Terakhir diubah"),
        },
        # Office, employment type and the active flag stay: the compliance counters and
        # the history of the office are counts of these, and none of them names a person.
        erasure=Erase(
            {
                "name": lambda person: person.placeholder,
                "front_title": "",
                "back_title": "",
                "nip": _anonymous_nip,
                "registration_number": "",
                "golongan": "",
                "jabatan": "",
            }
        ),
        logged_by_name=True,
    )
)

register(
    PersonalData(
        model=HrAssignment,
        title=_("Penugasan petugas SDM"),
        purpose=_("Unit kerja yang boleh Anda pantau sebagai petugas SDM."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_("Selama penugasan berlaku."),
        user_field="user",
        export={
            "office__code": _("Kode unit kerja"),
            "office__name": _("Nama unit kerja"),
            "created_at": _("Ditugaskan sejak"),
        },
        erasure=Delete(),
        logged_by_name=True,
    )
)


def _report_items(report: dict):
    for value in report.values():
        if isinstance(value, list):
            yield from (item for item in value if isinstance(item, dict))


def _scrub_roster_reports(person) -> int:
    """Imports list (samples of) created, updated, deactivated and rejected rows by NIP or
    registration number and name; the departed person's lines lose both. The uploaded
    file itself is emptied when an import is applied (see RosterImport)."""
    if not person.keys:
        return 0
    imports = RosterImport.objects.annotate(text=Cast("report", TextField()))
    changed = 0
    for key in person.keys:
        for record in imports.filter(text__contains=key).only("pk", "report"):
            hit = False
            for item in _report_items(record.report):
                if item.get("key") == key:
                    item["key"], item["name"], hit = "", person.placeholder, True
            if hit:
                RosterImport.objects.filter(pk=record.pk).update(report=record.report)
                changed += 1
    return changed


register(
    PersonalData(
        model=RosterImport,
        title=_("Impor daftar pegawai yang Anda unggah"),
        purpose=_("Jejak siapa mengunggah daftar pegawai, kapan, dan hasilnya."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Sesuai jadwal retensi arsip kepegawaian instansi."),
        user_field="uploaded_by",
        # Only the upload's facts: the file and its report are other people's data.
        export={
            "created_at": _("Waktu unggah"),
            "file_name": _("Nama berkas"),
            "status": _("Status"),
            "dry_run": _("Uji coba"),
            "rows_total": _("Jumlah baris"),
        },
        erasure=Custom(
            _scrub_roster_reports,
            _(
                "NIP dan nama pegawai yang keluar dihapus dari laporan impor; jejak "
                "pengunggah tetap (menunjuk akun yang dianonimkan)."
            ),
        ),
    )
)

exempt("people.Office", reason="`name` is the name of an office (a unit), not of a person.")
