"""Personal data of compliance campaigns, for the privacy registry (netra.privacy.registry).
Deltas and office rollups are counts and name nobody.

An employee who left is deactivated before being anonymised (the roster import or the
admin does it), which already took them out of every headcount: `progress.employees_sync`
moves an inactive row out of the counters. Their progress rows then stay as they are, so
`reconcile_rollups` recounts the same numbers; only the reminder log's email goes.
"""

from django.utils.translation import gettext_lazy as _

from netra.privacy.registry import Erase, Keep, LegalBasis, PersonalData, exempt, register

from .models import CampaignProgress, ReminderLog

register(
    PersonalData(
        model=CampaignProgress,
        title=_("Kemajuan kepatuhan per periode pemilihan"),
        purpose=_(
            "Apakah Anda sudah memulai dan menyelesaikan kursus wajib serta menandatangani "
            "pakta untuk tiap periode pemilihan; dasar dasbor kepatuhan petugas SDM."
        ),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_(
            "Selama periode pemilihan dipantau, lalu disimpan tanpa identitas (menunjuk data "
            "kepegawaian yang dianonimkan)."
        ),
        employee_field="employee",
        export={
            "period_id": _("Nomor periode pemilihan"),
            "period__name": _("Periode pemilihan"),
            "office__name": _("Unit kerja"),
            "employment_type": _("Jenis kepegawaian"),
            "is_active": _("Dihitung dalam kepatuhan"),
            "started_mask": _("Kursus wajib yang dimulai (bit per kursus)"),
            "completed_mask": _("Kursus wajib yang selesai (bit per kursus)"),
            "pact_signed_at": _("Pakta ditandatangani"),
            "started_at": _("Mulai"),
            "completed_at": _("Selesai"),
            "last_reminded_at": _("Pengingat terakhir"),
        },
        erasure=Keep(
            _(
                "tidak memuat nama atau NIP; pegawai nonaktif sudah keluar dari hitungan, "
                "dan baris ini menjaga hitungan ulang tetap sama"
            )
        ),
    )
)

register(
    PersonalData(
        model=ReminderLog,
        title=_("Pengingat kepatuhan"),
        purpose=_("Kapan dan ke alamat mana pengingat dikirim, agar tidak dikirim berulang."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_("Selama periode pemilihan dipantau; alamat email dihapus saat anonimisasi."),
        employee_field="employee",
        export={
            "period__name": _("Periode pemilihan"),
            "email": _("Alamat email tujuan"),
            "sent_at": _("Waktu kirim"),
        },
        erasure=Erase({"email": ""}),
    )
)

exempt("campaigns.ElectionPeriod", reason="`name` is an election's name (e.g. Pilkada 2029).")
