"""The privacy app's own personal data, declared like every other app's (the registry's
autodiscovery imports `<app>.privacy`)."""

from django.utils.translation import gettext_lazy as _

from .models import Anonymisation
from .registry import Keep, LegalBasis, PersonalData, register

register(
    PersonalData(
        model=Anonymisation,
        title=_("Catatan anonimisasi"),
        purpose=_(
            "Bukti bahwa data pribadi pegawai yang keluar sudah dihapus, kapan dan oleh siapa."
        ),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=_("Sesuai jadwal retensi arsip kepegawaian instansi."),
        employee_field="employee",
        export={"performed_at": _("Waktu"), "reason": _("Alasan")},
        erasure=Keep(_("catatan pertanggungjawaban penghapusan itu sendiri; tanpa nama atau NIP")),
    )
)
