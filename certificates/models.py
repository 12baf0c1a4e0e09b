"""Pacts and the evidence behind them.

Pages (edited in Wagtail, with revisions and moderation): PactIndexPage > PactPage. Every
publish that changes a pact's text freezes a new `PactVersion` (content-addressed, like a
quiz version); learners sign a version, never the live page, so the signed words are the
words shown. Records (`PactSignature`, `EvidenceEntry`) are written only by `services.py`.

`EvidenceEntry` is append-only: rows are written only by `services.evidence_append`,
which serialises appends, and PostgreSQL refuses UPDATE and DELETE on the table with a
trigger (migration 0002). `manage.py verify_evidence` recomputes the chain.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from netra.home.page_cache import CachedViewRestrictionsMixin
from netra.people.audience import audience_edit_panels
from netra.people.models import AudienceMixin


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


class PactIndexPage(Page):
    """ "Pakta Integritas": the pacts that apply to the signed-in learner."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["certificates.PactPage"]
    max_count = 1

    class Meta:
        verbose_name = _("daftar pakta integritas")

    def get_context(self, request, *args, **kwargs):
        from .selectors import pact_cards_for_learner

        context = super().get_context(request, *args, **kwargs)
        context["cards"] = pact_cards_for_learner(user=request.user)
        return context


class PactPage(CachedViewRestrictionsMixin, AudienceMixin, Page):
    """One pact (e.g. for an election period). Its text is plain text on purpose: it is
    hashed, printed and compared clause by clause, so no markup can hide in it."""

    election_period = models.ForeignKey(
        "campaigns.ElectionPeriod",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pacts",
        verbose_name=_("periode pemilihan"),
    )
    required_course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kursus prasyarat"),
        help_text=_("Peserta harus menyelesaikan kursus ini (termasuk lulus kuisnya) dahulu."),
    )
    preamble = models.TextField(
        _("pembuka"),
        max_length=2000,
        help_text=_("Dicetak sebelum identitas penanda tangan, mis. 'Yang bertanda tangan…'."),
    )
    commitment_intro = models.TextField(
        _("pengantar butir pakta"), max_length=1000, help_text=_("Mis. 'Dengan ini menyatakan…'.")
    )
    clauses = StreamField(
        [("clause", blocks.TextBlock(label=_("butir"), max_length=2000))],
        min_num=1,
        verbose_name=_("butir pakta"),
    )
    closing = models.TextField(
        _("penutup"),
        max_length=2000,
        help_text=_("Mis. kesediaan menerima sanksi sesuai peraturan bila melanggar."),
    )
    consent_text = models.CharField(
        _("pernyataan persetujuan"),
        max_length=500,
        help_text=_("Kalimat yang dicentang peserta sebelum menandatangani."),
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "Menerbitkan perubahan pada teks pakta (judul, pembuka, butir, penutup atau "
                "pernyataan) membuat versi baru: semua pegawai sasaran wajib menandatangani "
                "ulang. Tanda tangan versi lama tetap sah sebagai riwayat."
            )
        ),
        FieldRowPanel([FieldPanel("election_period"), FieldPanel("required_course")]),
        FieldPanel("preamble"),
        FieldPanel("commitment_intro"),
        FieldPanel("clauses"),
        FieldPanel("closing"),
        FieldPanel("consent_text"),
    ]
    audience_panels = audience_edit_panels()
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Isi")),
            ObjectList(audience_panels, heading=_("Sasaran")),
            ObjectList(Page.promote_panels, heading=_("Promosi")),
            ObjectList(Page.settings_panels, heading=_("Pengaturan")),
        ]
    )
    parent_page_types = ["certificates.PactIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pakta integritas")
        verbose_name_plural = _("pakta integritas")

    def get_context(self, request, *args, **kwargs):
        from .forms import SignForm
        from .selectors import pact_context_for_learner

        context = super().get_context(request, *args, **kwargs)
        context.update(pact_context_for_learner(user=request.user, pact=self))
        if context.get("version") is not None and "form" not in context:
            context["form"] = SignForm(version=context["version"])
        return context


class PactAudienceOffice(Orderable):
    """One office subtree a pact targets."""

    audience_parent = "pact"

    pact = ParentalKey(PactPage, on_delete=models.CASCADE, related_name="audience_offices")
    office = models.ForeignKey(
        "people.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit kerja")
    )

    panels = [FieldPanel("office")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pact", "office"], name="certificates_audience_unique")
        ]


class PactVersion(models.Model):
    """The exact text of a pact as published, frozen. `content` is what the sign page and
    the PDF show; `content_hash` (SHA-256 of its canonical JSON) goes into the evidence."""

    pact = models.ForeignKey(PactPage, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content = models.JSONField(_("teks"))
    content_hash = models.CharField(_("hash teks"), max_length=64)
    published_at = models.DateTimeField(_("diterbitkan"))

    class Meta:
        verbose_name = _("versi pakta")
        verbose_name_plural = _("versi pakta")
        ordering = ["pact", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pact", "number"], name="certificates_version_unique")
        ]

    def __str__(self):
        return f"{self.content.get('title', '')} (v{self.number})"


class PactSignature(models.Model):
    """One learner's signature on one pact version, with a snapshot of who they were at
    the time (name, NIP, jabatan, office), so later roster changes never rewrite it."""

    # Thousands a day; Wagtail's usage index would queue a job for every save.
    wagtail_reference_index_ignore = True

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(PactVersion, on_delete=models.PROTECT, related_name="signatures")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pact_signatures"
    )
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="pact_signatures"
    )
    # The signer's office path at signing time: HR scoping without a join.
    office_path = models.CharField(max_length=255, db_index=True)
    signer = models.JSONField(_("identitas penanda tangan"))
    typed_name = models.CharField(_("nama yang diketik"), max_length=300)
    signed_at = models.DateTimeField(_("waktu tanda tangan"))
    reauthenticated_at = models.DateTimeField(_("waktu autentikasi ulang"))
    auth_methods = models.JSONField(_("metode autentikasi"))
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    user_agent = models.CharField(_("peramban"), max_length=400, blank=True)
    evidence = models.OneToOneField(
        EvidenceEntry, on_delete=models.PROTECT, related_name="pact_signature"
    )
    verification_code = models.CharField(max_length=40, unique=True)
    pdf = models.FileField(_("PDF"), upload_to="pakta/", blank=True, max_length=200)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_generated_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_reason = models.CharField(_("alasan pencabutan"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tanda tangan pakta")
        verbose_name_plural = _("tanda tangan pakta")
        ordering = ["-signed_at"]
        # Nobody adds, edits or deletes signatures in the admin; some may revoke them.
        default_permissions = ("view",)
        permissions = [("revoke_pactsignature", _("Dapat mencabut tanda tangan pakta"))]
        constraints = [
            # Double clicks, retries and two tabs end in one signature per person and version.
            models.UniqueConstraint(fields=["version", "user"], name="certificates_one_signature")
        ]

    def __str__(self):
        return f"{self.signer.get('full_name', '')} — {self.version}"

    @property
    def status_label(self) -> str:
        return _("Dicabut") if self.revoked_at else _("Berlaku")


class PactRenewalRequest(models.Model):
    """What a material regulation update asked of one signer of a pact: sign its new
    version. Written by `pact_renewal.py` (the handler `netra.updates` calls for every
    published update), resolved by `services.pact_sign` when the learner signs the current
    version. Unique per update, so the same update applied twice asks nobody twice. The
    update is named by page id with a snapshot of its title and URL (no import of it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pact_renewal_requests"
    )
    pact = models.ForeignKey(PactPage, on_delete=models.PROTECT, related_name="renewal_requests")
    # The version the learner had signed (what the sign page compares with) and the one
    # they are asked to sign.
    signed_version = models.ForeignKey(
        PactVersion, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    version = models.ForeignKey(PactVersion, on_delete=models.PROTECT, related_name="+")
    update_page_id = models.PositiveIntegerField(_("halaman pembaruan"))
    impact_id = models.PositiveIntegerField(_("dampak"), null=True, blank=True)
    update_title = models.CharField(_("pembaruan"), max_length=255)
    update_url = models.CharField(_("alamat pembaruan"), max_length=500, blank=True)
    reason = models.TextField(_("alasan"))
    created_at = models.DateTimeField(_("diminta"))
    resolved_at = models.DateTimeField(_("diperbarui"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan tanda tangan ulang pakta")
        verbose_name_plural = _("permintaan tanda tangan ulang pakta")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "pact", "update_page_id"], name="certificates_pact_renewal_once"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.pact_id} ({self.update_title})"


# --- Certificates --------------------------------------------------------------------------

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Tulis warna sebagai kode hex enam digit, mis. #0f3d5e.")
)


@register_setting(icon="doc-full")
class CertificateDesign(BaseGenericSetting):
    """How certificates look, edited in Settings > "Desain sertifikat". A change applies
    to certificates rendered from then on; issued PDFs are never re-rendered."""

    issuer_name = models.CharField(
        _("nama instansi"), max_length=160, default="Pemerintah Kota Wiratama"
    )
    issuer_unit = models.CharField(
        _("unit penerbit"),
        max_length=200,
        blank=True,
        default="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Dicetak kecil (JPEG 150 dpi); gunakan logo berlatar putih."),
    )
    title = models.CharField(_("judul"), max_length=60, default="SERTIFIKAT")
    statement = models.CharField(
        _("pernyataan"),
        max_length=300,
        default=(
            "telah menyelesaikan seluruh modul, lulus kuis, dan menandatangani pakta "
            "integritas pada kursus"
        ),
    )
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=160, blank=True)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    signatory_id = models.CharField(
        _("NIP penanda tangan"), max_length=40, blank=True, help_text=_("Mis. NIP 1975…")
    )
    signatory_place = models.CharField(
        _("tempat penerbitan"), max_length=80, default="Wiratama", help_text=_("Mis. Wiratama")
    )
    primary_colour = models.CharField(
        _("warna utama"), max_length=7, default="#0f3d5e", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("warna aksen"), max_length=7, default="#c8a24a", validators=[colour_validator]
    )
    paper_colour = models.CharField(
        _("warna kertas"), max_length=7, default="#ffffff", validators=[colour_validator]
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("issuer_name"), FieldPanel("issuer_unit"), FieldPanel("logo")],
            heading=_("Penerbit"),
        ),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("statement")], heading=_("Teks")),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signatory_id"),
                FieldPanel("signatory_place"),
            ],
            heading=_("Penanda tangan"),
        ),
        FieldRowPanel(
            [FieldPanel("primary_colour"), FieldPanel("accent_colour"), FieldPanel("paper_colour")],
            heading=_("Warna"),
        ),
    ]

    class Meta:
        verbose_name = _("desain sertifikat")


def _new_salt() -> str:
    return secrets.token_hex(8)


class Certificate(models.Model):
    """A course certificate. Issued, superseded and revoked only by `certification.py`,
    each change recorded in the evidence chain. The recipient is a snapshot (name with
    titles, NIP, office at issue), like a pact signer.

    At most one current (not superseded) certificate per learner and course; renewing the
    course issues a new one and marks the old one superseded, which stays verifiable."""

    # Thousands a day; Wagtail's usage index would queue a job for every save.
    wagtail_reference_index_ignore = True

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Set right after the insert from the id (see rules.certificate_number).
    number = models.CharField(_("nomor"), max_length=32, unique=True, null=True, blank=True)
    verification_code = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="certificates"
    )
    # The holder's office path at issue: HR scoping without a join.
    office_path = models.CharField(max_length=255, db_index=True)
    recipient = models.JSONField(_("penerima"))
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("kursus"),
    )
    course_title = models.CharField(_("judul kursus"), max_length=255)
    enrolment = models.ForeignKey(
        "courses.Enrolment", on_delete=models.PROTECT, related_name="certificates"
    )
    cycle = models.PositiveSmallIntegerField(_("putaran"), default=1)
    course_completed_at = models.DateTimeField(_("kursus selesai"))
    pact_signatures = models.ManyToManyField(PactSignature, related_name="+", blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    validity_note = models.CharField(_("keterangan masa berlaku"), max_length=255)
    evidence = models.OneToOneField(
        EvidenceEntry, on_delete=models.PROTECT, related_name="certificate"
    )
    pdf = models.FileField(_("PDF"), upload_to="sertifikat/", blank=True, max_length=200)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_generated_at = models.DateTimeField(null=True, blank=True)
    pdf_failures = models.PositiveSmallIntegerField(default=0)
    # Salt of the hashed NIP in the Open Badges credential: stored, so the credential is
    # the same bytes every time it is downloaded.
    badge_salt = models.CharField(max_length=32, default=_new_salt, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    expiry_notified_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("digantikan oleh"),
    )
    superseded_at = models.DateTimeField(_("digantikan"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_reason = models.CharField(_("alasan pencabutan"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-issued_at"]
        default_permissions = ("view",)
        permissions = [("revoke_certificate", _("Dapat mencabut sertifikat"))]
        constraints = [
            # Two workers (or a retried job) finishing the same completion issue one.
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(superseded_at__isnull=True),
                name="certificates_one_current_per_course",
            ),
            models.UniqueConstraint(
                fields=["enrolment", "cycle"], name="certificates_one_per_cycle"
            ),
        ]
        indexes = [
            models.Index(fields=["valid_until"], name="certificates_valid_until"),
        ]

    def __str__(self):
        return f"{self.number or self.reference} — {self.holder_name}"

    @property
    def holder_name(self) -> str:
        return self.recipient.get("full_name", "")


class CertificateRequest(models.Model):
    """A learner may have earned a course's certificate (course completed, required pact
    signed): the outbox `outbox.py` drains in batches. Written in the same transaction as
    the completion, so a request exists exactly when the completion does, and a worker
    outage loses none. Deleted once decided (issued, or a requirement still missing); one
    per learner and course however often it is asked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(_("diminta"), default=timezone.now)
    # A request whose batch failed is retried alone, later each time.
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("permintaan sertifikat")
        verbose_name_plural = _("permintaan sertifikat")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="certificates_request_once")
        ]
        indexes = [models.Index(fields=["not_before"], name="certificates_request_due")]

    def __str__(self):
        return f"{self.user_id} — {self.course_id}"
