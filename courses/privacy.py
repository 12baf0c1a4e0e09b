"""Personal data of courses (enrolments, completions, renewal requests), for the privacy
registry (netra.privacy.registry).

All of it stays when a departed employee is anonymised: the rows name nobody (they point at
the account, which is anonymised), certificates kept as evidence point at the enrolment, and
completion counts and the campaign counters are built from them.
"""

from django.utils.translation import gettext_lazy as _

from netra.privacy.registry import Keep, LegalBasis, PersonalData, register

from .models import ArchivedStepCompletion, Enrolment, RenewalRequest, StepCompletion

RETENTION = _(
    "Selama Anda bekerja di instansi, lalu disimpan tanpa identitas (menunjuk akun yang "
    "dianonimkan) sebagai riwayat pelatihan."
)
KEEP = Keep(
    _(
        "tidak memuat nama atau NIP; menunjuk akun yang dianonimkan, dan sertifikat yang "
        "disimpan sebagai bukti merujuk ke sini"
    )
)

register(
    PersonalData(
        model=Enrolment,
        title=_("Keikutsertaan kursus"),
        purpose=_("Kursus yang Anda ikuti, kapan mulai dan selesai."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETENTION,
        user_field="user",
        export={
            "id": _("Nomor keikutsertaan"),
            "course_id": _("Nomor halaman kursus"),
            "course__title": _("Judul kursus"),
            "started_at": _("Mulai"),
            "completed_at": _("Selesai"),
            "cycle": _("Putaran (bertambah saat kursus diulang)"),
            "renewed_at": _("Diulang sejak"),
        },
        erasure=KEEP,
    )
)

register(
    PersonalData(
        model=StepCompletion,
        title=_("Langkah kursus yang selesai"),
        purpose=_("Modul yang sudah Anda baca dan kuis yang sudah Anda lulusi."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETENTION,
        user_field="enrolment__user",
        export={
            "enrolment_id": _("Nomor keikutsertaan"),
            "step_id": _("Nomor halaman modul/kuis"),
            "step__title": _("Judul modul/kuis"),
            "completed_at": _("Selesai"),
        },
        erasure=KEEP,
    )
)

register(
    PersonalData(
        model=ArchivedStepCompletion,
        title=_("Riwayat langkah kursus putaran sebelumnya"),
        purpose=_("Langkah yang Anda selesaikan sebelum kursus diulang (sertifikasi ulang)."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETENTION,
        user_field="enrolment__user",
        export={
            "enrolment_id": _("Nomor keikutsertaan"),
            "cycle": _("Putaran"),
            "step_id": _("Nomor halaman modul/kuis"),
            "completed_at": _("Selesai"),
            "course_completed_at": _("Kursus selesai"),
            "archived_at": _("Diarsipkan"),
            "reason": _("Alasan"),
        },
        erasure=KEEP,
    )
)

register(
    PersonalData(
        model=RenewalRequest,
        title=_("Permintaan mengulang kursus"),
        purpose=_("Pembaruan regulasi yang meminta Anda mengulang bagian kursus yang berubah."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETENTION,
        user_field="user",
        export={
            "course_id": _("Nomor halaman kursus"),
            "enrolment_id": _("Nomor keikutsertaan"),
            "cycle": _("Putaran yang diarsipkan"),
            "update_title": _("Pembaruan regulasi"),
            "reason": _("Alasan"),
            "step_ids": _("Langkah yang diulang"),
            "created_at": _("Diminta"),
            "resolved_at": _("Dipenuhi"),
        },
        erasure=KEEP,
    )
)
