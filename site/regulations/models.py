"""The regulation library: the laws, regulations and circulars the courses rest on.

Pages: RegulationIndexPage (one, under the home page) > RegulationPage, both public and
edited in the Wagtail admin with revisions. Lists and the "amended by / revoked by" links
are read through `selectors.py`; the status rule is `rules.py`. Course modules and quiz
feedback cite a RegulationPage through a page chooser (courses/blocks.py, quizzes/blocks.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from netra.home import richtext

from . import rules


class RegulationType(models.TextChoices):
    UU = "uu", _("Undang-Undang (UU)")
    PERPPU = "perppu", _("Perppu")
    PP = "pp", _("Peraturan Pemerintah (PP)")
    PERPRES = "perpres", _("Peraturan Presiden (Perpres)")
    PERMEN = "permen", _("Peraturan Menteri (Permen, PermenPAN-RB)")
    PERATURAN_BKN = "perbkn", _("Peraturan BKN")
    PERATURAN_LEMBAGA = "perlembaga", _("Peraturan lembaga (KPU, Bawaslu, …)")
    SKB = "skb", _("Keputusan Bersama (SKB)")
    KEPUTUSAN = "keputusan", _("Keputusan")
    SE = "se", _("Surat Edaran (SE)")
    SURAT = "surat", _("Surat")
    PUTUSAN = "putusan", _("Putusan pengadilan (MK, MA)")
    LAINNYA = "lainnya", _("Lainnya")


# The abbreviation used in citations ("PP 94/2021"), never translated.
TYPE_ABBREVIATIONS = {
    RegulationType.UU: "UU",
    RegulationType.PERPPU: "Perppu",
    RegulationType.PP: "PP",
    RegulationType.PERPRES: "Perpres",
    RegulationType.PERMEN: "Permen",
    RegulationType.PERATURAN_BKN: "Peraturan BKN",
    RegulationType.PERATURAN_LEMBAGA: "Peraturan",
    RegulationType.SKB: "SKB",
    RegulationType.KEPUTUSAN: "Keputusan",
    RegulationType.SE: "SE",
    RegulationType.SURAT: "Surat",
    RegulationType.PUTUSAN: "Putusan",
    RegulationType.LAINNYA: "",
}


class RegulationStatus(models.TextChoices):
    BERLAKU = rules.BERLAKU, pgettext_lazy("regulation status", "Berlaku")
    DIUBAH = rules.DIUBAH, pgettext_lazy("regulation status", "Diubah")
    DICABUT = rules.DICABUT, pgettext_lazy("regulation status", "Dicabut")


class RegulationIndexPage(Page):
    """The public, searchable list of regulations (one per site). Filters and paging are
    read by `selectors.regulation_library`; the form is `forms.LibraryFilterForm`."""

    # Public: anyone may read the rules that bind civil servants (see home.wagtail_hooks).
    login_required = False

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["regulations.RegulationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("pustaka regulasi")

    def get_context(self, request, *args, **kwargs):
        from .forms import LibraryFilterForm
        from .selectors import regulation_library

        context = super().get_context(request, *args, **kwargs)
        form = LibraryFilterForm(request.GET or None)
        context["form"] = form
        context.update(
            regulation_library(
                index=self, filters=form.filters(), page_number=request.GET.get("halaman")
            )
        )
        return context


class RegulationPage(Page):
    """One law, regulation, joint decree or circular, edited by content editors. The page
    title is its full name ("Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil
    Negara"). Which later regulations amend or revoke it is recorded on *those* pages
    (`RegulationRelation`) and shown here in reverse."""

    login_required = False

    regulation_type = models.CharField(
        _("jenis"), max_length=16, choices=RegulationType.choices, db_index=True
    )
    number = models.CharField(
        _("nomor"), max_length=120, help_text=_("mis. 20, 800-5474, atau B/36/M.SM.00.00")
    )
    year = models.PositiveSmallIntegerField(_("tahun"), db_index=True)
    short_name = models.CharField(
        _("sebutan singkat"),
        max_length=80,
        blank=True,
        help_text=_(
            "Dipakai di kutipan dan daftar, mis. 'SKB Netralitas ASN 2022'. "
            "Kosongkan untuk 'jenis nomor/tahun' (mis. 'PP 94/2021')."
        ),
    )
    issuer = models.CharField(
        _("penerbit"), max_length=255, help_text=_("mis. Presiden RI, Menteri PANRB, Kepala BKN")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegulationStatus.choices,
        default=RegulationStatus.BERLAKU,
        help_text=_(
            "Status menurut editor. Bila regulasi lain yang terbit mencatat mencabut atau "
            "mengubah regulasi ini, halaman menampilkan status yang lebih tegas."
        ),
    )
    effective_date = models.DateField(_("tanggal berlaku"), null=True, blank=True)
    summary = RichTextField(
        _("ringkasan"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dokumen resmi (PDF)"),
    )
    official_url = models.URLField(
        _("tautan JDIH"), blank=True, help_text=_("Salinan resmi, mis. di peraturan.bpk.go.id")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("regulation_type"), FieldPanel("number")]),
                FieldRowPanel([FieldPanel("year"), FieldPanel("short_name")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("effective_date")]),
            ],
            heading=_("Identitas"),
        ),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("official_url")]),
        InlinePanel(
            "relations",
            heading=_("Mengubah atau mencabut"),
            label=_("regulasi"),
            help_text=_("Regulasi lama yang diubah atau dicabut oleh regulasi ini."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("number"),
        index.SearchField("short_name", boost=2),
        index.SearchField("summary"),
        index.SearchField("issuer"),
        index.AutocompleteField("short_name"),
        index.FilterField("regulation_type"),
        index.FilterField("year"),
        index.FilterField("status"),
    ]
    parent_page_types = ["regulations.RegulationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("regulasi")
        verbose_name_plural = _("regulasi")

    @property
    def label(self) -> str:
        """How courses and quizzes cite it: the short name, else "PP 94/2021"."""
        if self.short_name:
            return self.short_name
        abbreviation = TYPE_ABBREVIATIONS.get(self.regulation_type, "")
        return f"{abbreviation} {self.number}/{self.year}".strip()

    def summary_html(self):
        """The summary, sanitised: stored HTML may not have come through the editor."""
        return richtext.render(self.summary)

    def clean(self):
        super().clean()
        twins = RegulationPage.objects.filter(
            regulation_type=self.regulation_type, number=self.number, year=self.year
        ).exclude(pk=self.pk)
        if self.regulation_type and self.number and self.year and twins.exists():
            raise ValidationError(
                {"number": _("Regulasi dengan jenis, nomor dan tahun ini sudah ada di pustaka.")}
            )
        targets = [r.target_id for r in self.relations.all() if r.target_id]
        if self.pk in targets:
            raise ValidationError(_("Sebuah regulasi tidak dapat mengubah atau mencabut dirinya."))
        if len(targets) != len(set(targets)):
            raise ValidationError(
                _("Regulasi yang sama tercantum dua kali di 'Mengubah atau mencabut'.")
            )

    def get_context(self, request, *args, **kwargs):
        from .selectors import regulation_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(regulation_detail(regulation=self))
        return context


class RelationKind(models.TextChoices):
    AMENDS = rules.AMENDS, _("Mengubah")
    REVOKES = rules.REVOKES, _("Mencabut")


class RegulationRelation(Orderable):
    """ "`regulation` amends or revokes `target`", entered on the newer regulation and
    saved with its revision; only live pages' rows count (see selectors)."""

    regulation = ParentalKey(RegulationPage, on_delete=models.CASCADE, related_name="relations")
    target = models.ForeignKey(
        RegulationPage,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        verbose_name=_("regulasi lama"),
    )
    kind = models.CharField(
        _("hubungan"), max_length=16, choices=RelationKind.choices, default=RelationKind.REVOKES
    )
    note = models.CharField(
        _("catatan"), max_length=255, blank=True, help_text=_("mis. 'sebagian: Pasal 5 dan 8'")
    )

    panels = [FieldRowPanel([FieldPanel("target"), FieldPanel("kind")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("hubungan regulasi")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "target"], name="regulations_relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(regulation=models.F("target")),
                name="regulations_relation_not_self",
            ),
        ]
