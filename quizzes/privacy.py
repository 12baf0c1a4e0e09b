"""Personal data of quizzes (attempts and answers), for the privacy registry
(netra.privacy.registry). Per-question statistics (QuestionTally, OptionTally) are counts
and name nobody.

Attempts and answers stay when a departed employee is anonymised: they name nobody (the
account they point at is anonymised), the quiz statistics are counted from them, and a
certificate kept as evidence rests on the passed attempt.
"""

from django.utils.translation import gettext_lazy as _

from netra.privacy.registry import Keep, LegalBasis, PersonalData, register

from .models import Answer, Attempt

RETENTION = _(
    "Selama Anda bekerja di instansi, lalu disimpan tanpa identitas (menunjuk akun yang "
    "dianonimkan) untuk statistik kuis."
)
KEEP = Keep(_("tidak memuat nama atau NIP; menunjuk akun yang dianonimkan; dasar statistik soal"))

register(
    PersonalData(
        model=Attempt,
        title=_("Percobaan kuis"),
        purpose=_("Nilai dan kelulusan kuis Anda (syarat pakta dan sertifikat)."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETENTION,
        user_field="user",
        export={
            "id": _("Nomor percobaan"),
            "quiz_id": _("Nomor halaman kuis"),
            "quiz__title": _("Judul kuis"),
            "number": _("Percobaan ke"),
            "status": _("Status (open, submitted, expired)"),
            "started_at": _("Mulai"),
            "deadline_at": _("Batas waktu"),
            "finished_at": _("Selesai"),
            "points": _("Poin"),
            "max_points": _("Poin maksimum"),
            "percent": _("Nilai (%)"),
            "passed": _("Lulus"),
        },
        erasure=KEEP,
    )
)

register(
    PersonalData(
        model=Answer,
        title=_("Jawaban kuis"),
        purpose=_("Jawaban Anda per soal, untuk nilai dan umpan balik."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=RETENTION,
        user_field="attempt__user",
        export={
            "attempt_id": _("Nomor percobaan"),
            "question_key": _("Kunci soal"),
            "stage": _("Tahap (skenario bercabang)"),
            "choice_keys": _("Pilihan yang dipilih"),
            "points": _("Poin"),
            "max_points": _("Poin maksimum"),
            "is_correct": _("Benar"),
            "answered_at": _("Waktu menjawab"),
        },
        erasure=KEEP,
    )
)
