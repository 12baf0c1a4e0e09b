"""People and offices: accounts, the office tree and employee records.

Accounts are written by `services.py` (roster import and admin provisioning); HR and learner
views read through `selectors.py`. Editors manage offices and employees as Wagtail snippets
(`wagtail_hooks.py`).
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .nip import normalize_nip
from .rules import employment_errors


class User(AbstractUser):
    """A sign-in account. For ASN `username` holds the NIP, so allauth can log them in by
    NIP or email; non-ASN staff and administrators have a free-form username."""

    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        constraints = [
            # Login by email needs emails to be unique; blank means "no email".
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="people_user_unique_email"
            ),
        ]

    @property
    def display_name(self) -> str:
        employee = getattr(self, "employee", None)
        if employee is not None:
            return employee.full_name
        return self.get_full_name() or self.username


class OfficeKind(models.TextChoices):
    PEMDA = "pemda", _("Pemerintah Daerah")
    OPD = "opd", _("Perangkat Daerah (Dinas/Badan/Sekretariat)")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan/Desa")
    UPT = "upt", _("UPT/Unit")
    BIDANG = "bidang", _("Bidang/Bagian")


class Office(MP_Node):
    """A unit in the government's tree (Pemkot > OPD/Kecamatan > Kelurahan/UPT, any depth).

    Stored as a treebeard materialised path: everything under an office is one indexed
    `path LIKE 'prefix%'` query, and the ancestors of an office are prefixes of its path.
    A path changes only when the office (or an ancestor) moves: `services.office_move`.
    """

    name = models.CharField(_("nama unit"), max_length=255)
    code = models.CharField(
        _("kode unit"),
        max_length=64,
        unique=True,
        help_text=_("ID unit organisasi (unor_id SIASN) atau kode lokal."),
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=OfficeKind.choices)
    is_active = models.BooleanField(_("aktif"), default=True)

    # No `node_order_by`: sorted insertion renumbers the paths of later siblings, and other
    # records copy paths (campaign progress). New children go last; lists sort by name.

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        indexes = [
            # PostgreSQL only uses an index for LIKE 'prefix%' with pattern ops (or a "C"
            # collation); other databases ignore `opclasses`.
            models.Index(
                fields=["path"], name="people_office_path_like", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestor_paths(self, *, include_self: bool = True) -> list[str]:
        """Paths of this office's ancestors, computed from the path without a query."""
        step = self.steplen
        end = len(self.path) + (step if include_self else 0)
        return [self.path[:i] for i in range(step, end, step)]


class EmploymentType(models.TextChoices):
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")
    NON_ASN = "NON_ASN", _("Non-ASN (PTT/honorer)")


class Golongan(models.TextChoices):
    I_A = "I/a", "I/a — Juru Muda"
    I_B = "I/b", "I/b — Juru Muda Tingkat I"
    I_C = "I/c", "I/c — Juru"
    I_D = "I/d", "I/d — Juru Tingkat I"
    II_A = "II/a", "II/a — Pengatur Muda"
    II_B = "II/b", "II/b — Pengatur Muda Tingkat I"
    II_C = "II/c", "II/c — Pengatur"
    II_D = "II/d", "II/d — Pengatur Tingkat I"
    III_A = "III/a", "III/a — Penata Muda"
    III_B = "III/b", "III/b — Penata Muda Tingkat I"
    III_C = "III/c", "III/c — Penata"
    III_D = "III/d", "III/d — Penata Tingkat I"
    IV_A = "IV/a", "IV/a — Pembina"
    IV_B = "IV/b", "IV/b — Pembina Tingkat I"
    IV_C = "IV/c", "IV/c — Pembina Utama Muda"
    IV_D = "IV/d", "IV/d — Pembina Utama Madya"
    IV_E = "IV/e", "IV/e — Pembina Utama"
    # PPPK golongan I-XVII (Perpres 98/2020 as amended by Perpres 11/2024).
    P_I = "I", "PPPK I"
    P_II = "II", "PPPK II"
    P_III = "III", "PPPK III"
    P_IV = "IV", "PPPK IV"
    P_V = "V", "PPPK V"
    P_VI = "VI", "PPPK VI"
    P_VII = "VII", "PPPK VII"
    P_VIII = "VIII", "PPPK VIII"
    P_IX = "IX", "PPPK IX"
    P_X = "X", "PPPK X"
    P_XI = "XI", "PPPK XI"
    P_XII = "XII", "PPPK XII"
    P_XIII = "XIII", "PPPK XIII"
    P_XIV = "XIV", "PPPK XIV"
    P_XV = "XV", "PPPK XV"
    P_XVI = "XVI", "PPPK XVI"
    P_XVII = "XVII", "PPPK XVII"


class Employee(models.Model):
    """A person on the roster (PNS, PPPK or non-ASN), linked to an account when they have
    one. Written by `services.employee_upsert`; the roster import (issue 6) reuses it."""

    user = models.OneToOneField(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employee",
        verbose_name=_("akun"),
    )
    # NULL, not "", for non-ASN: the unique constraint below lets any number of NULLs in.
    nip = models.CharField(  # noqa: DJ001
        _("NIP / NI PPPK"),
        max_length=18,
        null=True,
        blank=True,
        help_text=_("18 angka; kosong untuk pegawai non-ASN."),
    )
    registration_number = models.CharField(
        _("nomor registrasi"),
        max_length=64,
        blank=True,
        help_text=_("Nomor pegawai non-ASN (mis. NRK/nomor kontrak) atau ID SIMPEG."),
    )
    front_title = models.CharField(_("gelar depan"), max_length=50, blank=True)
    name = models.CharField(_("nama"), max_length=200)
    back_title = models.CharField(_("gelar belakang"), max_length=100, blank=True)
    employment_type = models.CharField(
        _("jenis kepegawaian"), max_length=8, choices=EmploymentType.choices
    )
    golongan = models.CharField(_("golongan"), max_length=8, choices=Golongan.choices, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=255, blank=True)
    # No index of its own: "people_emp_office_active" below starts with the office.
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="employees",
        verbose_name=_("unit kerja"),
        db_index=False,
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name"]
        constraints = [
            # ASN always have a NIP; non-ASN never do.
            models.CheckConstraint(
                condition=(Q(employment_type=EmploymentType.NON_ASN) & Q(nip__isnull=True))
                | (~Q(employment_type=EmploymentType.NON_ASN) & Q(nip__isnull=False)),
                name="people_employee_nip_matches_type",
            ),
            # A constraint rather than `unique=True`, which on PostgreSQL also builds a
            # second, LIKE-only index that no query uses and every roster row pays for.
            models.UniqueConstraint(fields=["nip"], name="people_employee_unique_nip"),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="people_employee_unique_registration_number",
            ),
        ]
        indexes = [models.Index(fields=["office", "is_active"], name="people_emp_office_active")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """Name with titles as written on letters: `Dr. Siti Aminah, S.Sos., M.Si.`"""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    def clean(self):
        super().clean()
        self.nip = normalize_nip(self.nip or "") or None
        # The same rule checks every row of a roster import (netra.people.roster).
        errors = employment_errors(
            employment_type=self.employment_type, nip=self.nip, golongan=self.golongan
        )
        if self.employment_type == EmploymentType.NON_ASN:
            self.nip = None
        if errors:
            raise ValidationError(errors)


class HrAssignment(models.Model):
    """An HR officer's scope: one office subtree. An officer may hold several; everything an
    HR page lists, counts or lets them download is limited to the union of these subtrees
    (`selectors.hr_office_paths`)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="hr_assignments", verbose_name=_("akun")
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        related_name="hr_assignments",
        verbose_name=_("unit kerja"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan petugas SDM")
        verbose_name_plural = _("penugasan petugas SDM")
        constraints = [
            models.UniqueConstraint(fields=["user", "office"], name="people_hr_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.office}"


class AudienceMixin(models.Model):
    """Who a course or pact is for: ticked employment types, and optionally office subtrees
    (a related model with an `office` key, named by `audience_offices_relation`)."""

    audience_pns = models.BooleanField(_("PNS"), default=True)
    audience_pppk = models.BooleanField(_("PPPK"), default=True)
    audience_non_asn = models.BooleanField(_("Non-ASN"), default=True)

    AUDIENCE_FIELD = {
        EmploymentType.PNS: "audience_pns",
        EmploymentType.PPPK: "audience_pppk",
        EmploymentType.NON_ASN: "audience_non_asn",
    }

    class Meta:
        abstract = True


class RosterImport(models.Model):
    """One roster file (a SIASN/SIMPEG export) uploaded by HR or an admin, from the dry run
    to the apply: who, what, when, the scope, progress, counts and every rejected row.

    Written only by `roster_load` (the import's service functions and the worker job);
    HR officers read their own through `selectors.roster_imports_for_user`.

    The file itself is kept in this row (not under MEDIA_ROOT) until the import is applied:
    it is a list of names, NIPs and emails, and media is served to anyone with the URL
    (by the web server or object storage), while a database row is only reachable through
    the permission-checked views; a worker on another machine reads it without shared
    storage; and applying empties it, so personal data does not linger in uploads.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Diproses")
        CHECKED = "checked", _("Diperiksa (uji coba)")
        BLOCKED = "blocked", _("Tidak diterapkan")
        APPLIED = "applied", _("Diterapkan")
        FAILED = "failed", _("Gagal")

    uploaded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roster_imports",
        verbose_name=_("diunggah oleh"),
        help_text=_("Kosong untuk impor dari baris perintah (manage.py import_roster)."),
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    file_size = models.PositiveIntegerField(_("ukuran berkas"))
    file_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64)
    content = models.BinaryField(_("isi berkas"), editable=False, blank=True)
    scope = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roster_imports",
        verbose_name=_("cakupan"),
        help_text=_(
            "Pegawai aktif di unit ini dan di bawahnya yang tidak ada di berkas "
            "dinonaktifkan. Kosong: tidak ada yang dinonaktifkan."
        ),
    )
    dry_run = models.BooleanField(_("uji coba"), default=True)
    allow_errors = models.BooleanField(
        _("impor baris yang benar meski ada yang ditolak"), default=False
    )
    confirm_deactivation = models.BooleanField(_("penonaktifan massal dikonfirmasi"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    rows_total = models.PositiveIntegerField(_("baris"), default=0)
    created_count = models.PositiveIntegerField(_("baru"), default=0)
    updated_count = models.PositiveIntegerField(_("diubah"), default=0)
    unchanged_count = models.PositiveIntegerField(_("tetap"), default=0)
    deactivated_count = models.PositiveIntegerField(_("dinonaktifkan"), default=0)
    rejected_count = models.PositiveIntegerField(_("ditolak"), default=0)
    report = models.JSONField(_("laporan"), default=dict, blank=True)
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        verbose_name = _("impor daftar pegawai")
        verbose_name_plural = _("impor daftar pegawai")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["uploaded_by", "-created_at"], name="people_rosterimport_user"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)
