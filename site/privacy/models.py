"""The record of each anonymisation (UU 27/2022 asks the controller to account for what it
did with personal data). Written only by `services.anonymise_employee`."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Anonymisation(models.Model):
    """One departed employee anonymised: when, by whom, why, and how many rows each
    registered model had erased or deleted. One per employee, which makes the service
    idempotent. The reason is for administrators only; the evidence chain gets the
    reference and the counts, never the reason."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.OneToOneField(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="anonymisation",
        verbose_name=_("pegawai"),
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
        help_text=_("Kosong bila dijalankan dari baris perintah."),
    )
    performed_at = models.DateTimeField(_("waktu"))
    reason = models.TextField(_("alasan"))
    counts = models.JSONField(_("baris per model"), default=dict)

    class Meta:
        verbose_name = _("anonimisasi")
        verbose_name_plural = _("anonimisasi")
        ordering = ["-performed_at"]
        default_permissions = ("view",)
        permissions = [
            ("anonymise_employee", _("Dapat menganonimkan data pegawai yang sudah keluar"))
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.performed_at:%Y-%m-%d})"
