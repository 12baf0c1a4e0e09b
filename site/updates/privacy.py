"""Personal data of regulation updates, for the privacy registry (netra.privacy.registry):
only who published which revision (an editor's or reviewer's act in office)."""

from django.utils.translation import gettext_lazy as _

from netra.privacy.registry import Keep, LegalBasis, PersonalData, register

from .models import UpdateImpact

register(
    PersonalData(
        model=UpdateImpact,
        title=_("Pembaruan regulasi yang Anda terbitkan"),
        purpose=_("Jejak siapa menerbitkan pembaruan regulasi dan dampaknya kepada peserta."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Selama pembaruan regulasi disimpan."),
        user_field="published_by",
        export={
            "update_id": _("Nomor halaman pembaruan"),
            "update__title": _("Pembaruan regulasi"),
            "published_at": _("Diterbitkan"),
            "change_kind": _("Jenis perubahan"),
        },
        erasure=Keep(_("jejak tindakan dalam jabatan; menunjuk akun yang dianonimkan, tanpa nama")),
    )
)
