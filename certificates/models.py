"""Records for pacts and certificates. So far: the evidence chain.

`EvidenceEntry` is append-only: rows are written only by `services.evidence_append`,
which serialises appends, and PostgreSQL refuses UPDATE and DELETE on the table with a
trigger (migration 0002). `manage.py verify_evidence` recomputes the chain.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceEntry(models.Model):
    sequence = models.PositiveBigIntegerField(_("urutan"), unique=True)
    kind = models.CharField(_("jenis"), max_length=40)
    payload = models.JSONField(_("isi"))
    prev_hash = models.CharField(_("hash sebelumnya"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("catatan bukti")
        verbose_name_plural = _("rantai bukti")
        ordering = ["sequence"]

    def __str__(self):
        return f"#{self.sequence} {self.kind} {self.entry_hash[:12]}"
