"""Notifications: what the site tells one person, shown at /notifikasi/ with an unread
count in the header, and emailed once in the background.

Written only by `services.py` (created in bulk by `notify` and `notify_hr_summary`, read
by `mark_read`/`mark_all_read`) and by the email job in `tasks.py` (`emailed_at`); read
through `selectors.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rules import is_internal_path

KEY_LENGTH = 150
TITLE_LENGTH = 255
URL_LENGTH = 500


def validate_internal_path(value: str) -> None:
    if value and not is_internal_path(value):
        raise ValidationError(_("Tautan notifikasi harus berupa alamat di situs ini (diawali /)."))


class Notification(models.Model):
    """One message to one person. `key` names what it is about ("update-42"), so telling
    someone about the same thing twice creates nothing the second time (unique with the
    recipient). `body` is plain text: templates escape it. `url` is a path on this site."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    key = models.CharField(_("kunci"), max_length=KEY_LENGTH)
    title = models.CharField(_("judul"), max_length=TITLE_LENGTH)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(
        _("tautan"), max_length=URL_LENGTH, blank=True, validators=[validate_internal_path]
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat email"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notifications_unique_key"),
            # The same rule as `rules.is_internal_path`, less the character check, so no
            # write path (bulk inserts skip validators) can store an off-site link.
            models.CheckConstraint(
                condition=Q(url="") | (Q(url__startswith="/") & ~Q(url__startswith="//")),
                name="notifications_url_is_path",
            ),
        ]
        indexes = [
            # The list at /notifikasi/: a person's notifications, newest first.
            models.Index(fields=["recipient", "-created_at"], name="notifications_recent"),
            # The header count and "unread first": only unread rows are indexed, so the
            # index stays small however many have been read (partial where supported).
            models.Index(
                fields=["recipient", "-created_at"],
                condition=Q(read_at__isnull=True),
                name="notifications_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
