"""Election periods (Pemilu, Pilkada): the window a pact and the compliance deadline belong
to. Issue 6 hangs required courses and reminders off the same record."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu (Presiden/Wakil Presiden dan legislatif)")
    PILKADA = "pilkada", _("Pilkada (Gubernur, Bupati, Wali Kota)")
    OTHER = "lainnya", _("Lainnya (mis. pemungutan suara ulang)")


class ElectionPeriod(models.Model):
    name = models.CharField(_("nama"), max_length=160, unique=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=ElectionKind.choices)
    campaign_start = models.DateField(_("awal masa kampanye"))
    campaign_end = models.DateField(_("akhir masa kampanye"))
    voting_day = models.DateField(_("hari pemungutan suara"))
    deadline = models.DateField(
        _("batas penyelesaian"),
        null=True,
        blank=True,
        help_text=_("Tanggal seluruh pegawai harus sudah menyelesaikan kursus dan pakta."),
    )

    class Meta:
        verbose_name = _("periode pemilihan")
        verbose_name_plural = _("periode pemilihan")
        ordering = ["-voting_day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(campaign_start__lte=models.F("campaign_end"))
                & models.Q(campaign_end__lt=models.F("voting_day")),
                name="campaigns_period_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.campaign_start and self.campaign_end and self.campaign_start > self.campaign_end:
            raise ValidationError(
                {"campaign_end": _("Akhir masa kampanye tidak boleh sebelum awalnya.")}
            )
        if self.campaign_end and self.voting_day and self.campaign_end >= self.voting_day:
            raise ValidationError(
                {
                    "voting_day": _(
                        "Hari pemungutan suara jatuh setelah masa kampanye (dan masa tenang)."
                    )
                }
            )
