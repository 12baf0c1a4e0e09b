"""Course content (Wagtail pages) and learner records.

Pages: CourseIndexPage > CoursePage > steps, edited in the Wagtail admin with revisions and
preview. A step is a ModulePage here or a QuizPage from `quizzes`; both carry
`CourseStepMixin`. Records (Enrolment, StepCompletion) are written only by `services.py`;
reads that span them go through `selectors.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from netra.home.page_cache import CachedViewRestrictionsMixin
from netra.people.audience import audience_edit_panels
from netra.people.models import AudienceMixin

from .blocks import ModuleStreamBlock, RegulationLinkBlock


class CourseIndexPage(Page):
    """The course catalogue ("Kursus"), a child of the home page."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("daftar kursus")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_cards_for_learner

        context = super().get_context(request, *args, **kwargs)
        context["cards"] = course_cards_for_learner(
            user=request.user, assigned_only=False, request=request
        )
        return context


class CertificateValidity(models.TextChoices):
    NONE = "none", _("Tanpa batas waktu")
    MONTHS = "months", _("Sejumlah bulan sejak diterbitkan")
    ELECTION_PERIOD = "election_period", _("Sampai hari pemungutan suara periode pemilihan")


class CoursePage(CachedViewRestrictionsMixin, AudienceMixin, Page):
    """A "sosialisasi" course. Its audience decides who sees it in "Kursus saya"."""

    summary = models.TextField(_("ringkasan"), max_length=600)
    learning_objectives = RichTextField(
        _("tujuan pembelajaran"), blank=True, features=["ul", "ol", "bold", "italic"]
    )
    audience_description = models.CharField(
        _("sasaran peserta"),
        max_length=255,
        blank=True,
        help_text=_("Teks untuk peserta, mis. 'Seluruh ASN dan non-ASN Pemkot'."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("perkiraan durasi (menit)"), default=30)
    deadline = models.DateField(_("batas waktu"), null=True, blank=True)
    regulations = StreamField(
        [("regulation", RegulationLinkBlock())], blank=True, verbose_name=_("peraturan terkait")
    )
    # Certificate policy (issued by `certificates`, which reads these fields).
    certificate_enabled = models.BooleanField(
        _("terbitkan sertifikat"),
        default=True,
        help_text=_(
            "Sertifikat terbit otomatis setelah semua modul selesai, kuis lulus, dan pakta "
            "integritas yang mensyaratkan kursus ini ditandatangani."
        ),
    )
    certificate_validity = models.CharField(
        _("masa berlaku sertifikat"),
        max_length=16,
        choices=CertificateValidity.choices,
        default=CertificateValidity.NONE,
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("berlaku (bulan)"),
        null=True,
        blank=True,
        help_text=_("Untuk masa berlaku 'sejumlah bulan', mis. 12."),
    )
    certificate_election_period = models.ForeignKey(
        "campaigns.ElectionPeriod",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("periode pemilihan"),
        help_text=_("Untuk masa berlaku 'sampai hari pemungutan suara'."),
    )
    certificate_expiry_notice_days = models.PositiveSmallIntegerField(
        _("pemberitahuan sebelum berakhir (hari)"),
        default=30,
        help_text=_("Peserta menerima surel sekian hari sebelum sertifikatnya berakhir."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("deadline")]),
        FieldPanel("regulations"),
    ]
    audience_panels = [FieldPanel("audience_description"), *audience_edit_panels()]
    certificate_panels = [
        FieldPanel("certificate_enabled"),
        FieldPanel("certificate_validity"),
        FieldRowPanel(
            [FieldPanel("certificate_valid_months"), FieldPanel("certificate_election_period")]
        ),
        FieldPanel("certificate_expiry_notice_days"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Isi")),
            ObjectList(audience_panels, heading=_("Sasaran")),
            ObjectList(certificate_panels, heading=_("Sertifikat")),
            ObjectList(Page.promote_panels, heading=_("Promosi")),
            ObjectList(Page.settings_panels, heading=_("Pengaturan")),
        ]
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    # Steps, taken in tree order. The quiz page type is named, not imported: quizzes builds
    # on courses, never the other way round.
    subpage_types = ["courses.ModulePage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kursus")

    def clean(self):
        super().clean()
        if self.certificate_validity == CertificateValidity.MONTHS and not (
            self.certificate_valid_months and 1 <= self.certificate_valid_months <= 120
        ):
            raise ValidationError(
                {"certificate_valid_months": _("Isi jumlah bulan antara 1 dan 120.")}
            )
        if (
            self.certificate_validity == CertificateValidity.ELECTION_PERIOD
            and self.certificate_election_period_id is None
        ):
            raise ValidationError({"certificate_election_period": _("Pilih periode pemilihannya.")})

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_detail_for_learner

        context = super().get_context(request, *args, **kwargs)
        context.update(course_detail_for_learner(user=request.user, course=self))
        return context


class CourseAudienceOffice(Orderable):
    """One office subtree a course targets."""

    audience_parent = "course"

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="audience_offices")
    office = models.ForeignKey(
        "people.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit kerja")
    )

    panels = [FieldPanel("office")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "office"], name="courses_audience_unique")
        ]


class CourseStepMixin:
    """A page that is one step of a course. Learners take a course's live steps in tree
    order; a step is done when the learner has a StepCompletion for it. Subclasses define
    `estimated_minutes` and name their `step_kind` for the course outline."""

    step_kind = "module"

    @property
    def course_path(self) -> str:
        return self.path[: -self.steplen]


class ModulePage(CourseStepMixin, CachedViewRestrictionsMixin, Page):
    """One reading step of a course, marked done by the learner."""

    intro = models.TextField(_("pengantar singkat"), blank=True, max_length=400)
    body = StreamField(ModuleStreamBlock(), verbose_name=_("isi modul"))
    estimated_minutes = models.PositiveSmallIntegerField(_("perkiraan durasi (menit)"), default=10)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("modul")

    def get_context(self, request, *args, **kwargs):
        from .selectors import module_context_for_learner

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context_for_learner(user=request.user, module=self, request=request))
        return context


class Enrolment(models.Model):
    """A learner taking a course. Created on the first completed module (or by assignment
    fan-out later); `completed_at` is set by `services.module_complete`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrolments")
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # Renewal (recertification): the cycle starts again, earlier completions are archived.
    cycle = models.PositiveSmallIntegerField(_("putaran"), default=1)
    renewed_at = models.DateTimeField(_("diulang sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("keikutsertaan kursus")
        verbose_name_plural = _("keikutsertaan kursus")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_enrolment_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.course}"


class StepCompletion(models.Model):
    """A learner finished one step: marked a module as done, or passed a quiz. Unique per
    enrolment and step, so a double submit cannot count twice. The step is any page with
    `CourseStepMixin`, hence the plain Page key."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="completions")
    step = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="step_completions"
    )
    completed_at = models.DateTimeField(_("selesai"), auto_now_add=True)

    class Meta:
        verbose_name = _("langkah selesai")
        verbose_name_plural = _("langkah selesai")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "step"], name="courses_completion_unique")
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.step}"


class ArchivedStepCompletion(models.Model):
    """A step completion from an earlier cycle of an enrolment, kept as history when the
    learner renews the course (recertification). Written only by `services.enrolment_renew`."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="archived_completions"
    )
    cycle = models.PositiveSmallIntegerField(_("putaran"))
    step = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="archived_step_completions"
    )
    completed_at = models.DateTimeField(_("selesai"))
    course_completed_at = models.DateTimeField(_("kursus selesai"), null=True, blank=True)
    archived_at = models.DateTimeField(_("diarsipkan"))
    reason = models.CharField(_("alasan"), max_length=255)

    class Meta:
        verbose_name = _("riwayat langkah selesai")
        verbose_name_plural = _("riwayat langkah selesai")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "cycle", "step"], name="courses_archived_completion_unique"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.step_id} (putaran {self.cycle})"


class RenewalRequest(models.Model):
    """What a material regulation update asked of one learner for one course: re-take the
    modules marked changed and the quiz. Written by `recertification.py` (the handler
    `netra.updates` calls for every published update) and resolved by `services` when the
    learner completes the course again. Unique per update, so publishing the same update
    twice (or re-running the command) never sends anyone back twice.

    The update is named by its page id with a snapshot of its title and URL: `courses`
    does not import the updates app, and an unpublished update keeps its history here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="renewal_requests"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="renewal_requests"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="renewal_requests"
    )
    # The cycle that was completed and archived (its completions: ArchivedStepCompletion).
    cycle = models.PositiveSmallIntegerField(_("putaran diarsipkan"))
    update_page_id = models.PositiveIntegerField(_("halaman pembaruan"))
    impact_id = models.PositiveIntegerField(_("dampak"), null=True, blank=True)
    update_title = models.CharField(_("pembaruan"), max_length=255)
    update_url = models.CharField(_("alamat pembaruan"), max_length=500, blank=True)
    reason = models.TextField(_("alasan"))
    # The steps sent back (modules marked changed and the quiz), marked on the course page.
    step_ids = models.JSONField(_("langkah diulang"), default=list)
    created_at = models.DateTimeField(_("diminta"))
    resolved_at = models.DateTimeField(_("diperbarui"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan pembaruan kursus")
        verbose_name_plural = _("permintaan pembaruan kursus")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "update_page_id"], name="courses_renewal_once"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.course_id} ({self.update_title})"
