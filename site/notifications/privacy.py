"""Personal data of notifications, for the privacy registry (netra.privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from netra.privacy.registry import Delete, LegalBasis, PersonalData, register

from .models import Notification

register(
    PersonalData(
        model=Notification,
        title=_("Notifikasi"),
        purpose=_("Pemberitahuan untuk Anda di situs dan lewat email."),
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_("Selama akun aktif; dihapus saat anonimisasi."),
        user_field="recipient",
        export={
            "title": _("Judul"),
            "body": _("Isi"),
            "url": _("Tautan"),
            "created_at": _("Dibuat"),
            "read_at": _("Dibaca"),
            "emailed_at": _("Dikirim lewat email"),
        },
        erasure=Delete(),
    )
)
