"""Regulation updates ("Pembaruan Regulasi"): news-like pages, reviewed before publishing,
whose impact on courses and pacts is recorded with the published revision.

Pages: RegulationUpdateIndexPage > RegulationUpdatePage, edited by the "Editor Regulasi"
group and approved by "Peninjau Regulasi" (workflow "Tinjauan regulasi", `editorial.py`).
The impact (affected courses, changed modules, affected pacts, minor or material) is
chosen by the editor on the page; publishing a revision records an `UpdateImpact`
(`signals.py` → `services.impact_record`) and the worker applies it
(`services.apply_impact`), calling the handlers `courses` and `certificates` registered
in `impact.py`. Course, module and pact pages are referenced as plain Wagtail pages with
a page-type chooser: `netra` never imports `courses` or `certificates`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from netra.home import richtext

from .forms import RegulationUpdateForm

COURSE_PAGE_TYPE = ("courses", "coursepage")
MODULE_PAGE_TYPE = ("courses", "modulepage")
PACT_PAGE_TYPE = ("certificates", "pactpage")
UPDATES_PER_PAGE = 10


class RegulationUpdateIndexPage(RoutablePageMixin, Page):
    """The list of regulation updates (one per site), newest first, and its Atom and RSS
    feeds (`feed/atom/`, `feed/rss/`, served by `feeds.py`)."""

    login_required = False  # public news, like the home page

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["updates.RegulationUpdatePage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks pembaruan regulasi")

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import LatestUpdatesAtomFeed

        return LatestUpdatesAtomFeed(self)(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import LatestUpdatesRssFeed

        return LatestUpdatesRssFeed(self)(request)

    def feed_urls(self) -> dict[str, str]:
        return {
            "atom": self.url + self.reverse_subpage("atom"),
            "rss": self.url + self.reverse_subpage("rss"),
        }

    def get_context(self, request, *args, **kwargs):
        from .selectors import updates_published

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(updates_published(index=self), UPDATES_PER_PAGE)
        try:
            updates = paginator.page(request.GET.get("halaman", 1))
        except PageNotAnInteger:
            updates = paginator.page(1)
        except EmptyPage:
            updates = paginator.page(paginator.num_pages)
        context["updates"] = updates
        context["feed_urls"] = self.feed_urls()
        return context


class ChangeKind(models.TextChoices):
    MINOR = "minor", _("Minor: cukup diberi tahu")
    MATERIAL = "material", _("Material: wajib sertifikasi ulang")


def _page_type_is(page, app_label_model: tuple[str, str]) -> bool:
    content_type = page.content_type
    return (content_type.app_label, content_type.model) == app_label_model


class RegulationUpdatePage(Page):
    """One regulation update: what changed, in plain words, and what it asks of learners.

    Public like the index. Editors of "Editor Regulasi" draft it; "Peninjau Regulasi"
    approve it, which publishes it (or schedules it for its go-live date)."""

    login_required = False

    date = models.DateField(_("tanggal"), default=timezone.localdate)
    summary = models.TextField(
        _("ringkasan"), max_length=400, help_text=_("Satu atau dua kalimat untuk daftar dan feed.")
    )
    body = RichTextField(_("isi"), features=richtext.FEATURES)
    change_kind = models.CharField(
        _("jenis perubahan"), max_length=10, choices=ChangeKind.choices, default=ChangeKind.MINOR
    )
    impact_reason = models.CharField(
        _("alasan bagi peserta"),
        max_length=300,
        blank=True,
        help_text=_(
            "Kalimat singkat yang dilihat peserta, misalnya: "
            "“Batas unggahan di media sosial berubah menurut SE terbaru.”"
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("regulations", heading=_("Regulasi terkait"), label=_("regulasi")),
    ]
    impact_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("change_kind")]), FieldPanel("impact_reason")],
            heading=_("Dampak"),
        ),
        InlinePanel("affected_courses", heading=_("Kursus terdampak"), label=_("kursus")),
        InlinePanel("changed_modules", heading=_("Modul yang berubah"), label=_("modul")),
        InlinePanel("affected_pacts", heading=_("Pakta terdampak"), label=_("pakta")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Isi")),
            ObjectList(impact_panels, heading=_("Dampak")),
            ObjectList(Page.promote_panels, heading=_("Promosi")),
            ObjectList(Page.settings_panels, heading=_("Pengaturan")),
        ]
    )

    base_form_class = RegulationUpdateForm
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["updates.RegulationUpdateIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pembaruan regulasi")
        verbose_name_plural = _("pembaruan regulasi")

    @property
    def is_material(self) -> bool:
        return self.change_kind == ChangeKind.MATERIAL

    def body_html(self):
        """The body, sanitised (see `richtext.py`)."""
        return richtext.render(self.body)

    def course_ids(self) -> list[int]:
        return [row.course_id for row in self.affected_courses.all() if row.course_id]

    def changed_module_ids(self) -> list[int]:
        return [row.module_id for row in self.changed_modules.all() if row.module_id]

    def pact_ids(self) -> list[int]:
        return [row.pact_id for row in self.affected_pacts.all() if row.pact_id]

    def _chosen_ids(self) -> tuple[list[int], list[int], list[int]]:
        # The admin form validates the page before it copies the inline rows onto it, so
        # it hands over what was submitted (`forms.RegulationUpdateForm.clean`); elsewhere
        # (code, imports) the rows on the instance are the truth.
        submitted = getattr(self, "_submitted_impact_ids", None)
        if submitted is not None:
            return submitted
        return self.course_ids(), self.changed_module_ids(), self.pact_ids()

    def clean(self):
        super().clean()
        course_ids, module_ids, pact_ids = self._chosen_ids()
        errors = {}
        if self.is_material and not (course_ids or pact_ids):
            errors["change_kind"] = _(
                "Perubahan material harus menunjuk minimal satu kursus atau satu pakta "
                "yang terdampak (tab Dampak)."
            )
        if self.is_material and not self.impact_reason.strip():
            errors["impact_reason"] = _(
                "Tulis alasan singkat untuk peserta yang wajib sertifikasi ulang."
            )
        pages = Page.objects.select_related("content_type").in_bulk(
            [*course_ids, *module_ids, *pact_ids]
        )
        for ids, kind, message in (
            (course_ids, COURSE_PAGE_TYPE, _("Kursus terdampak harus halaman kursus.")),
            (module_ids, MODULE_PAGE_TYPE, _("Modul yang berubah harus halaman modul.")),
            (pact_ids, PACT_PAGE_TYPE, _("Pakta terdampak harus halaman pakta.")),
        ):
            if any(i in pages and not _page_type_is(pages[i], kind) for i in ids):
                errors.setdefault("change_kind", message)
        course_paths = [pages[i].path for i in course_ids if i in pages]
        orphans = [
            pages[i].title
            for i in module_ids
            if i in pages and not any(pages[i].path.startswith(p) for p in course_paths)
        ]
        if orphans:
            errors.setdefault(
                "change_kind",
                _(
                    "Modul yang berubah harus bagian dari kursus yang terdampak. "
                    "Tambahkan kursusnya atau hapus modul ini: %(modules)s."
                )
                % {"modules": ", ".join(orphans)},
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .selectors import update_regulations

        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent().specific
        context["feed_urls"] = index_page.feed_urls()
        context["regulations"] = update_regulations(update=self)
        return context


class _ImpactLink(Orderable):
    class Meta(Orderable.Meta):
        abstract = True


class UpdateAffectedCourse(_ImpactLink):
    """A course the update affects (material: its learners re-take the changed modules)."""

    page = ParentalKey(
        RegulationUpdatePage, on_delete=models.CASCADE, related_name="affected_courses"
    )
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("kursus")
    )

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("kursus terdampak")


class UpdateChangedModule(_ImpactLink):
    """A module whose content changed; it belongs to one of the affected courses."""

    page = ParentalKey(
        RegulationUpdatePage, on_delete=models.CASCADE, related_name="changed_modules"
    )
    module = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("modul")
    )

    panels = [PageChooserPanel("module", page_type="courses.ModulePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("modul yang berubah")


class UpdateAffectedPact(_ImpactLink):
    """A pact the update affects (material: its signers sign again)."""

    page = ParentalKey(
        RegulationUpdatePage, on_delete=models.CASCADE, related_name="affected_pacts"
    )
    pact = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("pakta")
    )

    panels = [PageChooserPanel("pact", page_type="certificates.PactPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("pakta terdampak")


class UpdateRegulation(Orderable):
    """A regulation of the library (`regulations.RegulationPage`) this update concerns."""

    page = ParentalKey(RegulationUpdatePage, on_delete=models.CASCADE, related_name="regulations")
    regulation = models.ForeignKey(
        "regulations.RegulationPage",
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("regulasi"),
    )

    panels = [PageChooserPanel("regulation")]

    class Meta(Orderable.Meta):
        verbose_name = _("regulasi terkait")


class UpdateImpact(models.Model):
    """What one published revision of an update required, and when it was applied.

    One row per published revision (written by `services.impact_record` when the revision
    goes live, whether by a reviewer's approval, a direct publish or the scheduler), so
    the history shows who required what and when. The ids are a snapshot of the revision:
    later edits of the page never change them. Written only by `services`."""

    update = models.ForeignKey(
        RegulationUpdatePage,
        on_delete=models.PROTECT,
        related_name="impacts",
        verbose_name=_("pembaruan"),
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("revisi"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    published_at = models.DateTimeField(_("diterbitkan pada"))
    change_kind = models.CharField(_("jenis perubahan"), max_length=10, choices=ChangeKind.choices)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    course_ids = models.JSONField(_("kursus"), default=list)
    changed_module_ids = models.JSONField(_("modul yang berubah"), default=list)
    pact_ids = models.JSONField(_("pakta"), default=list)
    applied_at = models.DateTimeField(_("diterapkan pada"), null=True, blank=True)
    affected_count = models.PositiveIntegerField(_("peserta terdampak"), default=0)
    renewed_count = models.PositiveIntegerField(_("peserta diulang"), default=0)

    class Meta:
        verbose_name = _("dampak pembaruan")
        verbose_name_plural = _("riwayat dampak pembaruan")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.update.title} · {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def is_material(self) -> bool:
        return self.change_kind == ChangeKind.MATERIAL
