"""Election periods (Pemilu, Pilkada) as compliance campaigns, and the records that track
each employee's progress towards them.

A campaign requires some courses and a pact. Every active employee has one
`CampaignProgress` row per campaign: which required courses they started and completed (bit
masks, one bit per course slot) and whether they signed the pact. Dashboards never count
those rows per request: `OfficeRollup` holds per-office subtree counters, fed by the
append-only `ProgressDelta` rows the progress services write beside each change and folded
in every few seconds (`rollups.py`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

from netra.people.models import EmploymentType

# One bit per required course in the progress masks; a 32-bit integer column holds them.
MAX_COURSES = 30


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu (Presiden/Wakil Presiden dan legislatif)")
    PILKADA = "pilkada", _("Pilkada (Gubernur, Bupati, Wali Kota)")
    OTHER = "lainnya", _("Lainnya (mis. pemungutan suara ulang)")


class ElectionPeriod(ClusterableModel):
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
    # The site app must not import the course and pact apps, so these point at Wagtail
    # pages; the admin choosers limit them to course and pact pages.
    pact = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pakta integritas wajib"),
        help_text=_("Pegawai harus menandatangani versi terkini pakta ini."),
    )
    tracked = models.BooleanField(
        _("pantau kepatuhan"),
        default=True,
        help_text=_("Tampilkan di dasbor SDM dan kirim pengingat untuk periode ini."),
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

    @property
    def pact_required(self) -> bool:
        return self.pact_id is not None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.deadline is not None and today > self.deadline


class CampaignCourse(Orderable):
    """A course the campaign requires. `slot` is the course's bit in the progress masks: it
    stays fixed while the course is required, so reordering courses changes nothing."""

    period = ParentalKey(ElectionPeriod, on_delete=models.CASCADE, related_name="courses")
    course = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kursus wajib"),
    )
    slot = models.PositiveSmallIntegerField(editable=False, null=True)

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("kursus wajib")
        verbose_name_plural = _("kursus wajib")
        constraints = [
            models.UniqueConstraint(fields=["period", "course"], name="campaigns_course_once"),
            models.UniqueConstraint(fields=["period", "slot"], name="campaigns_course_slot"),
        ]

    def __str__(self) -> str:
        return str(self.course)

    def save(self, *args, **kwargs):
        if self.slot is None:
            used = set(
                CampaignCourse.objects.filter(period_id=self.period_id).values_list(
                    "slot", flat=True
                )
            )
            free = [n for n in range(MAX_COURSES) if n not in used]
            if not free:
                raise ValidationError(
                    _("Satu periode paling banyak %(n)d kursus wajib.") % {"n": MAX_COURSES}
                )
            self.slot = free[0]
        super().save(*args, **kwargs)


class CampaignProgress(models.Model):
    """One employee's progress towards one campaign. Written only by `progress.py`.

    The office, its path and the employment type are copied from the employee so that
    subtree lists, exports and the counters need no join; `progress.py` keeps them in step
    when the roster changes or an office moves.
    """

    period = models.ForeignKey(ElectionPeriod, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="campaign_progress"
    )
    office = models.ForeignKey("people.Office", on_delete=models.PROTECT, related_name="+")
    office_path = models.CharField(max_length=255)
    employment_type = models.CharField(max_length=8, choices=EmploymentType.choices)
    is_active = models.BooleanField(default=True)
    started_mask = models.IntegerField(default=0)
    completed_mask = models.IntegerField(default=0)
    pact_signed_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # The state before the last change, set by the same UPDATE that makes the change: its
    # RETURNING then gives both the old and the new state (PostgreSQL 15 returns only the
    # new row) without a SELECT … FOR UPDATE first, which costs a second write of the row.
    prev_started_mask = models.IntegerField(default=0, db_default=0)
    prev_completed_mask = models.IntegerField(default=0, db_default=0)
    prev_pact_signed = models.BooleanField(default=False, db_default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "employee"], name="campaigns_progress_once")
        ]
        indexes = [
            models.Index(
                fields=["office_path"],
                name="campaigns_progress_path",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["period", "office"], name="campaigns_progress_office"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} @ {self.period_id}"


class ProgressDelta(models.Model):
    """An append-only change to the counters: `weight` employees (usually +1 or -1) enter
    this state at this office and, when the `from_*` state is set, leave that one (a change
    of state is one row). Writers never touch a shared counter row; `rollups.fold` sums and
    deletes these every few seconds. Plain integers instead of foreign keys: nothing joins
    them and an insert should cost no more than an insert."""

    period_id = models.BigIntegerField()
    office_id = models.BigIntegerField()
    employment_type = models.CharField(max_length=8)
    started_mask = models.IntegerField()
    completed_mask = models.IntegerField()
    pact_signed = models.BooleanField()
    weight = models.IntegerField()
    # The state the employees leave; all three null for a pure +/- (joining, leaving).
    from_started_mask = models.IntegerField(null=True)
    from_completed_mask = models.IntegerField(null=True)
    from_pact_signed = models.BooleanField(null=True)

    # No secondary index: the fold takes the oldest rows by primary key, and every index
    # would be one more write per change.

    def __str__(self) -> str:
        return f"{self.weight:+d} @ office {self.office_id}"


class OfficeRollup(models.Model):
    """Counters for an office and everything under it, per campaign, employment type and
    scope (0 = the whole campaign, n = the course in slot n-1). Written only by
    `rollups.py`; equal to a recount of `CampaignProgress` once the deltas are folded."""

    period = models.ForeignKey(ElectionPeriod, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey("people.Office", on_delete=models.CASCADE, related_name="+")
    employment_type = models.CharField(max_length=8, choices=EmploymentType.choices)
    scope = models.PositiveSmallIntegerField()
    headcount = models.IntegerField(default=0)
    started = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    pact_signed = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "office", "employment_type", "scope"],
                name="campaigns_rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.employment_type}/{self.scope}: {self.completed}"


class ReminderLog(models.Model):
    """Who was reminded of which campaign, when, at which address and by whom."""

    period = models.ForeignKey(ElectionPeriod, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="reminders"
    )
    office = models.ForeignKey("people.Office", on_delete=models.CASCADE, related_name="+")
    office_path = models.CharField(max_length=255)
    email = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        "people.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    batch = models.UUIDField()

    class Meta:
        verbose_name = _("log pengingat")
        verbose_name_plural = _("log pengingat")
        ordering = ["-sent_at"]
        indexes = [
            models.Index(
                fields=["office_path"],
                name="campaigns_reminder_path",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["employee", "sent_at"], name="campaigns_reminder_employee"),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.sent_at:%Y-%m-%d %H:%M}"
